/**
 * Browser entry for the end-to-end test: installs the Excel double as `Office` and `Excel`, with the
 * register the test put in `window.__REGISTER__` (an Excel table when `window.__TABLE__` says so) and the
 * document settings in `window.__SETTINGS__` (a workbook saved with them), before
 * the task pane's bundle runs. Served in place of
 * Office.js from its CDN address.
 */
import type { Cell } from '../../src/workbook/cell';
import { ExcelDouble } from '../support/excelDouble';

const w = window as unknown as { __REGISTER__: Cell[][]; __TABLE__?: { name: string; columns: number }; __SETTINGS__?: Record<string, unknown>; __double: ExcelDouble; __holdAt: (n: number) => void; __held: () => boolean; __release: () => void; Office: unknown; Excel: unknown };
const double = new ExcelDouble();
// The settings a workbook was saved with (a workbook opened again).
for (const [name, value] of Object.entries(w.__SETTINGS__ ?? {})) double.settingsData.set(name, value);
const sheet = double.addSheet('Register', w.__REGISTER__);
// The register as an Excel table over its first `columns` columns (header row included), the selection in it.
if (w.__TABLE__) {
  sheet.tables.push({ name: w.__TABLE__.name, top: 0, left: 0, bottom: w.__REGISTER__.length - 1, right: w.__TABLE__.columns - 1 });
  double.selection = { sheet: 'Register', box: { top: 1, left: 0, bottom: 1, right: 0 } };
}
// Slow each sync a little, as Excel is, so the progress bar shows. `__holdAt(n)` holds the run after the
// n-th sync that writes values (until `__release()`), so the test can look at the pane mid-run and cancel.
let hold: { at: number; seen: number; release: (() => void) | null } | null = null;
double.afterSync = async () => {
  await new Promise((r) => setTimeout(r, 20));
  const ops = double.operations[double.operations.length - 1] ?? [];
  if (!hold || !ops.includes('values') || ++hold.seen !== hold.at) return;
  await new Promise<void>((r) => (hold!.release = r));
  hold = null;
};
w.__holdAt = (n: number) => void (hold = { at: n, seen: 0, release: null });
w.__held = () => hold?.release !== null && hold?.release !== undefined;
w.__release = () => hold?.release?.();
w.__double = double;
w.Excel = { run: double.run };
w.Office = {
  onReady: (cb?: (info: { host: string; platform: string }) => void) => {
    const info = { host: 'Excel', platform: 'OfficeOnline' };
    cb?.(info);
    return Promise.resolve(info);
  },
  context: {
    document: { settings: double.settings },
    officeTheme: { bodyBackgroundColor: '#ffffff' },
    // Excel on the web has every API set the pane uses (names 1.4, frozen panes 1.7, formula cells 1.9, merged areas and table resize 1.13).
    // Versions compare by their minor number ("1.9" is before "1.17").
    requirements: { isSetSupported: (name: string, version?: string) => name === 'ExcelApi' && Number((version ?? '1.1').split('.')[1]) <= 17 },
  },
};
