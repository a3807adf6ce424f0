import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toExcelSerial, fromIsoDate, type CalendarDate } from '../../core/dates';
import { frameworkById, FRAMEWORKS } from '../../core/frameworks';
import type { FieldKey } from '../../core/fields';
import { mapHeaders } from '../../core/headers';
import { fieldsReadFor } from '../../core/register';
import { main } from '../../src/cli/main';
import { readSheetGrid } from '../../src/workbook/readFile';
import { installCustomFunctionsDouble } from '../support/customFunctionsDouble';
import type { ResultRow } from '../../src/run/resultsJson';
import { readResultRows } from '../support/resultsFile';
import { SETTINGS_KEY, workbookRunSettings } from '../../src/run/authoritySettings';
import { categoriseOnPort } from '../support/wholeRun';
import { shownCell } from '../../src/workbook/cell';
import { createOfficePort } from '../../src/workbook/office';
import { ExcelDouble } from '../support/excelDouble';
import { readSettingsFrom } from '../../functions/registerFunctions';

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

    // Excel caps a call's arguments at about 5 MB: passing only the columns the framework reads gives the same results.
    const mapping = mapHeaders(headers!, { headerRowNumber: 1 });
    const read = fieldsReadFor(fw);
    const keep = (Object.entries(mapping.byField) as [FieldKey, number][]).filter(([f]) => read.has(f)).map(([, i]) => i).sort((a, b) => a - b);
    expect(keep.length).toBeLessThan(headers!.length);
    const narrow = fns.riskCategory(id, [keep.map((i) => headers![i])], rows.map((r) => keep.map((i) => r[i])), toExcelSerial(fromIsoDate(AS_OF) as CalendarDate));
    expect(narrow).toEqual(spilled);
  });
});

describe('under a parameter the analyst set, the command line, the task pane and the custom functions agree', () => {
  it('oldham with amberConcernFlags=2: the same category for every school in all three, and not the default one for some', async () => {
    const grid = await readSheetGrid('examples/sample-register.xlsx');
    const [headers, ...rows] = grid.values;
    const fw = frameworkById('oldham')!;
    const asOf = fromIsoDate(AS_OF)!;
    const labelOf = (r: ResultRow) => fw.definition.categories.find((c) => c.id === r.category)?.label ?? '';

    // The command line, with --param.
    const dir = mkdtempSync(join(tmpdir(), 'agree-param-'));
    const run = async (name: string, ...extra: string[]) => {
      expect(await main(['categorise', 'examples/sample-register.xlsx', '-f', 'oldham', '--as-of', AS_OF, '-o', join(dir, name), ...extra], () => undefined, () => undefined)).toBe(0);
      return readResultRows(join(dir, name));
    };
    const cli = await run('set.json', '--param', 'amberConcernFlags=2');
    const byDefault = await run('default.json');

    // The task pane: the parameter saved in the workbook's settings, the run made with what it reads back.
    const double = new ExcelDouble();
    double.addSheet('Register', grid.values.map((r) => r.map(shownCell)));
    const port = createOfficePort({ run: double.run, settings: double.settings });
    await port.saveSettings({ framework: 'oldham', mapping: {}, parameters: { oldham: { amberConcernFlags: 2 } } });
    const saved = await port.loadSettings();
    const given = workbookRunSettings(saved, fw, asOf);
    if (!given.ok) throw new Error(given.errors.join(' '));
    await categoriseOnPort(port, await port.readRegister(), fw, asOf, { settings: given.settings });
    const sheet = double.sheets.find((s) => s.name === 'Register')!;
    const categoryColumn = Array.from({ length: 200 }, (_, c) => sheet.value(0, c)).indexOf('Category');
    const pane = cli.map((r) => String(sheet.value(r.row - 1, categoryColumn)));
    const log = double.sheets.find((s) => s.name === 'Run log')!;
    expect(Array.from({ length: 20 }, (_, c) => String(log.value(1, c)))).toContain('amberConcernFlags=2');

    // The custom functions, reading the same workbook settings (the shared runtime).
    readSettingsFrom(() => double.settings.get(SETTINGS_KEY));
    try {
      const spilled = fns.riskCategory('oldham', [headers!], rows, toExcelSerial(asOf));
      cli.forEach((r, i) => {
        const label = labelOf(r);
        expect(String(spilled[i]![0]).startsWith(label), `row ${r.row}: function ${String(spilled[i]![0])}, CLI ${label}`).toBe(true);
        expect(pane[i]!.startsWith(label), `row ${r.row}: pane ${pane[i]}, CLI ${label}`).toBe(true);
      });
      const changed = cli.filter((r, i) => r.category !== byDefault[i]!.category);
      expect(changed.length).toBeGreaterThan(0);
    } finally {
      readSettingsFrom(() => null);
    }
  });

  it('SUPPORTDAYS gives the days the workbook sets, as the command line does', async () => {
    const double = new ExcelDouble();
    const port = createOfficePort({ run: double.run, settings: double.settings });
    await port.saveSettings({ framework: 'oxfordshire', mapping: {}, parameters: { oxfordshire: { targetedMaxDays: 2 } } });
    readSettingsFrom(() => double.settings.get(SETTINGS_KEY));
    try {
      expect(fns.supportDays('oxfordshire', 'targeted')).toBe(2);
      expect(fns.supportDays('oldham', 'red')).toMatchObject({ code: '#N/A' });
    } finally {
      readSettingsFrom(() => null);
    }
    expect(fns.supportDays('oxfordshire', 'targeted')).toBe(3);
  });
});
