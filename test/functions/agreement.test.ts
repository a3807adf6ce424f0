import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toExcelSerial, fromIsoDate, type CalendarDate } from '../../core/dates';
import { frameworkById, FRAMEWORKS } from '../../core/frameworks';
import { main } from '../../src/cli/main';
import { readSheetGrid } from '../../src/workbook/readFile';
import { installCustomFunctionsDouble } from '../support/customFunctionsDouble';
import type { ResultRow } from '../../src/run/resultsJson';
import { readResultRows } from '../support/resultsFile';

installCustomFunctionsDouble();
const fns = await import('../../functions/functions');
const AS_OF = '2026-11-01';

describe('the custom functions, the core and the command line agree on the sample register', () => {
  it.each(FRAMEWORKS.map((f) => [f.id]))('%s', async (id) => {
    // As Excel passes it: the header row and the data rows as 2-D arrays, dates as serials.
    const grid = await readSheetGrid('examples/sample-register.xlsx');
    const [headers, ...rows] = grid.values;
    const spilled = fns.riskCategory(id, [headers!], rows, toExcelSerial(fromIsoDate(AS_OF) as CalendarDate));

    const out = join(mkdtempSync(join(tmpdir(), 'agree-')), 'r.json');
    expect(await main(['categorise', 'examples/sample-register.xlsx', '-f', id, '--as-of', AS_OF, '-o', out], () => undefined, () => undefined)).toBe(0);
    const cli = readResultRows(out);
    const fw = frameworkById(id)!;
    const labelOf = (r: ResultRow) => fw.definition.categories.find((c) => c.id === r.category)!.label;

    expect(spilled).toHaveLength(cli.length);
    spilled.forEach(([cell], i) => expect(String(cell).startsWith(labelOf(cli[i]!)), `row ${cli[i]!.row}: ${String(cell)} vs ${cli[i]!.category}`).toBe(true));
    // Provisional in the one exactly where it is in the other.
    spilled.forEach(([cell], i) => expect(String(cell).endsWith(' (provisional)'), `row ${cli[i]!.row}`).toBe(cli[i]!.provisional !== null));
  });
});
