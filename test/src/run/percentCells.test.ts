import { describe, expect, it } from 'vitest';
import { mapHeaders } from '../../../core/headers';
import { percentCellsAsShown } from '../../../src/run/percentCells';
import { percentText } from '../../../src/workbook/cell';
import { fromIsoDate } from '../../../core/dates';
import { frameworkById } from '../../../core/frameworks';
import type { CompiledFramework } from '../../../core/engine';
import { loadFramework } from '../../../core/frameworkFile';
import { readFileSync } from 'node:fs';
import { compareRow, percentColumnsForRun, runOnPort } from '../../../src/run/taskpaneRun';
import { shownCell, type Cell } from '../../../src/workbook/cell';
import { createOfficePort } from '../../../src/workbook/office';
import { readSheetGrid } from '../../../src/workbook/readFile';
import { ExcelDouble } from '../../support/excelDouble';

describe('percentText: a fraction as its percentage format shows it, as the core is given it', () => {
  it('without the float noise of times 100', () => {
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

describe('the task pane reads a suspension rate shown as a percentage as the command line does (the Excel double)', () => {
  /** Northmoor with a suspension rate of 10 per 100 pupils or more beside low attendance: an authority's own framework. */
  const suspensions = () => {
    const definition = JSON.parse(readFileSync('examples/frameworks/northmoor.json', 'utf8')) as { criteria: { id: string; label: string; when: { any: unknown[] } }[] };
    const attendance = definition.criteria.find((c) => c.id === 'low-attendance')!;
    attendance.label = 'Low attendance or high suspensions';
    attendance.when.any.push({ fact: 'suspensionRate', op: 'gte', value: 10 });
    const loaded = loadFramework(definition, { kind: 'file', name: 'northmoor-suspensions.json', sha256: '0'.repeat(64) });
    if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
    return loaded.framework;
  };
  /** The sample register on a double, the suspension rate of `schools` (rows) held as fractions in `format` (the rest as the sample has them); and the pane's port over it. */
  const setUp = (sample: readonly (readonly Cell[])[], schools: readonly number[], format: string | null, readBudgetBytes?: number) => {
    const double = new ExcelDouble();
    const rate = sample[0]!.indexOf('Suspension rate');
    const sheet = double.addSheet('Register', sample.map((row, r) => row.map((v, c) => (c === rate && schools.includes(r) ? (v as number) / 100 : v))));
    if (format !== null) for (const r of schools) sheet.cell(r, rate, true)!.numberFormat = format;
    return { double, port: createOfficePort({ run: double.run, settings: double.settings, ...(readBudgetBytes ? { readBudgetBytes } : {}) }) };
  };
  const run = async (s: ReturnType<typeof setUp>, framework: CompiledFramework) => {
    const done = await runOnPort(s.port, framework, fromIsoDate('2026-11-01')!, { ranAt: new Date(Date.UTC(2026, 10, 1)), runId: 'same', pause: async () => {} });
    expect(done.status).toBe('done');
    return { done, said: done.plan!.rows.map((r) => r.cells.join('|')), syncs: s.double.syncs };
  };

  it('in one read and in chunks: a rate typed as 12.4% gives the category and reasons of one typed as 12.4; the formats ride on the reads of a chunked register', async () => {
    const sample = (await readSheetGrid('examples/sample-register.xlsx')).values.map((r) => r.map(shownCell));
    const fw = suspensions();
    const rate = sample[0]!.indexOf('Suspension rate');
    const typed = await run(setUp(sample, [], null), fw);
    // Schools whose reasons name high suspensions (a rate of 10 or more), typed as Excel percentages.
    const named = typed.done.plan!.rows.flatMap((r, i) => (/high suspensions/.test(r.cells.join(' ')) && (sample[i + 1]![rate] as number) >= 10 ? [i + 1] : []));
    expect(named.length).toBeGreaterThan(2);
    const shown = await run(setUp(sample, named, '0.0%'), fw);
    expect(shown.said).toEqual(typed.said);
    // The same numbers in General cells are rates below one: what the pane read them as before.
    const general = await run(setUp(sample, named, null), fw);
    expect(general.said.filter((s, i) => s !== typed.said[i]).length).toBeGreaterThan(0);
    // Read in chunks, the first rows' results riding on the last read: the formats ride on the reads, no sync more.
    const chunkedTyped = await run(setUp(sample, [], null, 4_000), fw);
    const chunked = await run(setUp(sample, named, '0.0%', 4_000), fw);
    expect(chunked.done.region!.partial).toBeDefined();
    expect(chunked.said).toEqual(typed.said);
    expect(chunked.syncs).toBe(chunkedTyped.syncs);
    // A built-in framework reads no rate per 100 pupils: no format is read, and no sync more (Herefordshire reads its gap by its numbers).
    const builtIn = setUp(sample, named, '0.0%');
    const plain = setUp(sample, [], null);
    await run(builtIn, frameworkById('herefordshire')!);
    await run(plain, frameworkById('herefordshire')!);
    expect(builtIn.double.syncs).toBe(plain.double.syncs);
    // The columns asked for: the rate's, for any framework that reads it among several; none for the built-ins alone.
    const head = await setUp(sample, [], null).port.readRegister();
    expect(percentColumnsForRun(head, [frameworkById('herefordshire')!, frameworkById('southwark')!])).toEqual([]);
    expect(percentColumnsForRun(head, [frameworkById('herefordshire')!, fw])).toEqual([rate]);
    // The pane's one-school comparison reads the school alike.
    const region = await setUp(sample, named, '0.0%').port.readRegister({ percentColumns: () => [rate] });
    const asTyped = await setUp(sample, [], null).port.readRegister();
    const frameworks = [{ framework: fw }];
    expect(compareRow(region, named[0]!, fromIsoDate('2026-11-01')!, undefined, frameworks)?.comparisons).toEqual(compareRow(asTyped, named[0]!, fromIsoDate('2026-11-01')!, undefined, frameworks)?.comparisons);
  });
});
