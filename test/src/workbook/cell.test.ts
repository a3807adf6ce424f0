/**
 * Which number formats show a date (src/workbook/cell.ts): read for a file's custom formats (a 1904
 * workbook's dates are moved, the CSV writes dates as dates) and for the formats Office.js gives the pane.
 */
import { describe, expect, it } from 'vitest';
import { isDateFormatCode, isPercentFormatCode, percentText, shownAsOfCode, timeFormatKind } from '../../../src/workbook/cell';
import { durationText } from '../../../src/workbook/writeFile';

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

describe('isPercentFormatCode', () => {
  const cases: [string, boolean][] = [
    ['0%', true],
    ['0.0%', true],
    ['#,##0.00%;[Red]-#,##0.00%', true],
    ['0.0"%"', false], // a quoted per cent sign is text: Excel shows the number as it is
    ['0.0\\%', false], // so is an escaped one
    ['[$%-809]0.0', false], // a bracket is a locale or colour, not the percentage
    ['0.0', false],
    ['General', false],
    ['dd/mm/yyyy', false],
  ];
  it.each(cases)('%s: %s', (code, percent) => expect(isPercentFormatCode(code)).toBe(percent));
});

describe('percentText', () => {
  it('is the percentage a number shows, to 15 significant digits, with no float residue', () => {
    expect([0.953, 0.9535, 1, 0, 0.1 + 0.2, -0.05, 12.5].map(percentText)).toEqual(['95.3%', '95.35%', '100%', '0%', '30%', '-5%', '1250%']);
  });
});

describe('timeFormatKind', () => {
  const cases: [string, 'clock' | 'elapsed' | null][] = [
    ['h:mm', 'clock'],
    ['hh:mm:ss AM/PM', 'clock'],
    ['mm:ss', 'clock'],
    ['mm:ss.0', 'clock'],
    ['[h]:mm', 'elapsed'],
    ['[hh]:mm:ss', 'elapsed'],
    ['[mm]:ss', 'elapsed'],
    ['[Red]h:mm', 'clock'], // a colour is no elapsed bracket
    ['dd/mm/yyyy hh:mm', null], // a date and time: written as a date
    ['dd/mm/yyyy', null],
    ['"hours "0.0', null], // quoted text is no token
    ['0.00', null],
    ['General', null],
    ['0%', null],
  ];
  it.each(cases)('%s: %s', (code, kind) => expect(timeFormatKind(code)).toBe(kind));
});

describe('durationText', () => {
  it('is the time a fraction of a day shows, and a duration its hours past 24, with seconds and milliseconds where it has them', () => {
    expect([14.5 / 24, 0, 1.25, 9 / 24 + 5 / 1440, (12 * 3600 + 34 * 60 + 56.789) / 86400, 100 / 24].map(durationText)).toEqual(['14:30', '00:00', '30:00', '09:05', '12:34:56.789', '100:00']);
  });
});

describe('shownAsOfCode', () => {
  it('is a date first (written as a date, not here), then a time, then a percentage', () => {
    expect(['dd/mm/yyyy hh:mm', '[h]:mm', 'h:mm', '0.0%', '0.00', 'General'].map(shownAsOfCode)).toEqual([null, 'elapsed', 'clock', 'percent', null, null]);
  });
});
