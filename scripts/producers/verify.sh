#!/bin/sh
# Check the producer fixtures: each opens with openpyxl, converts to PDF with LibreOffice, and page 1
# (plus every page, for a look at the chart, picture and pivot) is rendered to PNG with pdftoppm.
# Output goes to a temporary folder (printed at the end), never into the repository.
set -eu
cd "$(dirname "$0")/../.."
OUT="${1:-$(mktemp -d /tmp/producers-verify.XXXXXX)}"
mkdir -p "$OUT"
for f in openpyxl-register libreoffice-register libreoffice-plain xlsxwriter-streamed xlsxwriter-table gnumeric-register; do
  x="test/fixtures/producers/$f.xlsx"
  /usr/bin/python3 -c 'import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); print(sys.argv[1], "opens:", wb.sheetnames)' "$x"
  LANG=en_GB.UTF-8 LC_ALL=en_GB.UTF-8 soffice --headless --norestore -env:UserInstallation="file://$OUT/profile" \
    --convert-to pdf --outdir "$OUT" "$x" >/dev/null 2>&1
  pdfinfo "$OUT/$f.pdf" | grep '^Pages'
  pdftoppm -r 70 -png "$OUT/$f.pdf" "$OUT/$f"
done
rm -rf "$OUT/profile"
echo "PDFs and PNGs in $OUT"
