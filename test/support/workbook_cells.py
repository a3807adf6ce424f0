"""Every cell of every sheet of a workbook as openpyxl (not our code) reads it: value, number format,
fill, font and alignment, plus the sheet's comments, hyperlinks, validations, conditional formats,
tables, merged cells and the workbook's defined names. Printed as JSON for the round-trip tests.

Usage: workbook_cells.py FILE
"""
import datetime
import json
import sys

import openpyxl


def plain(v):
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        return v.isoformat()
    return v


def colour(c):
    return None if c is None else (c.rgb if isinstance(c.rgb, str) else None)


def main(path):
    wb = openpyxl.load_workbook(path)
    names = wb.defined_names
    every = list(names.definedName) if hasattr(names, "definedName") else list(names.values()) + [
        n for ws in wb.worksheets for n in ws.defined_names.values()]
    out = {"sheets": {}, "definedNames": sorted(f"{n.name}={n.attr_text}" for n in every if not n.name.startswith("SchoolRisk.")),
           "ourNames": sorted(f"{n.name}={n.attr_text}" for n in every if n.name.startswith("SchoolRisk.") and n.name != "SchoolRisk.run")}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                cells[c.coordinate] = [plain(c.value), c.number_format, c.fill.fill_type, colour(c.fill.fgColor),
                                       bool(c.font.b), colour(c.font.color), c.alignment.wrap_text]
        out["sheets"][ws.title] = {
            "cells": cells,
            "comments": sorted(f"{c.coordinate}:{c.comment.text}" for row in ws.iter_rows() for c in row if c.comment),
            "hyperlinks": sorted(f"{h.ref}:{h.target or ''}:{h.location or ''}" for h in ws._hyperlinks),
            "validations": sorted(f"{v.sqref}:{v.type}:{v.formula1}" for v in ws.data_validations.dataValidation),
            "conditionalFormats": sorted(f"{r.sqref}" for r in ws.conditional_formatting),
            "tables": {name: ref for name, ref in ws.tables.items()},
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
            "freeze": ws.freeze_panes,
            "images": len(ws._images),
            "charts": len(ws._charts),
        }
    json.dump(out, sys.stdout)


main(sys.argv[1])
