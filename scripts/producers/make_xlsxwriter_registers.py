#!/usr/bin/python3
"""Write two registers with Debian's XlsxWriter (python3-xlsxwriter):

- test/fixtures/producers/xlsxwriter-streamed.xlsx: `Workbook(path, {'constant_memory': True})`, so
  rows are streamed to the sheet as they are written and every string is an inline string (no
  xl/sharedStrings.xml). Header on row 1 + the 40 rows + the unheaded notes column, as a plain range.
- test/fixtures/producers/xlsxwriter-table.xlsx: the default mode (shared strings), a merged title row
  and an "as at" row (its date merged over B2:C2) ABOVE the header (header on row 3), the register as an Excel table with two
  calculated columns right of the CSV's (formulas with cached results: a number and a text), the
  unheaded notes column right of the table, a Yes/No list validation and a workbook-level defined
  name `AsAt`.

Usage (from the repository root):  /usr/bin/python3 scripts/producers/make_xlsxwriter_registers.py

Dates are date cells (write_datetime, format dd/mm/yyyy), numbers numbers, other text as written
(register_data.typed). Deterministic: fixed contents and a fixed document-property date; XlsxWriter
stamps every zip entry 1980-01-01 itself.
"""

import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import xlsxwriter  # noqa: E402

import register_data as rd  # noqa: E402

STREAMED = os.path.join(rd.OUT_DIR, "xlsxwriter-streamed.xlsx")
TABLE = os.path.join(rd.OUT_DIR, "xlsxwriter-table.xlsx")
TABLE_HEADER_ROW = 3  # 1-based: title (merged) on row 1, "as at" on row 2
AS_AT = datetime.date(2026, 10, 1)
# Calculated columns of the table file: header, formula (a structured reference to this row), and the
# cached result worked out here from the same row, as Excel would have stored it.
CONCERN_FLAGS = ["Attainment concern", "HR concern"]  # first and last of the LA's Yes/No flags


def properties(workbook, title):
    workbook.set_properties({"title": title, "author": "xlsxwriter producer fixture", "created": rd.FIXED_STAMP})


def write_row(ws, r, values, date_format):
    for c, value in enumerate(values):
        if value is None:
            continue
        if isinstance(value, datetime.date):
            ws.write_datetime(r, c, datetime.datetime(value.year, value.month, value.day), date_format)
        elif isinstance(value, str):
            ws.write_string(r, c, value)
        else:
            ws.write_number(r, c, value)


def streamed():
    header, data = rd.read_register()
    workbook = xlsxwriter.Workbook(STREAMED, {"constant_memory": True})
    properties(workbook, "School register (XlsxWriter constant_memory fixture)")
    date_format = workbook.add_format({"num_format": rd.DATE_FORMAT})
    ws = workbook.add_worksheet(rd.REGISTER_SHEET)
    # constant_memory: each row is flushed when the next is started, so rows go strictly in order.
    write_row(ws, 0, header, date_format)
    for index, row in enumerate(data):
        write_row(ws, 1 + index, [rd.typed(v) for v in row] + [rd.note_for(index)], date_format)
    workbook.close()


def table():
    header, data = rd.read_register()
    ncols = len(header)
    first = TABLE_HEADER_ROW - 1  # 0-based header row
    last = first + len(data)
    flags = (header.index(CONCERN_FLAGS[0]), header.index(CONCERN_FLAGS[1]))
    inspected = header.index("Inspection date")

    workbook = xlsxwriter.Workbook(TABLE)
    properties(workbook, "School register (XlsxWriter table fixture)")
    date_format = workbook.add_format({"num_format": rd.DATE_FORMAT})
    title_format = workbook.add_format({"bold": True, "font_size": 14, "align": "center"})
    ws = workbook.add_worksheet(rd.REGISTER_SHEET)

    ws.merge_range(0, 0, 0, 7, "School risk register: autumn review", title_format)
    ws.write_string(1, 0, "As at")
    # The date merged over B2:C2: XlsxWriter gives the covered cell C2 the date format too.
    ws.merge_range(1, 1, 1, 2, datetime.datetime(AS_AT.year, AS_AT.month, AS_AT.day), date_format)

    columns = [{"header": name} for name in header]
    columns.append({"header": "Open concerns",
                    "formula": f'=COUNTIF({rd.TABLE_NAME}[@[{CONCERN_FLAGS[0]}]:[{CONCERN_FLAGS[1]}]],"Yes")'})
    columns.append({"header": "Inspection year", "formula": f'=IF({rd.TABLE_NAME}[@[Inspection date]]="","",TEXT({rd.TABLE_NAME}[@[Inspection date]],"yyyy"))'})
    # Table data first (add_table writes the header and the formula placeholders), then the cells.
    ws.add_table(first, 0, last, ncols + 1, {"name": rd.TABLE_NAME, "columns": columns, "style": "Table Style Medium 9"})
    for index, row in enumerate(data):
        r = first + 1 + index
        values = [rd.typed(v) for v in row]
        write_row(ws, r, values, date_format)
        count = sum(1 for v in values[flags[0]:flags[1] + 1] if v == "Yes")
        this_row = f"{rd.TABLE_NAME}[[#This Row],[{CONCERN_FLAGS[0]}]:[{CONCERN_FLAGS[1]}]]"
        ws.write_formula(r, ncols, f'=COUNTIF({this_row},"Yes")', None, count)
        when = values[inspected]
        ws.write_formula(r, ncols + 1, f'=IF({rd.TABLE_NAME}[[#This Row],[Inspection date]]="","",TEXT({rd.TABLE_NAME}[[#This Row],[Inspection date]],"yyyy"))',
                         None, "" if when is None else str(when.year))
        ws.write_string(r, ncols + 2, rd.note_for(index))

    concern = header.index("Safeguarding concern")
    ws.data_validation(first + 1, concern, last, concern, {"validate": "list", "source": ["Yes", "No"],
                                                          "input_title": "Concern", "input_message": "Yes or No."})
    workbook.define_name("AsAt", f"={rd.REGISTER_SHEET}!$B$2")
    ws.set_column(1, 1, 34)
    ws.set_column(ncols + 2, ncols + 2, 40)
    workbook.close()


def main():
    os.makedirs(rd.OUT_DIR, exist_ok=True)
    streamed()
    table()
    for path in (STREAMED, TABLE):
        print(f"wrote {os.path.relpath(path, rd.ROOT)} (XlsxWriter {xlsxwriter.__version__})")


if __name__ == "__main__":
    main()
