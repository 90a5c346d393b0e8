# Sourced by the TorchScript generators: makes sure Debian's python3-torch (1.13, whose TorchScript files
# libtorch 2.5.1 in DJL loads) is installed, with apt-get when it is missing (needs root or sudo).
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends python3-torch
fi
