#!/usr/bin/env bash
# Install the Debian packages cxgov needs, only those missing.
#   scripts/install-system-deps.sh run    WeasyPrint's libraries and a CJK font
#   scripts/install-system-deps.sh test   the above plus Chromium, poppler-utils, PostgreSQL and Redis (redis-server)
set -euo pipefail

RUN_PKGS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 fonts-wqy-microhei)
TEST_PKGS=(chromium poppler-utils redis-server)

want=("${RUN_PKGS[@]}")
if [[ "${1:-run}" == "test" ]]; then
  want+=("${TEST_PKGS[@]}")
  # PostgreSQL's server binaries: the image has them; a bare machine gets Debian's.
  if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    want+=(postgresql)
  fi
fi
if ! python3 -m venv --help >/dev/null 2>&1; then
  want+=(python3-venv)
fi

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing system packages: ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  SUDO=sudo
  command -v sudo >/dev/null || { echo "Run as root, or install: ${missing[*]}" >&2; exit 1; }
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
