#!/bin/sh
# Generates the device core's C (ts-src/device/core.ts, codegen --lib) into DIR, unless DIR/.stamp
# is newer than every compiler and TypeScript source. Callers hold a lock: host and sanitizer
# builds share DIR.
set -eu
root=$1
dir=$2
if [ -f "$dir/.stamp" ] && [ -z "$(find "$root/ts-src" "$root/codegen" -newer "$dir/.stamp" \( -name '*.ts' -o -name '*.c' -o -name '*.h' \) | head -1)" ]; then
  exit 0
fi
rm -rf "$dir.tmp"
mkdir -p "$dir.tmp"
(cd "$root" && node_modules/.bin/tsx codegen/cli.ts ts-src/device/core.ts --out "$dir.tmp" --lib)
touch "$dir.tmp/.stamp"
rm -rf "$dir"
mv "$dir.tmp" "$dir"
