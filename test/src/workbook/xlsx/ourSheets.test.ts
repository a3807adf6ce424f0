import { describe, expect, it } from 'vitest';
import { sheetXml } from '../../../../src/workbook/xlsx/ourSheets';

describe('our sheets as XML', () => {
  it('writes a sheet with more rows than a call takes arguments (the profiles of an England-sized register)', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [{ value: i, style: 0 }]);
    const xml = sheetXml({ rows, widths: [10] });
    expect(xml).toContain('<dimension ref="A1:A300000"/>');
  });
});
