#!/usr/bin/python3
"""Write test/fixtures/producers/gnumeric-register.xlsx: the register saved by Gnumeric's ssconvert.

Usage (from the repository root):  /usr/bin/python3 scripts/producers/make_gnumeric_register.py

Steps: write a temporary Register.gnumeric (Gnumeric's own XML: header + the first 40 rows of
examples/sample-register.csv typed by register_data.typed, dates as serial numbers with the format
dd/mm/yyyy, plus the unheaded notes column), then run

    ssconvert --export-type=Gnumeric_Excel:xlsx2 <tmp>/Register.gnumeric <tmp>/Register.xlsx

Why not the CSV: Gnumeric's CSV import guesses each cell's type from the C library's locale, and with
no en_GB locale installed it takes 12/02/2022 as 2 December (m/d/yyyy) and 30/09/2016 as text. Its own
XML says what each cell is. `xlsx2` is the "ISO/IEC 29500:2008 & ECMA 376 2nd edition" exporter (the
other, `xlsx`, is ECMA 376 1st edition). Not byte-deterministic: ssconvert stamps the conversion time
on the zip entries.
"""

import datetime
import os
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import register_data as rd  # noqa: E402

OUT = os.path.join(rd.OUT_DIR, "gnumeric-register.xlsx")
SSCONVERT = shutil.which("ssconvert") or "/usr/bin/ssconvert"
# Gnumeric's value types (gnumeric's value.h): float 40, string 60.
FLOAT, STRING = 40, 60
EPOCH = datetime.date(1899, 12, 30)  # serial 0 of the 1900 system (as Excel counts from March 1900)


def cell(row, col, value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return f'<gnm:Cell Row="{row}" Col="{col}" ValueType="{FLOAT}">{(value - EPOCH).days}</gnm:Cell>'
    if isinstance(value, str):
        return f'<gnm:Cell Row="{row}" Col="{col}" ValueType="{STRING}">{escape(value)}</gnm:Cell>'
    return f'<gnm:Cell Row="{row}" Col="{col}" ValueType="{FLOAT}">{value!r}</gnm:Cell>'


def gnumeric_xml(header, data):
    typed = [[rd.typed(v) for v in row] for row in data]
    date_columns = [c for c in range(len(header)) if any(isinstance(r[c], datetime.date) for r in typed)]
    cells = [cell(0, c, name) for c, name in enumerate(header)]
    for index, row in enumerate(typed):
        cells += [cell(1 + index, c, v) for c, v in enumerate(row)]
        cells.append(cell(1 + index, len(header), rd.note_for(index)))
    styles = "".join(
        f'<gnm:StyleRegion startCol="{c}" startRow="1" endCol="{c}" endRow="{len(data)}"><gnm:Style Format="{rd.DATE_FORMAT}"/></gnm:StyleRegion>'
        for c in date_columns)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<gnm:Workbook xmlns:gnm="http://www.gnumeric.org/v10.dtd">
<gnm:SheetNameIndex><gnm:SheetName>{rd.REGISTER_SHEET}</gnm:SheetName></gnm:SheetNameIndex>
<gnm:Sheets><gnm:Sheet>
<gnm:Name>{rd.REGISTER_SHEET}</gnm:Name>
<gnm:MaxCol>{len(header)}</gnm:MaxCol><gnm:MaxRow>{len(data)}</gnm:MaxRow>
<gnm:Styles>{styles}</gnm:Styles>
<gnm:Cells>{"".join(c for c in cells if c)}</gnm:Cells>
</gnm:Sheet></gnm:Sheets>
</gnm:Workbook>
"""


def main():
    header, data = rd.read_register()
    work = tempfile.mkdtemp(prefix="gnumeric-")
    try:
        source = os.path.join(work, f"{rd.REGISTER_SHEET}.gnumeric")
        with open(source, "w", encoding="utf-8") as handle:
            handle.write(gnumeric_xml(header, data))
        produced = os.path.join(work, f"{rd.REGISTER_SHEET}.xlsx")
        command = [SSCONVERT, "--export-type=Gnumeric_Excel:xlsx2", source, produced]
        print(" ".join(command))
        rd.convert(command, produced, OUT, stderr=subprocess.DEVNULL, timeout=120)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
