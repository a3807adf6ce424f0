/**
 * The register sheet's printing in the copy: the analyst's page setup and header/footer are kept, each
 * apart; a program's defaults (LibreOffice's, Gnumeric's, openpyxl's, XlsxWriter's, the sample's) and an earlier run's settings
 * become ours. Registers built with openpyxl and LibreOffice, the copies read back with openpyxl.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../src/cli/main';
import { registerPrint, type SheetPrint } from '../../../../src/workbook/xlsx/registerPrint';
import { have, PYTHON, resavedByLibreOffice, SOFFICE } from '../../../support/externalTools';
import { PRODUCER_REGISTERS } from '../../../support/producerFixtures';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'schoolrisk-print-'));
});

async function categorise(register: string, out: string): Promise<void> {
  let err = '';
  const code = await main(['categorise', register, '--framework', 'oxfordshire', '--as-of', '2026-11-01', '--out', out], () => undefined, (t) => (err += t));
  expect([code, err]).toEqual([0, '']);
}

/** The sample register with `setup` (Python statements on `ws`) applied by openpyxl. */
function register(file: string, setup: string): string {
  const path = join(dir, file);
  execFileSync(PYTHON!, ['-c', `
import openpyxl, sys
wb = openpyxl.load_workbook('examples/sample-register.xlsx'); ws = wb.worksheets[0]
${setup}
wb.save(sys.argv[1])`, path]);
  return path;
}

interface Printing {
  header: string | null; footer: string | null; orientation: string | null; paperSize: number | null; fitToPage: boolean | null;
  fitToWidth: number | null; fitToHeight: number | null; pageOrder: string | null; blackAndWhite: boolean | null; cellComments: string | null; copies: number | null;
}

/** The register sheet's printing as openpyxl reads it. */
function printing(path: string): Printing {
  return JSON.parse(execFileSync(PYTHON!, ['-c', `
import openpyxl, sys, json
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]; p = ws.page_setup
print(json.dumps({'header': ws.oddHeader.center.text or ws.oddHeader.left.text, 'footer': ws.oddFooter.right.text or ws.oddFooter.left.text,
  'orientation': p.orientation, 'paperSize': p.paperSize and int(p.paperSize), 'fitToPage': ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage,
  'fitToWidth': p.fitToWidth and int(p.fitToWidth), 'fitToHeight': p.fitToHeight and int(p.fitToHeight), 'pageOrder': p.pageOrder, 'blackAndWhite': p.blackAndWhite,
  'cellComments': p.cellComments, 'copies': p.copies and int(p.copies)}))`, path], { encoding: 'utf8' })) as Printing;
}

const OURS = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToHeight: 0 };

describe('the register\'s printing in the copy', () => {
  it('an analyst\'s header, footer, paper, orientation and other page settings are kept as they were', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const path = register('analyst.xlsx', `
ws.oddHeader.center.text = 'OFFICIAL-SENSITIVE'; ws.oddFooter.right.text = 'Northmoor SI team'
ws.page_setup.orientation = 'portrait'; ws.page_setup.paperSize = ws.PAPERSIZE_A3
ws.page_setup.pageOrder = 'overThenDown'; ws.page_setup.blackAndWhite = True; ws.page_setup.cellComments = 'atEnd'; ws.page_setup.copies = 2`);
    await categorise(path, join(dir, 'analyst.out.xlsx'));
    expect(printing(join(dir, 'analyst.out.xlsx'))).toEqual(printing(path));
    expect(printing(path)).toMatchObject({ header: 'OFFICIAL-SENSITIVE', paperSize: 8, orientation: 'portrait', pageOrder: 'overThenDown', copies: 2 });

    if (!have(SOFFICE, 'LibreOffice')) return;
    const resaved = resavedByLibreOffice(path, mkdtempSync(join(dir, 'lo-')));
    await categorise(resaved, join(dir, 'resaved.out.xlsx'));
    expect(printing(join(dir, 'resaved.out.xlsx'))).toEqual(printing(resaved));
    expect(printing(resaved)).toMatchObject({ header: 'OFFICIAL-SENSITIVE', paperSize: 8, orientation: 'portrait' });
  });

  it('a header of the analyst\'s on a default page setup: the header and footer stay, the page becomes ours', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const path = register('header.xlsx', `ws.oddHeader.center.text = 'OFFICIAL-SENSITIVE'`);
    await categorise(path, join(dir, 'header.out.xlsx'));
    const out = printing(join(dir, 'header.out.xlsx'));
    expect(out).toMatchObject({ ...OURS, header: 'OFFICIAL-SENSITIVE', footer: null });
  });

  it('an analyst\'s page setup with no header: the page setup stays, the header and footer become ours', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const path = register('paper.xlsx', `ws.page_setup.paperSize = ws.PAPERSIZE_A3; ws.page_setup.orientation = 'portrait'`);
    await categorise(path, join(dir, 'paper.out.xlsx'));
    const out = printing(join(dir, 'paper.out.xlsx'));
    expect(out).toMatchObject({ paperSize: 8, orientation: 'portrait', fitToPage: null });
    expect(out.header).toMatch(/Oxfordshire.* · as of 01\/11\/2026$/);
  });

  it('a program\'s defaults become ours, and a run on our own copy sets ours again, the same', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    for (const file of ['examples/sample-register.xlsx', ...PRODUCER_REGISTERS]) {
      const first = join(dir, 'first.xlsx');
      const again = join(dir, 'again.xlsx');
      await categorise(file, first);
      const ours = printing(first);
      expect([file, ours]).toMatchObject([file, OURS]);
      // openpyxl reads our empty right section into the left's text.
      expect(ours.footer).toMatch(/^Page &P of &N/);
      expect(ours.header).toMatch(/ · as of 01\/11\/2026$/);
      await categorise(first, again);
      expect(printing(again)).toEqual(ours);
    }
  });
});

