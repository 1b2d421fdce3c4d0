#!/bin/sh
# Generates the device core's C (ts-src/device/core.ts, codegen --lib) into DIR, unless DIR/.stamp
# is newer than every compiler and TypeScript source. Only files whose text changed are replaced,
# so an edit elsewhere in ts-src recompiles nothing and one in a module recompiles that module.
# Callers hold a lock: host and sanitizer builds share DIR.
set -eu
root=$1
dir=$2
if [ -f "$dir/.stamp" ] && [ -z "$(find "$root/ts-src" "$root/codegen" -newer "$dir/.stamp" \( -name '*.ts' -o -name '*.c' -o -name '*.h' \) | head -1)" ]; then
  exit 0
fi
tmp="$dir.tmp"
rm -rf "$tmp"
mkdir -p "$tmp" "$dir"
(cd "$root" && node_modules/.bin/tsx codegen/cli.ts ts-src/device/core.ts --out "$tmp" --lib)
for f in "$dir"/*.c "$dir"/*.h; do
  [ -e "$f" ] && [ ! -e "$tmp/${f##*/}" ] && rm -f "$f"
done
for f in "$tmp"/*; do
  cmp -s "$f" "$dir/${f##*/}" || cp "$f" "$dir/"
done
rm -rf "$tmp"
touch "$dir/.stamp"
