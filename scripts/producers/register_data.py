"""Shared, fixed contents for the producer fixtures (see README.md in this folder).

Everything here is deterministic: the first 40 data rows of examples/sample-register.csv, the notes
text for the unheaded notes column, and how a CSV text becomes a typed cell value. Run with Debian's
/usr/bin/python3 (the scripts import this module from their own folder).
"""

import csv
import datetime
import os
import re
import shutil
import subprocess

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SOURCE_CSV = os.path.join(ROOT, "examples", "sample-register.csv")
OUT_DIR = os.path.join(ROOT, "test", "fixtures", "producers")

DATA_ROWS = 40
REGISTER_SHEET = "Register"
TABLE_NAME = "SchoolRegister"
DATE_FORMAT = "dd/mm/yyyy"
# Fixed document-property stamp for the openpyxl file (LibreOffice stamps its own; see README).
FIXED_STAMP = datetime.datetime(2026, 1, 5, 9, 0, 0)

_NOTE_TOPICS = [
    "head new in post",
    "governors' minutes reviewed",
    "attendance plan agreed",
    "SEND review booked",
    "no concerns raised",
    "finance & HR follow-up due",
    "curriculum map shared",
    "safeguarding audit, actions open",
]


def read_register():
    """Header plus the first DATA_ROWS rows of the sample register, as lists of strings."""
    with open(SOURCE_CSV, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, data = rows[0], rows[1 : 1 + DATA_ROWS]
    if len(data) != DATA_ROWS:
        raise SystemExit(f"{SOURCE_CSV}: expected at least {DATA_ROWS} data rows, found {len(data)}")
    return header, data


def note_for(index):
    """Note text for data row `index` (0-based): 'Visited dd/mm: <topic>'."""
    day = 1 + (index * 7) % 28
    month = 9 + (index % 4)
    return f"Visited {day:02d}/{month:02d}: {_NOTE_TOPICS[index % len(_NOTE_TOPICS)]}"


def notes():
    return [note_for(i) for i in range(DATA_ROWS)]


_INT = re.compile(r"^-?\d+$")
_FLOAT = re.compile(r"^-?\d*\.\d+$")
_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


def typed(text):
    """CSV text -> cell value the way Excel would take it when typed: '' -> None, integers and decimals
    -> numbers, dd/mm/yyyy -> datetime.date, anything else -> the text unchanged (spaces kept)."""
    if text == "":
        return None
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    match = _DATE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return datetime.date(year, month, day)
    return text


def column_letter(index_1based):
    letters = ""
    n = index_1based
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def soffice_env():
    """Environment for soffice: an en-GB default locale, so Calc's default date format (used for dates
    detected on CSV import) is dd/mm/yy rather than en-US mm/dd/yy, and dc:language says en-GB.
    LibreOffice reads LANG/LC_ALL itself; the glibc locale need not be installed."""
    env = dict(os.environ)
    env["LANG"] = env["LC_ALL"] = "en_GB.UTF-8"
    return env


def convert(command, produced, out, **run_args):
    """Runs a converter (soffice, ssconvert) that writes `produced`, then moves that file to `out`."""
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **run_args)
    if not os.path.exists(produced):
        raise SystemExit(f"{os.path.basename(command[0])} produced no xlsx")
    shutil.move(produced, out)
    print(f"wrote {os.path.relpath(out, ROOT)}")
