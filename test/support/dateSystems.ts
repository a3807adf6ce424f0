/**
 * Workbooks in the 1904 date system (old Mac Excel), made and read by another program: Debian's openpyxl,
 * which stores each date by the workbook's own system and reads it back the same way. Callers check
 * `have(PYTHON, 'openpyxl')` first.
 */
import { execFileSync } from 'node:child_process';
import { PYTHON } from './externalTools';

/**
 * Saves a copy of a workbook by openpyxl in a date system: the same calendar dates, serials 1,462 apart.
 * `highlightBlanks`: headers of the Register sheet whose blank cells get a yellow fill in General format,
 * as an analyst marks the cells still to fill (not a date format, so a number written there is no date).
 * `generalDates`: headers whose dates become the workbook's serial of the day in General format, as a date
 * pasted as a value leaves it (a number in no date format: only its column says it is a date).
 * `isoDates`: every date written as an ISO date (`t="d"`, openpyxl's iso_dates), those of `generalDates`
 * with no format, so only the cell's type says it is a date.
 */
export function saveInDateSystem(from: string, to: string, system: '1900' | '1904', highlightBlanks: readonly string[] = [], generalDates: readonly string[] = [], isoDates = false): void {
  execFileSync(PYTHON!, ['-c', `
import datetime, json, openpyxl, sys
from openpyxl.styles import PatternFill
wb = openpyxl.load_workbook(sys.argv[1])
if sys.argv[3] == '1904': wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
wb.iso_dates = sys.argv[6] == 'iso'
ws = wb['Register']
header = [c.value for c in ws[1]]
for h in json.loads(sys.argv[4]):
    col = header.index(h) + 1
    for row in range(2, ws.max_row + 1):
        cell = ws.cell(row=row, column=col)
        if cell.value is None or cell.value == '':
            cell.fill = PatternFill('solid', fgColor='FFFF00')
            cell.value = None
            cell.number_format = 'General'
for h in json.loads(sys.argv[5]):
    col = header.index(h) + 1
    for row in range(2, ws.max_row + 1):
        cell = ws.cell(row=row, column=col)
        if isinstance(cell.value, datetime.datetime):
            if not wb.iso_dates: cell.value = openpyxl.utils.datetime.to_excel(cell.value, wb.epoch)
            cell.number_format = 'General'
wb.save(sys.argv[2])`, from, to, system, JSON.stringify(highlightBlanks), JSON.stringify(generalDates), isoDates ? 'iso' : 'serial']);
}

/**
 * The dates of a column of the Register sheet as openpyxl reads them, dd/mm/yyyy by 0-based row; throws
 * when the file is no longer in the date system expected.
 */
export function datesInColumn(file: string, header: string, system: '1900' | '1904'): Record<string, string> {
  return JSON.parse(execFileSync(PYTHON!, ['-c', `
import datetime, json, openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb['Register']
assert (wb.epoch == openpyxl.utils.datetime.CALENDAR_MAC_1904) == (sys.argv[3] == '1904'), 'the date system changed'
col = [c.value for c in ws[1]].index(sys.argv[2])
print(json.dumps({str(i): r[col].strftime('%d/%m/%Y') for i, r in enumerate(ws.iter_rows(values_only=True)) if isinstance(r[col], datetime.datetime)}))`, file, header, system], { encoding: 'utf8' })) as Record<string, string>;
}
