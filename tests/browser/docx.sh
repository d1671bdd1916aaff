#!/bin/sh
# The DOCX report in a real office suite (`make test-browser`; not part of
# `make test`): builds a database with Plan 114 and the illustrative values
# of tests/browser/demo.lua, writes report.docx, converts it with LibreOffice
# headless to PDF (which fails on a file it cannot read), renders the first
# page with pdftoppm and checks that it is not blank. Installs Debian's
# libreoffice-writer-nogui and poppler-utils with apt-get when missing and
# run as root; otherwise prints the command.
#
# usage: tests/browser/docx.sh [FILE.png]   (keep the first page there)
set -eu
cd "$(dirname "$0")/../.."

BIN=${PLANWATCH_BIN:-build/planwatch}
TODAY=2024-12-20   # fixed, so the page does not drift
fail() { echo "test-browser: docx: FAIL: $*" >&2; exit 1; }

need=""
command -v libreoffice >/dev/null || need="$need libreoffice-writer-nogui"
command -v pdftoppm >/dev/null || need="$need poppler-utils"
if [ -n "$need" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test-browser: docx: installing$need"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends $need \
      || { apt-get update && apt-get install -y --no-install-recommends $need; } \
      || fail "could not install$need"
  else
    echo "test-browser: docx: missing; run: sudo apt-get install -y --no-install-recommends$need" >&2
    exit 1
  fi
fi

work=$(mktemp -d /tmp/planwatch-docx.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
db=$work/planwatch.db
"$BIN" --db "$db" init >/dev/null
"$BIN" --db "$db" load plugins/yenbai-114 --quiet >/dev/null
"$BIN" --db "$db" --write run tests/browser/demo.lua >/dev/null
"$BIN" --db "$db" --today "$TODAY" submit SCT BC_DONVI_KH114 2024 --at 2024-12-16 \
  --ref 123/SCT-KHTC --ref-date 2024-12-10 --summary "Đã hỗ trợ 2 doanh nghiệp (minh họa)" >/dev/null
"$BIN" --db "$db" --plugins plugins --today "$TODAY" report --docx "$work/report.docx"

timeout 180 libreoffice --headless -env:UserInstallation="file://$work/lo" \
  --convert-to pdf --outdir "$work" "$work/report.docx" >"$work/lo.log" 2>&1 \
  || { cat "$work/lo.log" >&2; fail "LibreOffice could not convert the report"; }
[ -s "$work/report.pdf" ] || { cat "$work/lo.log" >&2; fail "no PDF"; }
pages=$(pdfinfo "$work/report.pdf" | awk '/^Pages:/ { print $2 }')
[ "${pages:-0}" -ge 3 ] || fail "the PDF has ${pages:-0} pages, expected the body and two appendices"
pdftotext -l 1 "$work/report.pdf" - | grep -q "BÁO CÁO" || fail "page 1 has no title"
pdftoppm -png -r 80 -f 1 -l 1 "$work/report.pdf" "$work/page"
/usr/bin/python3 tests/browser/png_check.py "$work"/page-1.png || fail "the first page is blank"
echo "test-browser: docx: LibreOffice converted the report ($pages pages)"
if [ -n "${1:-}" ]; then cp "$work"/page-1.png "$1"; echo "test-browser: docx: wrote $1"; fi
