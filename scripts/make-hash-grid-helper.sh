#!/bin/sh
# Generates the TorchScript hash-grid lookup (engine resource atlas/hash-grid-lookup.pt) with Debian's
# python3-torch 1.13, which libtorch 2.5.1 (DJL) loads; it is checked against the DJL op sequence first.
#
#   scripts/make-hash-grid-helper.sh           # rewrites the committed resource
#   scripts/make-hash-grid-helper.sh --bench   # also times reference vs helper (1 thread, 8192 points)
#
# Installs python3-torch with apt-get when it is missing (needs root or sudo).
set -eu
cd "$(dirname "$0")/.."

. scripts/debian-torch.sh

exec /usr/bin/python3 scripts/make-hash-grid-helper.py "$@"
