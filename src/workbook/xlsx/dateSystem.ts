/**
 * The workbook's date system. A date is a serial number of days, counted from 1900 in most workbooks
 * and from 1904 in those saved with the 1904 system (old Mac Excel, or the option set in Excel's
 * settings): 1 January 1904 is 1,462 in the 1900 system and 0 in the 1904 one. Inside the program every
 * serial is of the 1900 system, as the core and Office.js read them; the package's cells are the
 * workbook's own, so each date read from or written to them passes through here.
 */

/** Days between the two systems' serials of the same date. */
const DAYS_1900_TO_1904 = 1462;

/** A 1900-system serial as a workbook of this date system stores it. */
export function toWorkbookSerial(serial: number, date1904: boolean): number {
  return date1904 ? serial - DAYS_1900_TO_1904 : serial;
}

/** A serial stored in a workbook of this date system, as a 1900-system serial. */
export function fromWorkbookSerial(serial: number, date1904: boolean): number {
  return date1904 ? serial + DAYS_1900_TO_1904 : serial;
}
