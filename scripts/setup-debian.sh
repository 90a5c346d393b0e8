#!/usr/bin/env bash
# Installs the system packages the build needs beyond Java 17 and Maven, on Debian 12:
#   gcc, make      build the OpenFX shim (ofx-bridge)
#   libasan8       the AddressSanitizer run of the OpenFX harness
#   chromium, chromium-driver   the status page's browser tests (Selenium drives headless Debian chromium;
#                  Selenium Manager never downloads a browser or driver: the tests point it at these)
# Does nothing when they are already there. Called by the README's commands and by .ci/run.
set -euo pipefail
need=()
command -v gcc >/dev/null || need+=(gcc)
command -v make >/dev/null || need+=(make)
ls /usr/lib/x86_64-linux-gnu/libasan.so.* >/dev/null 2>&1 || need+=(libasan8)
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
[ ${#need[@]} -eq 0 ] && exit 0
echo "setup-debian.sh: installing ${need[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}"
