/**
 * The CSV output's date cells (src/workbook/writeFile.ts): an .xlsx register's date cell is written as its
 * date, with its time of day where it has one, and as its number where dd/mm/yyyy would change it.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { fromIsoDate } from '../../../core/dates';
import { frameworkById } from '../../../core/frameworks';
import { planRun } from '../../../src/run/registerRun';
import type { GridValue } from '../../../src/workbook/cell';
import { csvFormulaNote, resultsCsv, serialToUk } from '../../../src/workbook/writeFile';
import { withRequiredColumns } from '../../support/requiredColumns';

const HEADER = ['URN', 'School name', 'Phase', 'Ofsted grade', 'Inspection date', 'Open date', 'Headteacher start date', 'As at'];

describe('resultsCsv: the date cells of an .xlsx register', () => {
  it('a date from 1 March 1900 as dd/mm/yyyy, with its time of day where it has one; one before 1 March 1900 (Excel counts a 29 February 1900 there) and a blank covered by a merged date as they are', () => {
    const { header, rows } = withRequiredColumns<GridValue>(HEADER, [['100001', 'Ashby Primary', 'Primary', 'Good', 44604, 45000.5, 30, '']]);
    const grid: GridValue[][] = [header, ...rows];
    const plan = planRun(grid, { framework: frameworkById('oxfordshire')!, asOf: fromIsoDate('2026-11-01')!, source: 'test' });
    // The four date columns' cells are formatted as dates, the blank "As at" too.
    const csv = resultsCsv(grid, plan, (_, c) => c >= 4 && c < HEADER.length);
    const [, row] = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(row!.slice(4, 8)).toEqual(['12/02/2022', '15/03/2023 12:00', '30', '']);
  });

  it.each<[number, string]>([
    [45000 + (8 * 60 + 5) / 1440, '15/03/2023 08:05'],
    [45000 + (8 * 3600 + 5 * 60 + 9) / 86400, '15/03/2023 08:05:09'],
    [45000 + (8 * 3600 + 5 * 60 + 9.25) / 86400, '15/03/2023 08:05:09.250'],
    // Within half a millisecond of midnight: the next day, as Excel shows it.
    [45001 - 1e-9, '16/03/2023'],
    [45000, '15/03/2023'],
  ])('serialToUk(%d) is %s', (serial, text) => {
    expect(serialToUk(serial)).toBe(text);
  });

  it('a formula the file was saved without the value of is written as its formula, made inert, not as a blank, and the note says how many', () => {
    const { header, rows } = withRequiredColumns<GridValue>([...HEADER, 'Visits planned'], [['100001', 'Ashby Primary', 'Primary', 'Good', 44604, 45000, 30, '', { formula: 'SUM(J2:K2)' }]]);
    const grid: GridValue[][] = [header, ...rows];
    const plan = planRun(grid, { framework: frameworkById('oxfordshire')!, asOf: fromIsoDate('2026-11-01')!, source: 'test' });
    const csv = resultsCsv(grid, plan);
    const [head, row] = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(row![head!.indexOf('Visits planned')]).toBe("'=SUM(J2:K2)");
    expect(csvFormulaNote(grid)).toMatch(/^1 cell holds a formula saved without its value .*open and save the file in Excel/);
    expect(csvFormulaNote([header, ...withRequiredColumns<GridValue>(HEADER, [['100001', 'Ashby Primary', 'Primary', 'Good', 44604, 45000, 30, '']]).rows])).toBeNull();
  });
});
