#!/usr/bin/env bash
# Prepares this Debian machine for Nudge's tests and demo: checks (and as root installs) the
# Debian packages, then builds mbedTLS 3.6 for the host firmware with the same configuration as
# the device (generated from sdkconfig.defaults). Idempotent: a second run only checks stamps.
#
# usage: scripts/setup.sh [--quiet]
#   NUDGE_SETUP_PACKAGES="a b c"  replaces the package list (tests use it)
#   NUDGE_SETUP_SKIP_MBEDTLS=1    checks packages only
set -euo pipefail

# Debian packages the tests, demo and cross builds need. One list so everyone adds here.
PACKAGES=(
  build-essential cmake clang valgrind dpkg-dev
  radicale xandikos apache2-utils caddy nginx openssl
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf libnewlib-dev qemu-system-misc
  gcc-xtensa-lx106 picolibc-xtensa-lx106-elf
  libexpat1-dev libical-dev python3-kconfiglib
  fonts-dejavu-core xfonts-base bdf2psf
  libpng-dev libclang-rt-14-dev
)
# mbedTLS 3.6 LTS is what ESP-IDF v5.4+/v5.5 ships; 3.6.3 fixed TLS client authentication
# bugs (CVE-2025-27809, CVE-2025-27810) that matter to a device talking to arbitrary servers.
MBEDTLS_MIN_VERSION=3.6.3
TRIXIE_SOURCES=/etc/apt/sources.list.d/nudge-trixie-src.sources
TRIXIE_PIN=/etc/apt/preferences.d/nudge-trixie

QUIET=0
[[ "${1:-}" == "--quiet" ]] && QUIET=1
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { [[ $QUIET == 1 ]] || echo "setup: $*"; }
die() { echo "setup: $*" >&2; exit 1; }
is_root() { [[ $(id -u) == 0 ]]; }

if [[ -n "${NUDGE_SETUP_PACKAGES:-}" ]]; then read -r -a PACKAGES <<<"$NUDGE_SETUP_PACKAGES"; fi

