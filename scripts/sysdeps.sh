#!/usr/bin/env bash
# Installs the Debian packages the project needs, only when one is missing.
#   fonts-wqy-zenhei            CJK glyphs for PDFs (WeasyPrint) and charts (matplotlib)
#   libpango-1.0-0 libpangoft2  WeasyPrint's text layout
#   chromium                    browser tests (playwright drives /usr/bin/chromium; no download)
#   poppler-utils               pdftotext/pdftoppm: reading generated PDFs in tests and checks
set -euo pipefail
packages=(fonts-wqy-zenhei libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b chromium poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "缺少系统软件包：${missing[*]}；请以 root 身份运行：apt-get install ${missing[*]}" >&2
    exit 1
  fi
else SUDO=""; fi
echo "安装系统软件包：${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
