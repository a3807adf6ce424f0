import { describe, expect, it } from 'vitest';
import { mapHeaders } from '../../../core/headers';
import { percentCellsAsShown, percentText } from '../../../src/run/percentCells';

describe('percentText: a fraction as its percentage format shows it', () => {
  it('to a millionth of a per cent, without the float noise of times 100', () => {
    expect(percentText(0.052)).toBe('5.2%');
    expect(percentText(0.07)).toBe('7%');
    expect(percentText(-0.146)).toBe('-14.6%');
    expect(percentText(1)).toBe('100%');
    expect(percentText(0.95355)).toBe('95.355%');
  });
});

describe('percentCellsAsShown', () => {
  const header = ['URN', 'Suspension rate', 'Attendance %', 'Disadvantaged gap', 'Progress 8', 'School name'];
  const mapping = mapHeaders(header);
  const rows = [
    [100001, 0.052, 0.953, 0.146, 0.25, 'A school'],
    [100002, 5.2, 95.3, 14.6, -0.5, 'B school'],
    [100003, '', 'n/a', '7%', 0.1, 'C school'],
  ];
  // Every cell of the first and third rows is in a percentage format; none of the second's.
  const shown = (i: number) => i !== 1;

  it('gives a number shown as a percentage, in a field a % sign names, as the text it shows', () => {
    const out = percentCellsAsShown(rows, mapping, shown);
    expect(out[0]).toEqual([100001, '5.2%', '95.3%', '14.6%', 0.25, 'A school']);
  });

  it('leaves a score (whose unit no % sign names), text, blanks and cells not shown as percentages as they are, and the rows it does not change the same rows', () => {
    const out = percentCellsAsShown(rows, mapping, shown);
    expect(out[0]![4]).toBe(0.25);
    expect(out[1]).toBe(rows[1]);
    expect(out[2]).toBe(rows[2]);
    expect(rows[0]![1]).toBe(0.052);
    expect(percentCellsAsShown(rows, mapping, () => false)).toBe(rows);
  });
});
