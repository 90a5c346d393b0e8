#!/usr/bin/env bash
# Removes a StyleAtlas installation made by install.sh: the runtime, the command link and the OpenFX
# bundle. Caches ($XDG_CACHE_HOME/styleatlas) and models ($XDG_DATA_HOME/styleatlas/models) are kept
# unless --purge is given.
set -euo pipefail
runtime="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
manifest="$runtime/.installed"
[ -f "$manifest" ] || { echo "uninstall.sh: $manifest is missing; nothing to uninstall here" >&2; exit 1; }
purge=no
[ "${1:-}" = "--purge" ] && purge=yes
mapfile -t paths < "$manifest"
link="${paths[1]}"; bundle="${paths[2]}"
[ -L "$link" ] && rm -f "$link"
# The bundle: exactly what 'styleatlas install' wrote (its manifest), nothing else in that folder.
if [ -d "$bundle" ]; then
  "$runtime/bin/styleatlas" uninstall --plugin-dir "$(dirname "$bundle")"
fi
rm -rf "$runtime/OFX/StyleAtlas.ofx.bundle"
rm -rf "$runtime/lib" "$runtime/bin" "$runtime/uninstall.sh" "$manifest"
if [ "$purge" = yes ]; then
  rm -rf "${XDG_CACHE_HOME:-$HOME/.cache}/styleatlas" "$runtime/models"
fi
rmdir "$runtime/OFX/Plugins" "$runtime/OFX" "$runtime" 2>/dev/null || true
echo "StyleAtlas removed from $runtime"
