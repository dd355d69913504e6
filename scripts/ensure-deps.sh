#!/usr/bin/env bash
# Installs the Debian packages qindex builds against, when missing:
# libsqlite3-dev, zlib1g-dev, libisal-dev. Needs root (or sudo) only if
# something is missing.
set -euo pipefail
need=()
for p in libsqlite3-dev zlib1g-dev libisal-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if ((${#need[@]})); then
  echo "installing: ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
