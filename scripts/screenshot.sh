#!/usr/bin/env bash
# Renders a report's HTML pages to PNG with headless Chromium (Debian package
# `chromium`), on screen and in print (PDF → PNG with pdftoppm), to look at them.
#   scripts/screenshot.sh out/sample [shots-folder]
set -euo pipefail
dir=${1:?report folder}
shots=${2:-$dir/screenshots}
mkdir -p "$shots"
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
page="file://$(cd "$dir" && pwd)/index.html"
"$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,4000 \
  --screenshot="$shots/index-screen.png" "$page" 2>/dev/null
"$chrome" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$shots/index-print.pdf" "$page" 2>/dev/null
pdftoppm -png -r 60 "$shots/index-print.pdf" "$shots/index-print"
ls -la "$shots"
