/**
 * The workbook's date system. A date is a serial number of days, counted from 1900 in most workbooks
 * and from 1904 in those saved with the 1904 system (old Mac Excel, or the option set in Excel's
 * settings): 1 January 1904 is 1,462 in the 1900 system and 0 in the 1904 one. A cell holds its
 * workbook's serial, so Office.js's `Range.values` gives 1904 serials in a 1904 workbook, as the
 * package's cells hold them. Inside the program every serial is of the 1900 system, as the core reads
 * them: each date read from or written to a workbook's cells passes through here.
 */

/** A workbook's date system. */
export type DateSystem = '1900' | '1904';

/** Days between the two systems' serials of the same date. */
const DAYS_1900_TO_1904 = 1462;

/** 1 January 2000 in each date system: how the task pane asks Excel which one a workbook uses (officeRead.ts). */
export const PROBE_DATE = { year: 2000, month: 1, day: 1 } as const;
const PROBE_SERIAL_1900 = 36_526;

/** The date system in which `serial` is the serial of PROBE_DATE; `null` for any other answer (an error, a host that said something else). */
export function dateSystemOfProbe(serial: unknown): DateSystem | null {
  if (serial === PROBE_SERIAL_1900) return '1900';
  if (serial === PROBE_SERIAL_1900 - DAYS_1900_TO_1904) return '1904';
  return null;
}

/** A 1900-system serial as a workbook of this date system stores it. */
export function toWorkbookSerial(serial: number, date1904: boolean): number {
  return date1904 ? serial - DAYS_1900_TO_1904 : serial;
}

/** A serial stored in a workbook of this date system, as a 1900-system serial. */
export function fromWorkbookSerial(serial: number, date1904: boolean): number {
  return date1904 ? serial + DAYS_1900_TO_1904 : serial;
}
