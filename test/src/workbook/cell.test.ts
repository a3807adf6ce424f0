/**
 * Which number formats show a date (src/workbook/cell.ts): read for a file's custom formats (a 1904
 * workbook's dates are moved, the CSV writes dates as dates) and for the formats Office.js gives the pane.
 */
import { describe, expect, it } from 'vitest';
import { isDateFormatCode } from '../../../src/workbook/cell';

describe('isDateFormatCode', () => {
  it.each<[string, boolean]>([
    ['dd/mm/yyyy', true],
    ['d-mmm-yy', true],
    ['mmmm yyyy', true],
    ['mmm', true],
    ['[$-809]dd mmmm yyyy;@', true],
    ['dd/mm/yyyy hh:mm', true],
    ['[Red]dd/mm/yyyy', true],
    ['h:mm', false],
    ['hh:mm:ss AM/PM', false],
    ['mm:ss', false],
    // Durations: the elapsed bracket is a time token, not text to skip ("[h]:mm" read as months before).
    ['[h]:mm', false],
    ['[hh]:mm', false],
    ['[mm]:ss', false],
    ['[h]:mm:ss', false],
    ['General', false],
    ['0.00%', false],
    ['#,##0;[Red]-#,##0', false],
    ['0 "days"', false],
    ['0 "mm/dd"', false],
    ['@', false],
  ])('%s shows a date: %s', (code, date) => {
    expect(isDateFormatCode(code)).toBe(date);
  });
});