# --- Debian packages -----------------------------------------------------------------------
missing_packages() {
  # One dpkg-query for the whole list and no subprocess per package keeps the all-present case
  # well under 0.3 s.
  local -A installed=()
  local status name
  while read -r status name; do
    if [[ $status == ii ]]; then installed[${name%%:*}]=1; fi
  done < <(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' "${PACKAGES[@]}" 2>/dev/null || true)
  local p
  for p in "${PACKAGES[@]}"; do
    [[ -n "${installed[$p]:-}" ]] || echo "$p"
  done
}

MISSING=$(missing_packages)
MISSING=${MISSING//$'\n'/ }
if [[ -n "$MISSING" ]]; then
  if ! is_root; then
    die "missing Debian packages: $MISSING
  install them with:  sudo apt-get install -y --no-install-recommends $MISSING"
  fi
  echo "setup: installing $MISSING"
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086
  if ! apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 $MISSING; then
    apt-get update -o DPkg::Lock::Timeout=300
    # shellcheck disable=SC2086
    apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 $MISSING
  fi
fi

[[ "${NUDGE_SETUP_SKIP_MBEDTLS:-}" == 1 ]] && exit 0

# --- mbedTLS for the host build -----------------------------------------------------------
DEPS="$ROOT/build/deps"
PREFIX="$ROOT/build/mbedtls"
STAMP="$PREFIX/.stamp"
# Anything that changes the built library goes into the stamp: the config settings (not the
# comments), the generator, and this script's build steps.
WANT_STAMP=$( (grep -E '^(CONFIG_|# CONFIG_)' "$ROOT/sdkconfig.defaults" || true; cat "$ROOT/scripts/mbedtls/gen-config.mjs" "$ROOT/scripts/setup.sh") | sha256sum | cut -c1-16)
up_to_date() { [[ -f "$STAMP" && "$(cat "$STAMP")" == "$WANT_STAMP" && -f "$PREFIX/lib/libmbedtls.a" ]]; }
up_to_date && exit 0
# Several test runs may start at once: one builds, the others wait and then find it done.
mkdir -p "$ROOT/build"
exec 9>"$ROOT/build/.mbedtls.lock"
flock 9
up_to_date && exit 0

# Debian 12 ships mbedTLS 2.28; 3.6 comes as a *source* package from trixie. The sources file
# lists only deb-src, and the pin keeps any trixie binary from ever being installed.
ensure_trixie_sources() {
  if [[ -f "$TRIXIE_SOURCES" && -f "$TRIXIE_PIN" ]] && apt-cache showsrc mbedtls 2>/dev/null | grep -q '^Version: 3\.'; then
    return
  fi
  is_root || die "mbedTLS 3.6 sources are not configured; run once as root:  sudo bash scripts/setup.sh"
  cat >"$TRIXIE_SOURCES" <<'EOF'
# Nudge (scripts/setup.sh): Debian trixie *source* packages only, for the host mbedTLS 3.6
# build. Binary packages never come from trixie (see /etc/apt/preferences.d/nudge-trixie).
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  cat >"$TRIXIE_PIN" <<'EOF'
# Nudge (scripts/setup.sh): never install binary packages from trixie on this bookworm system.
Package: *
Pin: release n=trixie
Pin-Priority: -1
EOF
  # Refresh only the trixie source index; the machine's own lists are left as they are.
  apt-get update -o DPkg::Lock::Timeout=300 -o Dir::Etc::sourcelist="$TRIXIE_SOURCES" \
    -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0 >/dev/null
}
ensure_trixie_sources

version_ge() { [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" == "$2" ]]; }

mkdir -p "$DEPS"
VERSION=$(apt-cache showsrc mbedtls | awk '/^Version: 3\./ { print $2 }' | sort -V | tail -1)
UPSTREAM=${VERSION%%-*}
version_ge "$UPSTREAM" "$MBEDTLS_MIN_VERSION" || die "trixie offers mbedtls $VERSION, need >= $MBEDTLS_MIN_VERSION"
DSC="$DEPS/mbedtls_${VERSION}.dsc"
if [[ ! -f "$DSC" ]]; then
  (cd "$DEPS" && apt-get source --download-only "mbedtls=$VERSION" >/dev/null 2>&1) \
    || die "apt-get source mbedtls=$VERSION failed"
fi

# Upstream sources without Debian's packaging patches: the device builds upstream code too.
SRC="$DEPS/mbedtls-$UPSTREAM"
rm -rf "$SRC"
# The .dsc signer key is not in bookworm's keyrings; apt already checked the Sources index hash.
dpkg-source --skip-patches -x "$DSC" "$SRC" >/dev/null 2>&1
# The generated config replaces mbedtls_config.h and includes the upstream default first (as
# esp_config.h does), so every consumer of build/mbedtls/include gets the same configuration.
mv "$SRC/include/mbedtls/mbedtls_config.h" "$SRC/include/mbedtls/mbedtls_config_upstream.h"
node "$ROOT/scripts/mbedtls/gen-config.mjs" "$ROOT/sdkconfig.defaults" "$SRC/include/mbedtls/mbedtls_config.h"

rm -rf "$PREFIX"
say "building mbedTLS $UPSTREAM (static, -O2) into build/mbedtls"
(
  cd "$SRC" && mkdir -p _build && cd _build
  cmake .. -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE=-O2 \
    -DENABLE_TESTING=OFF -DENABLE_PROGRAMS=OFF \
    -DUSE_STATIC_MBEDTLS_LIBRARY=ON -DUSE_SHARED_MBEDTLS_LIBRARY=OFF \
    -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DCMAKE_INSTALL_PREFIX="$PREFIX" >"$SRC/cmake.log" 2>&1
  make -j"$(nproc)" >"$SRC/make.log" 2>&1
  make install >>"$SRC/make.log" 2>&1
) || die "mbedTLS build failed; see $SRC/make.log"
echo "$UPSTREAM (Debian source $VERSION)" >"$PREFIX/VERSION"
echo "$WANT_STAMP" >"$STAMP"
echo "setup: mbedTLS $(cat "$PREFIX/VERSION") built in build/mbedtls"
