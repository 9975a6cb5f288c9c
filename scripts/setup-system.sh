#!/usr/bin/env bash
# System packages the toolkit uses on Debian/Ubuntu: a CJK font for Chinese figures, metric
# equivalents of the fonts a Chinese graduate school's Word template names (Liberation for Times New
# Roman; Noto Serif/Sans CJK SC for 宋体/黑体, by a fontconfig alias), so that a rendered check shows
# what Word shows, and the programs that render reports for checking (LibreOffice, poppler,
# Chromium). Run as root.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(fonts-noto-cjk fonts-liberation fontconfig poppler-utils)
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

# 宋体/SimSun and the other Chinese Office font names resolve to Noto CJK SC (same role, close metrics)
aliases=/etc/fonts/conf.d/65-survey-chinese-office-fonts.conf
if [ ! -f "$aliases" ]; then
  cat > "$aliases" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>SimSun</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>SimHei</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>微软雅黑</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
XML
  fc-cache -f >/dev/null 2>&1 || true
fi
