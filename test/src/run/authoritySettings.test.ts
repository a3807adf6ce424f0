import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromIsoDate, toExcelSerial } from '../../../core/dates';
import { readSettingsFrom, riskCategoryOf } from '../../../functions/registerFunctions';
import { filesNotLoadingNote, parsePaneSettings, SETTINGS_KEY, withFrameworkFile, withParameter, workbookFramework, workbookFrameworks, workbookRunSettings } from '../../../src/run/authoritySettings';
import { createOfficePort } from '../../../src/workbook/office';
import type { PaneSettings } from '../../../src/workbook/port';
import { readSheetGrid } from '../../../src/workbook/readFile';
import { installCustomFunctionsDouble } from '../../support/customFunctionsDouble';
import { ExcelDouble } from '../../support/excelDouble';

installCustomFunctionsDouble();
const NORTHMOOR = readFileSync('examples/frameworks/northmoor.json', 'utf8');
const file = (name: string, text: string) => ({ name, text, sha256: createHash('sha256').update(text).digest('hex') });
const empty: PaneSettings = { framework: 'oxfordshire', mapping: {} };
const asOf = fromIsoDate('2026-11-01')!;

describe('the authority settings a workbook keeps', () => {
  it('round-trip through the document\'s settings: framework, mapping, parameters and framework files', async () => {
    const double = new ExcelDouble();
    const port = createOfficePort({ run: double.run, settings: double.settings });
    const loaded = withFrameworkFile(withParameter(empty, 'northmoor', 'supportMaxDays', 8), file('northmoor.json', NORTHMOOR));
    expect(loaded.ok).toBe(true);
    const settings = { ...(loaded as { settings: PaneSettings }).settings, mapping: { urn: 'URN' } };
    await port.saveSettings(settings);
    expect(await port.loadSettings()).toEqual(settings);
    // The next analyst's pane, and the functions, read the same text.
    const again = parsePaneSettings(double.settings.get(SETTINGS_KEY));
    expect(again?.framework).toBe('northmoor');
    expect(workbookFrameworks(again).map((f) => f.definition.id)).toEqual(['oxfordshire', 'oldham', 'herefordshire', 'wokingham', 'southwark', 'northmoor']);
    const northmoor = workbookFramework(again, 'Northmoor')!;
    expect(northmoor.origin).toEqual({ kind: 'file', name: 'northmoor.json', sha256: file('', NORTHMOOR).sha256 });
    const given = workbookRunSettings(again, northmoor, asOf);
    expect(given.ok && given.settings.changed).toEqual(['supportMaxDays=8']);
  });

  it('read settings saved before parameters and files existed', () => {
    expect(parsePaneSettings(JSON.stringify({ framework: 'oldham', mapping: { urn: 'URN' } }))).toEqual({ framework: 'oldham', mapping: { urn: 'URN' }, parameters: {}, frameworkFiles: [] });
    expect(parsePaneSettings('not json')).toBeNull();
  });

  it('refuse a framework file with its problems, one line each, and one that takes a built-in\'s id', () => {
    const broken = withFrameworkFile(empty, file('broken.json', NORTHMOOR.replace('"fact": "attendancePct"', '"fact": "atendancePct"')));
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.issues).toContainEqual(expect.stringMatching(/\.fact: "atendancePct" is not a fact; did you mean "attendancePct"\?$/));
    const clash = withFrameworkFile(empty, file('mine.json', NORTHMOOR.replace('"id": "northmoor"', '"id": "oldham"')));
    expect(!clash.ok && clash.issues).toEqual(['id: "oldham" is a built-in framework\'s id; give your framework its own id (for example "oldham-local").']);
  });

  it('replace a loaded file by a new version of the same framework', () => {
    const first = withFrameworkFile(empty, file('northmoor.json', NORTHMOOR)) as { settings: PaneSettings };
    const second = withFrameworkFile(first.settings, file('northmoor-v2.json', NORTHMOOR.replace('"version": "1.0.0"', '"version": "1.1.0"'))) as { settings: PaneSettings };
    expect(second.settings.frameworkFiles!.map((f) => f.name)).toEqual(['northmoor-v2.json']);
  });

  it('set a parameter, and reset it to its default', () => {
    const set = withParameter(empty, 'oldham', 'amberConcernFlags', 2);
    expect(set.parameters).toEqual({ oldham: { amberConcernFlags: 2 } });
    expect(withParameter(set, 'oldham', 'amberConcernFlags', undefined).parameters).toEqual({ oldham: {} });
  });

  it('say a framework file saved in the workbook that no longer loads (a newer version checks more), in the pane\'s words and in the functions\' message', async () => {
    // Saved when it loaded; this version refuses a file that takes a built-in's id.
    const saved: PaneSettings = { framework: 'northmoor', mapping: {}, frameworkFiles: [file('northmoor.json', NORTHMOOR.replace('"id": "northmoor"', '"id": "oldham"'))] };
    expect(filesNotLoadingNote(saved)).toBe('The framework file saved in this workbook no longer loads: "northmoor.json" (id: "oldham" is a built-in framework\'s id; give your framework its own id (for example "oldham-local")). Load a corrected file under Authority settings; until then its framework cannot be run.');
    expect(filesNotLoadingNote({ ...empty, frameworkFiles: [file('northmoor.json', NORTHMOOR)] })).toBeNull();
    const grid = await readSheetGrid('examples/sample-register.xlsx');
    const [headers, ...rows] = grid.values;
    readSettingsFrom(() => JSON.stringify(saved));
    try {
      expect(riskCategoryOf('northmoor', [headers!], rows.slice(0, 1), toExcelSerial(asOf))).toMatchObject({ message: expect.stringMatching(/^Unknown framework "northmoor"; expected one of: .*\. The framework file saved in this workbook no longer loads: "northmoor\.json" /) });
    } finally {
      readSettingsFrom(() => null);
    }
  });

  it('let the custom functions use a framework loaded into the workbook, by its id', async () => {
    const loaded = withFrameworkFile(empty, file('northmoor.json', NORTHMOOR)) as { settings: PaneSettings };
    const grid = await readSheetGrid('examples/sample-register.xlsx');
    const [headers, ...rows] = grid.values;
    readSettingsFrom(() => JSON.stringify(loaded.settings));
    try {
      const spilled = riskCategoryOf('northmoor', [headers!], rows.slice(0, 20), toExcelSerial(asOf)) as unknown[][];
      expect(spilled).toHaveLength(20);
      for (const [cell] of spilled) expect(String(cell)).toMatch(/^(Universal|Monitor|Support|Intervene)/);
    } finally {
      readSettingsFrom(() => null);
    }
    expect(riskCategoryOf('northmoor', [headers!], rows.slice(0, 1), toExcelSerial(asOf))).toMatchObject({ message: expect.stringMatching(/^Unknown framework "northmoor"/) });
  });
});