describe('a page setup written with single quotes (XML allows either)', () => {
  it('has its attributes replaced, not repeated: the copy is well formed and prints as ours', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    // Excel's printer defaults, as another program might quote them.
    const path = join(dir, 'single-quotes.xlsx');
    execFileSync(PYTHON!, ['-c', `
import re, sys, zipfile
src = zipfile.ZipFile('examples/sample-register.xlsx')
out = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)
for item in src.infolist():
    data = src.read(item.filename)
    if item.filename == 'xl/worksheets/sheet1.xml':
        text = re.sub(r'<pageSetup[^>]*/>', '', data.decode())
        text = text.replace('</worksheet>', "<pageSetup paperSize='9' orientation='portrait'/></worksheet>") if '<pageSetup' not in text else text
        data = text.encode()
    out.writestr(item, data)
out.close()`, path]);
    const out = join(dir, 'single-quotes.out.xlsx');
    await categorise(path, out);
    const setup = execFileSync(PYTHON!, ['-c', `
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode()
print(re.search(r'<pageSetup[^>]*>', x).group(0))`, out], { encoding: 'utf8' }).trim();
    expect(setup.match(/\sorientation=/g)).toHaveLength(1);
    expect(setup).toMatch(/\sorientation="landscape"/);
    expect(printing(out)).toMatchObject({ orientation: 'landscape' });
  });
});

describe('whose printing a sheet has', () => {
  const none: SheetPrint = { fitToPage: false, pageSetup: null, headerFooter: {} };
  const footer = '&LPage &P of &N&R';
  const cases: [string, SheetPrint, boolean, { pageSetup: boolean; headerFooter: boolean }][] = [
    ['nothing set (openpyxl)', none, false, { pageSetup: true, headerFooter: true }],
    ['Excel\'s printer defaults', { ...none, pageSetup: { paperSize: '9', orientation: 'portrait', horizontalDpi: '300', verticalDpi: '300', id: 'rId1' } }, false, { pageSetup: true, headerFooter: true }],
    ['LibreOffice\'s defaults: A4 portrait at 100%, "&A" and "Page &P"', {
      fitToPage: false,
      pageSetup: { paperSize: '9', scale: '100', fitToWidth: '1', fitToHeight: '1', pageOrder: 'downThenOver', orientation: 'portrait', blackAndWhite: 'false', draft: 'false', cellComments: 'none', firstPageNumber: '1', useFirstPageNumber: 'true', horizontalDpi: '300', verticalDpi: '300', copies: '1' },
      headerFooter: { oddHeader: '&C&"Times New Roman,Regular"&12&Kffffff&A', oddFooter: '&C&"Times New Roman,Regular"&12Page &P' },
    }, false, { pageSetup: true, headerFooter: true }],
    ['fitted to pages by the analyst', { ...none, fitToPage: true, pageSetup: { orientation: 'landscape', fitToWidth: '1', fitToHeight: '0' } }, false, { pageSetup: false, headerFooter: true }],
    ['fitted as ours on a sheet an earlier run wrote', { fitToPage: true, pageSetup: { paperSize: '9', orientation: 'landscape', fitToWidth: '2', fitToHeight: '0' }, headerFooter: { oddHeader: '&LOxfordshire · Oxfordshire County Council · as of 01/11/2026', oddFooter: footer } }, true, { pageSetup: true, headerFooter: true }],
    ['ours with the analyst\'s copies and footer', { fitToPage: true, pageSetup: { paperSize: '9', orientation: 'landscape', fitToWidth: '2', fitToHeight: '0', copies: '3' }, headerFooter: { oddHeader: '&LOxfordshire · O · as of 01/11/2026', oddFooter: '&RNorthmoor' } }, true, { pageSetup: false, headerFooter: false }],
    ['a scale, a page order', { ...none, pageSetup: { scale: '80' } }, false, { pageSetup: false, headerFooter: true }],
    ['an even-page footer only', { ...none, headerFooter: { evenFooter: '&CRestricted' } }, false, { pageSetup: true, headerFooter: false }],
  ];
  it.each(cases)('%s', (_what, print, earlierRun, expected) => {
    expect(registerPrint(print, footer, earlierRun)).toEqual(expected);
  });
});
