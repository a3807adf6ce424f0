import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toExcelSerial, fromIsoDate, type CalendarDate } from '../../core/dates';
import { frameworkById, FRAMEWORKS } from '../../core/frameworks';
import type { FieldKey } from '../../core/fields';
import { mapHeaders } from '../../core/headers';
import { fieldsReadFor } from '../../core/register';
import { main } from '../../src/cli/main';
import type { ResultRow } from '../../src/run/resultsJson';
import { readSheetGrid } from '../../src/workbook/readFile';
import { installCustomFunctionsDouble } from '../support/customFunctionsDouble';

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
    const cli = JSON.parse(readFileSync(out, 'utf8')) as ResultRow[];
    const fw = frameworkById(id)!;
    const labelOf = (r: ResultRow) => fw.definition.categories.find((c) => c.id === r.category)!.label;

    expect(spilled).toHaveLength(cli.length);
    spilled.forEach(([cell], i) => expect(String(cell).startsWith(labelOf(cli[i]!)), `row ${cli[i]!.row}: ${String(cell)} vs ${cli[i]!.category}`).toBe(true));
    // Provisional in the one exactly where it is in the other.
    spilled.forEach(([cell], i) => expect(String(cell).endsWith(' (provisional)'), `row ${cli[i]!.row}`).toBe(cli[i]!.provisional !== null));

    // Excel caps a call's arguments at about 5 MB: passing only the columns the framework reads gives the same results.
    const mapping = mapHeaders(headers!, { headerRowNumber: 1 });
    const read = fieldsReadFor(fw);
    const keep = (Object.entries(mapping.byField) as [FieldKey, number][]).filter(([f]) => read.has(f)).map(([, i]) => i).sort((a, b) => a - b);
    expect(keep.length).toBeLessThan(headers!.length);
    const narrow = fns.riskCategory(id, [keep.map((i) => headers![i])], rows.map((r) => keep.map((i) => r[i])), toExcelSerial(fromIsoDate(AS_OF) as CalendarDate));
    expect(narrow).toEqual(spilled);
  });
});
