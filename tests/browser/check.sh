#!/bin/sh
# The progress report in a real browser (`make test-browser`; not part of
# `make test`). Builds a database with Plan 114 and the illustrative values
# of tests/browser/demo.lua, writes report.html, renders it in headless
# Chromium and checks that:
#   - the page refers to nothing outside itself (no script, link, image,
#     frame, url() or @import);
#   - Chromium logs no console message while loading it (the page has no
#     script, so any message is an error);
#   - the DOM Chromium built holds the report's title and its charts;
#   - the screenshot is not blank (tests/browser/png_check.py);
#   - Chromium's --print-to-pdf makes A4 pages (595 x 842 pt, by pdfinfo);
#   - tests/browser/layout.js (puppeteer-core driving the same chromium):
#     no sideways scrolling at 1280 px and at 390 px, every badge on screen
#     and heatmap labels of 10 px or more at 390 px, axe-core with 0
#     violations at both widths, and in print no table past the A4 width
#     and every badge with a border and dark text;
#   - the Nu Html Checker (vnu-jar, run with java) finds 0 errors.
# puppeteer-core, axe-core and vnu-jar are installed with npm into
# build/browser/node_modules; when npm cannot reach its registry (or node,
# npm or java is missing) those checks are skipped with a line saying so.
# Installs Debian's chromium with apt-get when it is missing and this runs
# as root; otherwise prints the command.
#
# usage: tests/browser/check.sh [--screenshot FILE.png]
#   --screenshot FILE.png  also write a small screenshot of the top of the
#                          report there (README's docs/report.png), the top
#                          at 390 px to FILE-phone.png and the first printed
#                          page to FILE-print.png
set -eu
cd "$(dirname "$0")/../.."

shot_out=""
if [ "${1:-}" = "--screenshot" ] && [ -n "${2:-}" ]; then
  shot_out=$2
