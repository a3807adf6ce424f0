#!/usr/bin/python3
"""Write test/fixtures/producers/manifest.json from the workbooks actually in that folder.

Usage (from the repository root, after the make_*.py scripts):
    /usr/bin/python3 scripts/producers/make_manifest.py

Everything is read from the files (Python zipfile for the package, ElementTree for the parts,
openpyxl for cell values), then checked against what the scripts meant to write (register_data):
the script fails if a workbook lost its notes column, its dates or its row count.
"""

import hashlib
import json
import os
import posixpath
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import openpyxl  # noqa: E402

import register_data as rd  # noqa: E402

MANIFEST = os.path.join(rd.OUT_DIR, "manifest.json")
WORKBOOKS = {
    "openpyxl-register.xlsx": "openpyxl (scripts/producers/make_openpyxl_register.py)",
    "libreoffice-register.xlsx": "LibreOffice Calc over Python-UNO (scripts/producers/make_libreoffice_register.py)",
    "libreoffice-plain.xlsx": "LibreOffice Calc soffice --convert-to from CSV (scripts/producers/make_libreoffice_plain.py)",
    "xlsxwriter-streamed.xlsx": "XlsxWriter constant_memory (scripts/producers/make_xlsxwriter_registers.py)",
    "xlsxwriter-table.xlsx": "XlsxWriter (scripts/producers/make_xlsxwriter_registers.py)",
    "gnumeric-register.xlsx": "Gnumeric ssconvert from its own XML (scripts/producers/make_gnumeric_register.py)",
}
# Headed columns a workbook has right of the CSV's (formulas with cached results), before the notes column.
CALCULATED_COLUMNS = {"xlsxwriter-table.xlsx": ["Open concerns", "Inspection year"]}
NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
}
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

# Parts an analyst (or Excel) puts in a workbook that a tool editing cells must carry through untouched.
ANALYST_PART_PATTERNS = [
    r"^xl/charts/",
    r"^xl/chartsheets/",
    r"^xl/drawings/",          # DrawingML anchors and VML (comment shapes, form controls), with their _rels
    r"^xl/media/",
    r"^xl/embeddings/",
    r"^xl/pivotTables/",
    r"^xl/pivotCache/",
    r"^xl/comments[^/]*\.xml$",  # LibreOffice: xl/comments1.xml
    r"^xl/comments/",          # openpyxl: xl/comments/comment1.xml
    r"^xl/threadedComments/",
    r"^xl/persons/",
    r"^xl/tables/",
    r"^xl/queryTables/",
    r"^xl/connections\.xml$",
    r"^xl/externalLinks/",
    r"^xl/slicers/",
    r"^xl/slicerCaches/",
    r"^xl/timelines/",
    r"^xl/timelineCaches/",
    r"^xl/ctrlProps/",
    r"^xl/printerSettings/",
    r"^xl/vbaProject\.bin$",
    r"^customXml/",
    r"^docProps/custom\.xml$",
]


def is_analyst_part(name):
    return any(re.search(p, name) for p in ANALYST_PART_PATTERNS)


