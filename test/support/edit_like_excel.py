"""Edits a categorised workbook as an analyst would in Excel, with openpyxl standing in for Excel:
renames a result header, inserts a column of their own inside the result block (moving the cells right
and, as Excel does, the defined names that refer to the moved columns), or deletes a result column
(Excel turns a name that referred to it into #REF!).

Usage: edit_like_excel.py IN OUT rename HEADER NEW
       edit_like_excel.py IN OUT insert BEFORE_HEADER NEW_HEADER VALUE
       edit_like_excel.py IN OUT delete HEADER
"""
import re
import sys

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter


def column_of(ws, header):
    for c in ws[1]:
        if c.value == header:
            return c.column
    raise SystemExit(f"no header {header!r}")


def all_names(wb):
    """Every defined name (openpyxl 3.0 keeps them in one list; 3.1 per workbook and per sheet)."""
    names = wb.defined_names
    if hasattr(names, "definedName"):
        return list(names.definedName)
    return list(names.values()) + [n for ws in wb.worksheets for n in ws.defined_names.values()]


def shift_names(wb, at, by):
    """Moves every name that refers to a column at or right of `at` by `by` columns."""
    for dn in all_names(wb):
        def move(m):
            col = column_index_from_string(m.group(1))
            if by < 0 and col == at:
                return "#REF!"
            return f"${get_column_letter(col + by if col >= at else col)}${m.group(2)}"
        text = re.sub(r"\$([A-Z]+)\$(\d+)", move, dn.attr_text)
        if "#REF!" in text:
            text = f"{text.split('!')[0]}!#REF!"
        dn.attr_text = text


def resync_tables(ws, at, by):
    """As Excel does: a column inserted or deleted inside a table widens or narrows it, and a table's
    column names are its header cells."""
    from openpyxl.worksheet.table import TableColumn
    from openpyxl.utils.cell import range_boundaries
    for table in ws.tables.values():
        left, top, right, bottom = range_boundaries(table.ref)
        if by and left <= at <= right + (1 if by < 0 else 0):
            right += by
        ref = f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
        table.ref = ref
        if table.autoFilter is not None:
            table.autoFilter.ref = ref
        table.tableColumns = [TableColumn(id=i + 1, name=str(ws.cell(top, c).value)) for i, c in enumerate(range(left, right + 1))]


def main(src, out, op, *args):
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    if op == "rename":
        ws.cell(1, column_of(ws, args[0])).value = args[1]
        resync_tables(ws, 0, 0)
    elif op == "insert":
        at = column_of(ws, args[0])
        ws.insert_cols(at)
        ws.cell(1, at).value = args[1]
        for r in range(2, ws.max_row + 1):
            ws.cell(r, at).value = args[2]
        shift_names(wb, at, 1)
        resync_tables(ws, at, 1)
    elif op == "delete":
        at = column_of(ws, args[0])
        ws.delete_cols(at)
        shift_names(wb, at, -1)
        resync_tables(ws, at, -1)
    wb.save(out)


main(*sys.argv[1:])