elif [ $# -gt 0 ]; then
  echo "usage: tests/browser/check.sh [--screenshot FILE.png]" >&2
  exit 2
fi

BIN=${PLANWATCH_BIN:-build/planwatch}
TODAY=2025-06-30   # fixed, so the report (and the screenshot) do not drift
PYTHON=/usr/bin/python3

fail() { echo "test-browser: FAIL: $*" >&2; exit 1; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test-browser: installing chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends chromium \
      || { apt-get update && apt-get install -y --no-install-recommends chromium; } \
      || fail "could not install chromium"
    browser=$(command -v chromium)
  else
    echo "test-browser: chromium is missing; run: sudo apt-get install -y --no-install-recommends chromium" >&2
    exit 1
  fi
fi
[ -x "$BIN" ] || fail "$BIN is missing: run make build"

work=$(mktemp -d /tmp/planwatch-browser.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
db=$work/planwatch.db
html=$work/report.html

"$BIN" --db "$db" init >/dev/null
"$BIN" --db "$db" load plugins/yenbai-114 --quiet >/dev/null
"$BIN" --db "$db" --write run tests/browser/demo.lua >/dev/null
"$BIN" --db "$db" --plugins plugins --today "$TODAY" report --html "$html"
echo "test-browser: wrote the report ($(wc -c < "$html") bytes)"

if grep -Eiq '<script|<link|<img|<iframe|<object|<embed|[[:space:]](src|href)=|url\(|@import' "$html"; then
  fail "the page refers to something outside itself"
fi

# Each run gets a new, empty profile; no network, no first-run pages.
chrome() {
  rm -rf "$work/profile"
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
    --disable-quic --disable-sync \
    --disable-background-networking --disable-component-update --no-first-run \
    --user-data-dir="$work/profile" --hide-scrollbars "$@"
}

chrome --enable-logging=stderr --v=0 --window-size=1280,2000 \
  --screenshot="$work/report.png" "file://$html" >/dev/null 2>"$work/chromium.log" \
  || { cat "$work/chromium.log" >&2; fail "chromium could not render the page"; }
if grep -E ':CONSOLE|Uncaught' "$work/chromium.log" >&2; then
  fail "console messages while loading the page (above)"
fi
echo "test-browser: no console message"

chrome --dump-dom "file://$html" >"$work/dom.html" 2>/dev/null \
  || fail "chromium could not dump the page's DOM"
grep -q 'Báo cáo tiến độ thực hiện Kế hoạch 114/KH-UBND' "$work/dom.html" \
  || fail "the rendered page lacks the report's title"
svgs=$(grep -o '<svg' "$work/dom.html" | wc -l)
[ "$svgs" -ge 10 ] || fail "the rendered page has $svgs charts, expected at least 10"
echo "test-browser: the DOM holds the report and $svgs charts"

[ -s "$work/report.png" ] || fail "no screenshot"
"$PYTHON" tests/browser/png_check.py "$work/report.png" || fail "the screenshot looks blank"

# Printed: A4 pages, whatever the printer's default (the style sheet's @page).
chrome --no-pdf-header-footer --print-to-pdf="$work/report.pdf" "file://$html" >/dev/null 2>&1 \
  || fail "chromium could not print the page to PDF"
pages=$(pdfinfo "$work/report.pdf" | sed -n 's/^Pages: *//p')
size=$(pdfinfo "$work/report.pdf" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p')
# A4 is 210 x 297 mm = 595.3 x 841.9 pt (ISO 216); Chromium rounds to whole pixels.
echo "$size" | awk '{ exit !($1 >= 594 && $1 <= 596 && $2 >= 841 && $2 <= 843) }' \
  || fail "the printed pages are $size pt, not A4 (595 x 842)"
echo "test-browser: printed: $pages A4 pages ($size pt)"

# The npm tools, installed once into build/browser.
tools=build/browser
have_tools=no
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "test-browser: SKIP layout, axe-core and Nu Html Checker: node or npm is missing"
elif [ -d "$tools/node_modules/puppeteer-core" ] && [ -d "$tools/node_modules/axe-core" ] \
    && [ -f "$tools/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
  have_tools=yes
else
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{"private": true}' >"$tools/package.json"
  if (cd "$tools" && timeout 300 npm install --no-audit --no-fund --ignore-scripts \
      puppeteer-core axe-core vnu-jar >npm.log 2>&1); then
    have_tools=yes
  else
    echo "test-browser: SKIP layout, axe-core and Nu Html Checker: npm could not install them (see $tools/npm.log)"
  fi
fi
if [ "$have_tools" = yes ]; then
  NODE_PATH=$PWD/$tools/node_modules CHROMIUM=$browser timeout 300 \
    node tests/browser/layout.js "$html" "$work" || fail "the layout checks (above)"
  if command -v java >/dev/null 2>&1; then
    java -jar "$tools/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only "$html" \
      || fail "the Nu Html Checker found errors (above)"
    echo "test-browser: Nu Html Checker: 0 errors"
  else
    echo "test-browser: SKIP Nu Html Checker: java is missing"
  fi
fi

if [ -n "$shot_out" ]; then
  # The top of the page at 0.7 scale keeps the README's picture small.
  chrome --force-device-scale-factor=0.7 --window-size=1280,1950 \
    --screenshot="$work/small.png" "file://$html" >/dev/null 2>&1 \
    || fail "chromium could not take the small screenshot"
  "$PYTHON" tests/browser/png_check.py "$work/small.png" >/dev/null || fail "the small screenshot looks blank"
  mkdir -p "$(dirname "$shot_out")"
  cp "$work/small.png" "$shot_out"
  echo "test-browser: wrote $shot_out ($(wc -c < "$shot_out") bytes)"
  stem=${shot_out%.png}
  if [ -s "$work/phone.png" ]; then
    "$PYTHON" tests/browser/png_check.py "$work/phone.png" >/dev/null || fail "the phone screenshot looks blank"
    cp "$work/phone.png" "$stem-phone.png"
    echo "test-browser: wrote $stem-phone.png ($(wc -c < "$stem-phone.png") bytes)"
  fi
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/report.pdf" "$work/print" \
    || fail "pdftoppm could not render the first printed page"
  "$PYTHON" tests/browser/png_check.py "$work/print.png" >/dev/null || fail "the printed page looks blank"
  cp "$work/print.png" "$stem-print.png"
  echo "test-browser: wrote $stem-print.png ($(wc -c < "$stem-print.png") bytes)"
fi
echo "test-browser: ok"