def rels_of(zf, part):
    """{rId: absolute part name} for a part's relationships (internal targets only)."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in zf.namelist():
        return {}
    out = {}
    for rel in ET.fromstring(zf.read(rels_name)).findall("rel:Relationship", NS):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target")
        out[rel.get("Id")] = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
    return out


def sheet_parts(zf):
    workbook = ET.fromstring(zf.read("xl/workbook.xml"))
    rels = rels_of(zf, "xl/workbook.xml")
    return {s.get("name"): rels[s.get(R_ID)] for s in workbook.find("m:sheets", NS)}


def table_info(zf, sheet_part):
    tables = []
    for target in rels_of(zf, sheet_part).values():
        if not target.startswith("xl/tables/"):
            continue
        root = ET.fromstring(zf.read(target))
        style = root.find("m:tableStyleInfo", NS)
        tables.append({
            "part": target,
            "name": root.get("name"),
            "displayName": root.get("displayName"),
            "ref": root.get("ref"),
            "columnCount": len(root.find("m:tableColumns", NS)),
            "tableStyleInfo": None if style is None else dict(sorted(style.attrib.items())),
        })
    return tables


def application(zf):
    if "docProps/app.xml" not in zf.namelist():
        return None
    node = ET.fromstring(zf.read("docProps/app.xml")).find("ep:Application", NS)
    return None if node is None else node.text


def pivot_tables(zf):
    out = []
    for name in zf.namelist():
        if re.match(r"^xl/pivotTables/[^/]+\.xml$", name):
            root = ET.fromstring(zf.read(name))
            location = root.find("m:location", NS)
            out.append({"part": name, "name": root.get("name"), "location": None if location is None else location.get("ref")})
    return out


def describe(file_name, producer):
    path = os.path.join(rd.OUT_DIR, file_name)
    header_expected, data_expected = rd.read_register()
    with open(path, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    with zipfile.ZipFile(path) as zf:
        if zf.testzip() is not None:
            raise SystemExit(f"{file_name}: corrupt zip entry")
        parts = zf.namelist()
        sheets = sheet_parts(zf)
        register_part = sheets[rd.REGISTER_SHEET]
        tables = table_info(zf, register_part)
        app = application(zf)
        pivots = pivot_tables(zf)

    wb = openpyxl.load_workbook(path)
    ws = wb[rd.REGISTER_SHEET]
    # The header row is the first whose first cell is "URN" (a title may sit above it).
    header_row = next((r for r in range(1, 11) if ws.cell(r, 1).value == header_expected[0]), None)
    if header_row is None:
        raise SystemExit(f"{file_name}: no header row in the first 10 rows")
    header = [c.value for c in ws[header_row]]
    while header and header[-1] is None:
        header.pop()
    calculated = CALCULATED_COLUMNS.get(file_name, [])
    if header != header_expected + calculated:
        raise SystemExit(f"{file_name}: header differs from the CSV")
    last_header_col = len(header)
    formula_columns = [{"header": name, "column": rd.column_letter(len(header_expected) + 1 + k),
                        "formula": ws.cell(header_row + 1, len(header_expected) + 1 + k).value} for k, name in enumerate(calculated)]
    data_rows = [r for r in range(header_row + 1, ws.max_row + 1) if ws.cell(r, 1).value is not None]
    if len(data_rows) != len(data_expected):
        raise SystemExit(f"{file_name}: {len(data_rows)} data rows, expected {len(data_expected)}")

    notes_col = last_header_col + 1
    notes_letter = rd.column_letter(notes_col)
    if ws.cell(header_row, notes_col).value is not None:
        raise SystemExit(f"{file_name}: notes column {notes_letter} has a header")
    notes = [{"row": r, "text": ws.cell(r, notes_col).value} for r in data_rows]
    if [n["text"] for n in notes] != rd.notes():
        raise SystemExit(f"{file_name}: notes column {notes_letter} does not hold the expected notes")
    if ws.max_column != notes_col:
        raise SystemExit(f"{file_name}: cells beyond the notes column ({ws.max_column} columns)")

    date_columns = []
    for index, name in enumerate(header_expected, 1):
        cells = [ws.cell(r, index) for r in data_rows if ws.cell(r, index).value is not None]
        expected = [rd.typed(row[index - 1]) for row in data_expected if row[index - 1] != ""]
        if expected and all(hasattr(v, "year") for v in expected):
            if not all(c.is_date and c.data_type == "d" for c in cells):
                raise SystemExit(f"{file_name}: column {name} is not all date cells")
            if [c.value.date() for c in cells] != expected:
                raise SystemExit(f"{file_name}: column {name} dates differ from the CSV")
            date_columns.append({"header": name, "column": rd.column_letter(index), "numberFormats": sorted({c.number_format for c in cells})})

    mismatches, float_changes = [], []
    for offset, r in enumerate(data_rows):
        for index in range(1, len(header_expected) + 1):
            want = rd.typed(data_expected[offset][index - 1])
            got = ws.cell(r, index).value
            if hasattr(got, "date") and hasattr(want, "year"):
                got = got.date()
            if got == want and type(got) is type(want):
                continue
            ref = f"{rd.column_letter(index)}{r}"
            if isinstance(got, float) and isinstance(want, float) and abs(got - want) <= 1e-12 * max(abs(want), 1.0):
                float_changes.append({"ref": ref, "csvText": data_expected[offset][index - 1], "stored": got})
            else:
                mismatches.append(f"{ref}: {got!r} != {want!r}")
    if mismatches:
        raise SystemExit(f"{file_name}: cell values differ from the CSV: {mismatches[:5]}")

    numeric_text = []
    for index, name in enumerate(header_expected, 1):
        for r in data_rows:
            value = ws.cell(r, index).value
            if isinstance(value, str) and isinstance(rd.typed(value), (int, float)):
                numeric_text.append(f"{rd.column_letter(index)}{r}")

    hyperlinks, comments = [], []
    for row in ws.iter_rows():
        for cell in row:
            if cell.hyperlink is not None:
                link = cell.hyperlink
                hyperlinks.append({"ref": cell.coordinate, "target": link.target, "location": link.location, "tooltip": link.tooltip, "display": link.display})
            if cell.comment is not None:
                comments.append({"ref": cell.coordinate, "author": cell.comment.author, "text": cell.comment.text})
    validations = [{"sqref": str(dv.sqref), "type": dv.type, "formula1": dv.formula1} for dv in ws.data_validations.dataValidation]
    conditional = []
    for rng in ws.conditional_formatting:
        conditional.append({"sqref": str(rng.sqref), "rules": [rule.type for rule in rng.rules]})
    defined = [{"name": d.name, "value": d.attr_text, "localSheetId": d.localSheetId, "hidden": bool(d.hidden)} for d in wb.defined_names.definedName]

    return {
        "file": file_name,
        "sha256": digest,
        "producer": producer,
        "docPropsApplication": app,
        "parts": parts,
        "analystParts": [p for p in parts if is_analyst_part(p)],
        "sheets": [{"name": n, "part": p} for n, p in sheets.items()],
        "registerSheet": rd.REGISTER_SHEET,
        "registerSheetPart": register_part,
        "headerRow": header_row,
        "dataRowCount": len(data_rows),
        "cellValuesMatchCsv": True,  # checked above: every A..last header cell == register_data.typed(CSV text)...
        "floatsRoundedByProducer": float_changes,  # ...except these doubles the producer rounded (within 1e-12)
        "firstDataRow": data_rows[0],
        "lastDataRow": data_rows[-1],
        "lastHeaderColumn": rd.column_letter(last_header_col),
        "calculatedColumns": formula_columns,
        "mergedCells": sorted(str(m) for m in ws.merged_cells.ranges),
        "notesColumn": notes_letter,
        "notesHeader": None,
        "notes": notes,
        "table": tables[0] if tables else None,
        "definedNames": defined,
        "dateColumns": date_columns,
        "numbersStoredAsText": numeric_text,
        "hyperlinks": hyperlinks,
        "comments": comments,
        "dataValidations": validations,
        "conditionalFormatting": conditional,
        "pivotTables": pivots,
    }


def main():
    manifest = {
        "about": "Workbooks written by other programs than ours, for round-trip tests. Generated by scripts/producers/make_manifest.py from the files; regenerate with scripts/producers/make_all.sh (see scripts/producers/README.md).",
        "source": f"examples/sample-register.csv, header + first {rd.DATA_ROWS} data rows, plus an unheaded notes column",
        "analystPartPatterns": ANALYST_PART_PATTERNS,
        "workbooks": [describe(name, producer) for name, producer in WORKBOOKS.items()],
    }
    with open(MANIFEST, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    print(f"wrote {os.path.relpath(MANIFEST, rd.ROOT)}")


if __name__ == "__main__":
    main()
