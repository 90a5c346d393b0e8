#!/bin/sh
# Generates the tiny CLIP-shaped TorchScript fixture (and, on request, a ViT-B/32-shaped benchmark model)
# with Debian's python3-torch 1.13, which libtorch 2.5.1 (DJL) loads.
#
#   scripts/make-clip-fixture.sh                 # rewrites the committed test fixture
#   scripts/make-clip-fixture.sh --vit-b32 OUT   # also writes a ViT-B/32-shaped random model (not committed)
#
# Installs python3-torch with apt-get when it is missing (needs root or sudo).
set -eu
cd "$(dirname "$0")/.."

. scripts/debian-torch.sh

exec /usr/bin/python3 scripts/make-clip-fixture.py "$@"
