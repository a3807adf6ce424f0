#!/usr/bin/python3
"""Write test/fixtures/producers/openpyxl-register.xlsx with Debian's openpyxl.

Usage (from the repository root):  /usr/bin/python3 scripts/producers/make_openpyxl_register.py

Sheet "Register": header + 40 rows of examples/sample-register.csv as an Excel table with a style
(A1:BP41), an unheaded notes column right of it (BQ, empty header, a note in every data row), two
comments, a Yes/No list validation, a colour scale and a cell-is rule, two hyperlinks (external and
internal) in the notes column. Sheet "Notes": schools per phase, a bar chart of those numbers and a
PNG picture drawn with PIL. Workbook-level defined name SchoolCount -> Notes!$B$<total row>.

Deterministic: fixed contents, fixed document-property dates, and every zip entry stamped
1980-01-01 00:00:00 (openpyxl's own writer, given a ZipFile that fixes the entry dates).
"""

import io
import os
import sys
import zipfile
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import openpyxl  # noqa: E402
from openpyxl.chart import BarChart, Reference  # noqa: E402
from openpyxl.comments import Comment  # noqa: E402
from openpyxl.drawing.image import Image  # noqa: E402
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule  # noqa: E402
from openpyxl.styles import Font, PatternFill  # noqa: E402
from openpyxl.workbook.defined_name import DefinedName  # noqa: E402
from openpyxl.worksheet.datavalidation import DataValidation  # noqa: E402
from openpyxl.worksheet.hyperlink import Hyperlink  # noqa: E402
from openpyxl.worksheet.table import Table, TableStyleInfo  # noqa: E402
from openpyxl.writer.excel import ExcelWriter  # noqa: E402
from PIL import Image as PILImage, ImageDraw  # noqa: E402

import register_data as rd  # noqa: E402

OUT = os.path.join(rd.OUT_DIR, "openpyxl-register.xlsx")
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class FixedTimeZipFile(zipfile.ZipFile):
    """ZipFile whose entries all carry FIXED_ZIP_TIME (openpyxl otherwise stamps the time of saving)."""

    def _info(self, name):
        info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        return info

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = self._info(zinfo_or_arcname)
        return super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):
        with open(filename, "rb") as handle:
            data = handle.read()
        return self.writestr(self._info(arcname or os.path.basename(filename)), data)


def make_png():
    """A small deterministic PNG (96 x 48): a blue badge with a white bar and an orange dot."""
    image = PILImage.new("RGB", (96, 48), (31, 78, 121))
    draw = ImageDraw.Draw(image)
    draw.rectangle([8, 8, 60, 16], fill=(255, 255, 255))
    draw.rectangle([8, 24, 44, 32], fill=(255, 255, 255))
    draw.ellipse([66, 10, 90, 34], fill=(237, 125, 49))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    buffer.seek(0)
    return buffer


