#!/usr/bin/env bash
# System packages the toolkit uses on Debian/Ubuntu: a CJK font for Chinese figures, and the
# programs that render reports for checking (LibreOffice, poppler, Chromium). Run as root.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(fonts-noto-cjk poppler-utils)
if [ "${WITH_RENDERERS:-1}" = "1" ]; then
  packages+=(libreoffice-writer-nogui chromium)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
