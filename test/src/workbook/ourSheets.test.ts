import { describe, expect, it } from 'vitest';
import { sheetXml } from '../../../src/workbook/xlsx/ourSheets';

// England's register is 25,000 schools; a profile sheet for the concerning ones, or a CSV of a national
// extract, can pass 100,000 rows. Math.max(...rows) overflows the stack well before that (found by the bench).
describe('sheets of our own, at national size', () => {
  it('writes a sheet of 200,000 rows without overflowing the stack', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [{ value: `School ${i}`, style: 0 }, { value: i, style: 0 }]);
    const xml = sheetXml({ rows, widths: [30] });
    expect(xml).toContain('<dimension ref="A1:B200000"/>');
    expect(xml).toContain('<c r="B200000" s="0"><v>199999</v></c>');
  });
});
