/**
 * Browser entry for the end-to-end test: installs the Excel double as `Office` and `Excel`, with the
 * register the test put in `window.__REGISTER__`, before the task pane's bundle runs. Served in place of
 * Office.js from its CDN address.
 */
import type { Cell } from '../../src/workbook/cell';
import { ExcelDouble } from '../support/excelDouble';

const w = window as unknown as { __REGISTER__: Cell[][]; __double: ExcelDouble; Office: unknown; Excel: unknown };
const double = new ExcelDouble();
double.addSheet('Register', w.__REGISTER__);
// Slow each sync a little, as Excel is, so the progress bar shows.
double.afterSync = () => new Promise((r) => setTimeout(r, 20));
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
    // Excel on the web has every API set the pane uses (merged areas: ExcelApi 1.13).
    requirements: { isSetSupported: (name: string, version?: string) => name === 'ExcelApi' && Number(version ?? '1.1') <= 1.17 },
  },
};
