#!/usr/bin/env bash
# Installs StyleAtlas from this unpacked distribution.
#
#   ./install.sh                 per user: runtime in ~/.local/share/styleatlas, command in ~/.local/bin,
#                                OpenFX bundle in ~/.local/share/styleatlas/OFX/Plugins (add it to OFX_PLUGIN_PATH)
#   sudo ./install.sh --system   system-wide: runtime in /opt/styleatlas, command in /usr/local/bin,
#                                OpenFX bundle in /usr/OFX/Plugins, where every OFX host looks
#   ./install.sh --prefix DIR    runtime in DIR, bundle in DIR/OFX/Plugins, command in DIR/bin
#
# Re-running upgrades in place. ./uninstall.sh (installed next to the runtime) removes everything again.
# 'styleatlas doctor' (without --quick) then checks that the engine starts from the bundle and renders.
set -euo pipefail
src="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"

mode=user
prefix=""
while [ $# -gt 0 ]; do
  case "$1" in
    --system) mode=system ;;
    --prefix) prefix="${2:?--prefix needs a folder}"; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ -n "$prefix" ]; then
  runtime="$prefix"; bindir="$prefix/bin"; ofxdir="$prefix/OFX/Plugins"
elif [ "$mode" = system ]; then
  runtime=/opt/styleatlas; bindir=/usr/local/bin; ofxdir=/usr/OFX/Plugins
else
  runtime="${XDG_DATA_HOME:-$HOME/.local/share}/styleatlas"; bindir="$HOME/.local/bin"; ofxdir="$runtime/OFX/Plugins"
fi

command -v java >/dev/null || { echo "install.sh: Java 17 or newer is required (apt-get install openjdk-17-jre)" >&2; exit 1; }
[ -d "$src/lib" ] || { echo "install.sh: $src/lib is missing; run this from an unpacked distribution" >&2; exit 1; }

mkdir -p "$runtime" "$bindir"
stage="$(mktemp -d "$runtime/.install.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
cp -R "$src/lib" "$src/bin" "$stage/"
cp "$src/uninstall.sh" "$stage/"
# Swap folders in place so a failed copy never leaves a half-installed runtime.
for d in lib bin uninstall.sh; do
  rm -rf "$runtime/$d.old"; [ -e "$runtime/$d" ] && mv "$runtime/$d" "$runtime/$d.old"
  mv "$stage/$d" "$runtime/$d"; rm -rf "$runtime/$d.old"
done
[ "$bindir" = "$runtime/bin" ] || ln -sfn "$runtime/bin/styleatlas" "$bindir/styleatlas"

if [ -d "$src/OFX/StyleAtlas.ofx.bundle" ]; then
  # The runtime keeps the bundle it ships; 'styleatlas install' copies it into the plug-in folder, points
  # its engine launcher at this runtime and records exactly what it wrote (for 'styleatlas uninstall').
  mkdir -p "$runtime/OFX" && rm -rf "$runtime/OFX/StyleAtlas.ofx.bundle"
  cp -R "$src/OFX/StyleAtlas.ofx.bundle" "$runtime/OFX/"
  "$runtime/bin/styleatlas" install --plugin-dir "$ofxdir"
else
  echo "note: this distribution has no OpenFX bundle; the CLI is installed alone"
fi
printf '%s\n%s\n%s\n' "$runtime" "$bindir/styleatlas" "$ofxdir/StyleAtlas.ofx.bundle" > "$runtime/.installed"
echo "StyleAtlas installed in $runtime; command: $bindir/styleatlas"
"$runtime/bin/styleatlas" doctor --quick || echo "install.sh: 'styleatlas doctor' reported a problem (see above)" >&2
