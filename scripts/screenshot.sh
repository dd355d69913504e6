#!/usr/bin/env bash
# Renders a report's pages with headless Chromium (Debian package `chromium`,
# with fonts-noto-cjk) to look at them as a reader would: index.html, one
# region page and bulletin.html — the first screen at 1366×768, the whole
# page at 1366 wide, a 390-px phone, and print (PDF → PNG with pdftoppm,
# page count printed).
#   scripts/screenshot.sh out/sample [shots-folder]
# Run it on a zh and an en report folder to see both languages.
set -euo pipefail
dir=${1:?report folder}
shots=${2:-$dir/screenshots}
mkdir -p "$shots"
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --disable-component-update)
pages=(index.html)
[ -f "$dir/bulletin.html" ] && pages+=(bulletin.html)
region=$(ls "$dir"/regions/*.html 2>/dev/null | sed -n 2p || true)
[ -n "$region" ] && pages+=("regions/$(basename "$region")")
for p in "${pages[@]}"; do
  name=$(basename "$p" .html)
  url="file://$(cd "$dir" && pwd)/$p"
  "$chrome" "${flags[@]}" --window-size=1366,768 --screenshot="$shots/$name-first-screen.png" "$url" 2>/dev/null
  "$chrome" "${flags[@]}" --window-size=1366,5000 --screenshot="$shots/$name-screen.png" "$url" 2>/dev/null
  "$chrome" "${flags[@]}" --window-size=390,2400 --screenshot="$shots/$name-phone.png" "$url" 2>/dev/null
  "$chrome" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$shots/$name-print.pdf" "$url" 2>/dev/null
  rm -f "$shots/$name-print"-*.png
  pdftoppm -png -r 60 "$shots/$name-print.pdf" "$shots/$name-print"
  echo "$p: $(pdfinfo "$shots/$name-print.pdf" | awk '/^Pages:/{print $2}') A4 page(s) in print, $(wc -c < "$dir/$p") bytes"
done
ls "$shots"
