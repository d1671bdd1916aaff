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
#   - the screenshot is not blank (tests/browser/png_check.py).
# Installs Debian's chromium with apt-get when it is missing and this runs
# as root; otherwise prints the command.
#
# usage: tests/browser/check.sh [--screenshot FILE.png]
#   --screenshot FILE.png  also write a small screenshot of the top of the
#                          report there (README's docs/report.png)
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

if [ -n "$shot_out" ]; then
  # The top of the page at 0.7 scale keeps the README's picture small.
  chrome --force-device-scale-factor=0.7 --window-size=1280,1950 \
    --screenshot="$work/small.png" "file://$html" >/dev/null 2>&1 \
    || fail "chromium could not take the small screenshot"
  "$PYTHON" tests/browser/png_check.py "$work/small.png" >/dev/null || fail "the small screenshot looks blank"
  mkdir -p "$(dirname "$shot_out")"
  cp "$work/small.png" "$shot_out"
  echo "test-browser: wrote $shot_out ($(wc -c < "$shot_out") bytes)"
fi
echo "test-browser: ok"
