#!/usr/bin/python3
"""Write test/fixtures/producers/libreoffice-register.xlsx: the openpyxl fixture opened by LibreOffice
Calc (headless, driven over Python-UNO), a pivot table (DataPilot) added on a new sheet "Pivot"
(count of URN by Phase over Register!A1:BP41), saved with the "Calc MS Excel 2007 XML" filter.

Usage (from the repository root; run make_openpyxl_register.py first):
    /usr/bin/python3 scripts/producers/make_libreoffice_register.py

Needs Debian's libreoffice-calc and python3-uno (`import uno` works only in /usr/bin/python3).
It starts its own soffice with a throw-away user profile and a private pipe, and stops that process
(by its pid) when done. Not byte-deterministic: LibreOffice stamps the save time in docProps/core.xml
(dcterms:modified) and in the zip entry dates; the cell contents, pivot and parts are fixed.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import uno  # noqa: E402  (Debian python3-uno)
from com.sun.star.beans import PropertyValue  # noqa: E402
from com.sun.star.connection import NoConnectException  # noqa: E402
from com.sun.star.table import CellAddress  # noqa: E402

import register_data as rd  # noqa: E402

SOURCE = os.path.join(rd.OUT_DIR, "openpyxl-register.xlsx")
OUT = os.path.join(rd.OUT_DIR, "libreoffice-register.xlsx")
SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def start_office(profile_dir, pipe_name):
    args = [SOFFICE, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            f"-env:UserInstallation={uno.systemPathToFileUrl(profile_dir)}",
            f"--accept=pipe,name={pipe_name};urp;StarOffice.ComponentContext"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=rd.soffice_env())
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 60
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe_name};urp;StarOffice.ComponentContext")
            return proc, ctx
        except NoConnectException:
            if proc.poll() is not None or time.time() > deadline:
                raise SystemExit("soffice did not start (is libreoffice-calc installed?)")
            time.sleep(0.5)


def add_pivot(doc):
    sheets = doc.Sheets
    sheets.insertNewByName("Pivot", sheets.Count)
    register = sheets.getByName(rd.REGISTER_SHEET)
    header, data = rd.read_register()
    last = f"{rd.column_letter(len(header))}{1 + len(data)}"
    source = register.getCellRangeByName(f"A1:{last}").RangeAddress
    pivot_sheet = sheets.getByName("Pivot")
    tables = pivot_sheet.DataPilotTables
    descriptor = tables.createDataPilotDescriptor()
    descriptor.SourceRange = source
    fields = descriptor.DataPilotFields
    phase = fields.getByIndex(header.index("Phase"))
    phase.Orientation = uno.Enum("com.sun.star.sheet.DataPilotFieldOrientation", "ROW")
    urn = fields.getByIndex(header.index("URN"))
    urn.Orientation = uno.Enum("com.sun.star.sheet.DataPilotFieldOrientation", "DATA")
    urn.Function = uno.Enum("com.sun.star.sheet.GeneralFunction", "COUNT")
    target = CellAddress()
    target.Sheet, target.Column, target.Row = sheets.Count - 1, 0, 0
    tables.insertNewByName("PhasePivot", target, descriptor)
    return tables.getByName("PhasePivot")


def main():
    if not os.path.exists(SOURCE):
        raise SystemExit(f"missing {SOURCE}: run make_openpyxl_register.py first")
    work = tempfile.mkdtemp(prefix="lo-producer-")
    proc = None
    try:
        proc, ctx = start_office(os.path.join(work, "profile"), f"producers_{os.getpid()}")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(SOURCE), "_blank", 0, (prop("Hidden", True),))
        pivot = add_pivot(doc)
        doc.calculateAll()
        info = doc.DocumentProperties
        info.Title = "School register (LibreOffice fixture)"
        # No fixed ModificationDate here: LibreOffice 7.4 stamps the save time into dcterms:modified and
        # empties cp:lastModifiedBy whatever the document properties say (tried; see README).
        tmp_out = os.path.join(work, "libreoffice-register.xlsx")
        doc.storeToURL(uno.systemPathToFileUrl(tmp_out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        print("pivot output range:", pivot.OutputRange.StartRow, pivot.OutputRange.EndRow)
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # the bridge drops when soffice exits: expected
            pass
        shutil.move(tmp_out, OUT)
        print(f"wrote {os.path.relpath(OUT, rd.ROOT)}")
    finally:
        if proc is not None:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
