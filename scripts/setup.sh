#!/usr/bin/env bash
# Installs what Folio needs on Debian 12 (only what is missing), configures and builds.
# Usage: scripts/setup.sh [run|test]
#   run  — build, then start Folio on the bundled sample library
#   test — build, then run the whole test suite through CTest
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${FOLIO_BUILD_DIR:-$here/build}"
mode="${1:-run}"

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-webengine-dev qt6-webengine-dev-tools libqt6sql6-sqlite libqt6svg6
  libcmark-gfm-dev libcmark-gfm-extensions-dev libgumbo-dev
  libyaml-cpp-dev libtomlplusplus-dev libsqlite3-dev libicu-dev zlib1g-dev libssl-dev
  libjs-katex fonts-katex libjs-highlight.js fonts-noto-cjk
  xvfb xauth clang-format
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j "$(nproc)"

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
[ "$(id -u)" -eq 0 ] && export QTWEBENGINE_DISABLE_SANDBOX=1

case "$mode" in
  test)
    ctest --test-dir "$build" --output-on-failure -j 2
    ;;
  run)
    # A display: the user's own, else a virtual one so the app can start on a headless box.
    if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
      unset QT_QPA_PLATFORM
      exec "$build/src/app/folio"
    fi
    exec xvfb-run -a "$build/src/app/folio"
    ;;
  *) echo "usage: $0 [run|test]" >&2; exit 2 ;;
esac
