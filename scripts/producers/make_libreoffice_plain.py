#!/usr/bin/python3
"""Write test/fixtures/producers/libreoffice-plain.xlsx: the register as a plain range (no Excel table),
converted from CSV by LibreOffice Calc's command line.

Usage (from the repository root):  /usr/bin/python3 scripts/producers/make_libreoffice_plain.py

Steps: write a temporary Register.csv (header + the first 40 rows of examples/sample-register.csv, plus
an unheaded notes column: empty header, a note in every data row), then run

    soffice --headless -env:UserInstallation=file:///<tmp profile> \
        --infilter="CSV:44,34,76,1,5/4/7/4/16/4/18/4/27/4,2057,false,true" \
        --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir <tmp> <tmp>/Register.csv

CSV filter options: comma separator (44), double-quote text delimiter (34), UTF-8 (76), start at
line 1, the five date columns (5 Open date, 7 Inspection date, 16 Ungraded inspection date, 18 Report
card date, 27 Headteacher start date) read as DMY (format code 4), locale en-GB (2057) so dd/mm/yyyy
is a date, quoted fields not forced to text, "detect special numbers" on. The sheet takes its name
from the CSV file name, hence Register.csv. Not byte-deterministic: LibreOffice stamps the conversion
time in docProps/core.xml and in the zip entry dates.
"""

import csv
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import register_data as rd  # noqa: E402

OUT = os.path.join(rd.OUT_DIR, "libreoffice-plain.xlsx")
SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
DATE_COLUMNS = ["Open date", "Inspection date", "Ungraded inspection date", "Report card date", "Headteacher start date"]


def infilter(header):
    formats = "/".join(f"{header.index(name) + 1}/4" for name in DATE_COLUMNS)
    return f"CSV:44,34,76,1,{formats},2057,false,true"


def main():
    header, data = rd.read_register()
    work = tempfile.mkdtemp(prefix="lo-plain-")
    try:
        csv_path = os.path.join(work, f"{rd.REGISTER_SHEET}.csv")
        with open(csv_path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header + [""])
            for index, row in enumerate(data):
                writer.writerow(row + [rd.note_for(index)])
        profile = "file://" + os.path.join(work, "profile")
        command = [SOFFICE, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={profile}",
                   f"--infilter={infilter(header)}", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", work, csv_path]
        print("LANG=LC_ALL=en_GB.UTF-8", " ".join(command))
        rd.convert(command, os.path.join(work, f"{rd.REGISTER_SHEET}.xlsx"), OUT, timeout=180, env=rd.soffice_env())
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