def build():
    header, data = rd.read_register()
    ncols = len(header)
    last_col = rd.column_letter(ncols)
    notes_col = rd.column_letter(ncols + 1)
    last_row = 1 + len(data)
    col = {name: rd.column_letter(i + 1) for i, name in enumerate(header)}

    wb = openpyxl.Workbook()
    wb.properties.creator = "openpyxl producer fixture"
    wb.properties.lastModifiedBy = "openpyxl producer fixture"
    wb.properties.title = "School register (openpyxl fixture)"
    wb.properties.created = rd.FIXED_STAMP
    wb.properties.modified = rd.FIXED_STAMP

    ws = wb.active
    ws.title = rd.REGISTER_SHEET
    ws.append(header)  # notes column header (BQ1) is left empty on purpose
    for index, row in enumerate(data):
        ws.append([rd.typed(v) for v in row] + [rd.note_for(index)])
    for row in ws.iter_rows(min_row=2, max_row=last_row, max_col=ncols):
        for cell in row:
            if cell.is_date:
                cell.number_format = rd.DATE_FORMAT
    for name, width in (("URN", 9), ("School name", 34), ("Phase", 14), ("Status", 20), ("Open date", 11), ("Ofsted grade", 13), ("Inspection date", 12)):
        ws.column_dimensions[col[name]].width = width
    ws.column_dimensions[notes_col].width = 40

    table = Table(displayName=rd.TABLE_NAME, ref=f"A1:{last_col}{last_row}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showFirstColumn=False, showLastColumn=False, showRowStripes=True, showColumnStripes=False)
    ws.add_table(table)

    ws[f"{col['School name']}1"].comment = Comment("Name as recorded on GIAS (spaces kept as entered).", "Fixture author")
    ws[f"{col['Inspection date']}3"].comment = Comment("Date of the last graded inspection; check against the report.", "Fixture author")

    concern = col["Safeguarding concern"]
    validation = DataValidation(type="list", formula1='"Yes,No"', allow_blank=True, showErrorMessage=True, showInputMessage=True,
                                promptTitle="Concern", prompt="Yes or No.\nUse Yes when the team has logged a concern.",
                                errorTitle="Yes or No", error="Choose Yes or No from the list.")
    validation.add(f"{concern}2:{concern}{last_row}")
    ws.add_data_validation(validation)

    attendance = col["Attendance %"]
    ws.conditional_formatting.add(f"{attendance}2:{attendance}{last_row}",
                                  ColorScaleRule(start_type="min", start_color="F8696B", mid_type="percentile", mid_value=50, mid_color="FFEB84", end_type="max", end_color="63BE7B"))
    low = col["Years of low attainment"]
    ws.conditional_formatting.add(f"{low}2:{low}{last_row}",
                                  CellIsRule(operator="greaterThanOrEqual", formula=["2"], fill=PatternFill(start_color="FFC7CE", end_color="FFC7CE", fill_type="solid"), font=Font(color="9C0006")))

    first_urn = data[0][0]
    ws[f"{notes_col}2"].hyperlink = Hyperlink(ref=f"{notes_col}2", target=f"https://example.org/visits/{first_urn}", tooltip="Visit record")
    ws[f"{notes_col}2"].style = "Hyperlink"
    ws[f"{notes_col}4"].hyperlink = Hyperlink(ref=f"{notes_col}4", location="Notes!A1", tooltip="Schools per phase")
    ws[f"{notes_col}4"].style = "Hyperlink"

    notes = wb.create_sheet("Notes")
    notes.append(["Phase", "Schools"])
    counts = Counter(row[header.index("Phase")] for row in data)
    for phase in sorted(counts):
        notes.append([phase, counts[phase]])
    total_row = notes.max_row + 1
    notes.append(["Total", sum(counts.values())])
    notes.column_dimensions["A"].width = 22
    chart = BarChart()
    chart.type = "col"
    chart.title = "Schools per phase"
    chart.y_axis.title = "Schools"
    chart.x_axis.title = "Phase"
    chart.add_data(Reference(notes, min_col=2, min_row=1, max_row=total_row - 1), titles_from_data=True)
    chart.set_categories(Reference(notes, min_col=1, min_row=2, max_row=total_row - 1))
    chart.width, chart.height = 12, 7.5  # cm: under the counts, within one A4 page when printed
    notes.add_chart(chart, "A11")
    picture = Image(make_png())
    notes.add_image(picture, "A28")

    wb.defined_names.append(DefinedName("SchoolCount", attr_text=f"Notes!$B${total_row}"))
    wb.active = 0
    return wb


def main():
    os.makedirs(rd.OUT_DIR, exist_ok=True)
    wb = build()
    archive = FixedTimeZipFile(OUT, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()
    print(f"wrote {os.path.relpath(OUT, rd.ROOT)} (openpyxl {openpyxl.__version__})")


if __name__ == "__main__":
    main()
