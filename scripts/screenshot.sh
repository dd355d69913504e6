#!/usr/bin/env bash
# Renders a report's pages to PNG with headless Chromium (Debian package
# `chromium`) — index.html and one region page, on screen and in print
# (PDF → PNG with pdftoppm) — to look at them as a reader would.
#   scripts/screenshot.sh out/sample [shots-folder]
set -euo pipefail
dir=${1:?report folder}
shots=${2:-$dir/screenshots}
mkdir -p "$shots"
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
pages=(index.html)
region=$(ls "$dir"/regions/*.html 2>/dev/null | sed -n 2p || true)
[ -n "$region" ] && pages+=("regions/$(basename "$region")")
for p in "${pages[@]}"; do
  name=$(basename "$p" .html)
  url="file://$(cd "$dir" && pwd)/$p"
  "$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,4000 \
    --screenshot="$shots/$name-screen.png" "$url" 2>/dev/null
  "$chrome" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$shots/$name-print.pdf" "$url" 2>/dev/null
  pdftoppm -png -r 60 "$shots/$name-print.pdf" "$shots/$name-print"
done
ls -la "$shots"
