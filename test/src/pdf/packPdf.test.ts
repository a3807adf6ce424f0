/**
 * The SIG pack as a PDF, checked as a SIG member meets it: A4 landscape, the summary on page 1 with the
 * framework and the counts, a page per school of concern, the fonts embedded, text that extracts as
 * written (poppler's pdftotext and pdfinfo), page 1 rendered to a picture. With UPDATE_SCREENSHOTS=1 the
 * picture the README shows (docs/screenshots/sig-pack.png) is refreshed.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromIsoDate } from '../../../core/dates';
import { frameworkById } from '../../../core/frameworks';
import { main } from '../../../src/cli/main';
import { buildPack } from '../../../src/run/pack';
import { planRun } from '../../../src/run/registerRun';
import { packDocument, packPdf } from '../../../src/pdf/packPdf';
import { readSheetGrid } from '../../../src/workbook/readFile';
import { have, PDFINFO } from '../../support/externalTools';

let dir: string;
let pdf: string;
let out = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'schoolrisk-pdf-'));
  pdf = join(dir, 'pack.pdf');
  let err = '';
  const code = await main(['categorise', 'examples/sample-register.xlsx', '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', join(dir, 'results.xlsx'), '--pdf', pdf], (t) => (out += t), (t) => (err += t));
  expect(err).toBe('');
  expect(code).toBe(0);
});

const text = (page?: number) => execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', pdf, '-'], { encoding: 'utf8' });

describe('categorise --pdf', () => {
  it('writes an A4 landscape PDF: the summary, then a page per school of concern', () => {
    if (!have(PDFINFO, 'pdfinfo')) return;
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    const profiles = Number(/the summary and (\d+) school profiles/.exec(out)![1]);
    expect(profiles).toBeGreaterThan(10);
    expect(Number(/^Pages:\s+(\d+)/m.exec(info)![1])).toBe(1 + profiles);
    expect(info).toMatch(/Title:\s+Oxfordshire County Council: SIG pack, as of 01\/11\/2026/);
  });

  it('page 1 names the authority, the framework and the as-of date, and holds the counts per category', () => {
    if (!have(PDFINFO, 'pdfinfo')) return;
    const p1 = text(1);
    expect(p1).toContain('Oxfordshire County Council · Oxfordshire Improvement Guarantee · as of 01/11/2026');
    expect(p1).toContain('Oxfordshire County Council: SIG summary');
    expect(p1).toMatch(/Page 1 of \d+/);
    // The same counts the command printed.
    for (const [, label, n] of out.matchAll(/^ {2}(Universal|Targeted|Bespoke|Requires improvement|Inadequate) +(\d+)/gm)) {
      expect(p1).toMatch(new RegExp(`${label}\\s+${n}\\s+\\d+%`));
    }
    for (const heading of ['By phase', 'Maintained schools and academies', 'Movements since the previous run', 'Inspections overdue', 'Inspections due this term', 'Highest inspection risks', '"Stuck" schools']) expect(p1).toContain(heading);
  });

  it('each later page is one school\'s profile: its name, category, reasons with their sections, and the offer', () => {
    if (!have(PDFINFO, 'pdfinfo')) return;
    const p2 = text(2);
    expect(p2).toMatch(/URN \d{6} · /);
    for (const part of ['Category', 'Why', 'Reason', 'Section', 'The policy says', 'Support', 'Offer', 'Ofsted', 'Against the framework']) expect(p2).toContain(part);
  });

  it('embeds its fonts (subset), draws the charts as vectors and renders to a picture', () => {
    if (!have(PDFINFO, 'pdfinfo')) return;
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/DejaVuSans\S*\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)).toEqual([]);
    execFileSync('pdftoppm', ['-r', '80', '-f', '1', '-l', '1', '-png', '-singlefile', pdf, join(dir, 'page1')]);
    expect(existsSync(join(dir, 'page1.png'))).toBe(true);
    if (process.env.UPDATE_SCREENSHOTS) copyFileSync(join(dir, 'page1.png'), 'docs/screenshots/sig-pack.png');
  });

  it('refuses a --pdf that is not a .pdf, before any work, with one line', async () => {
    let err = '';
    const code = await main(['categorise', 'examples/sample-register.xlsx', '-f', 'oxfordshire', '-o', join(dir, 'x.xlsx'), '--pdf', join(dir, 'pack.docx')], () => undefined, (t) => (err += t));
    expect(code).toBe(1);
    expect(err).toMatch(/^schoolrisk: Cannot write ".*pack\.docx": --pdf expects a file ending \.pdf\.\n$/);
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
  });
});

describe('the document definition', () => {
  it('is the same bytes for the same run (dated by the run, not by the clock)', async () => {
    const fw = frameworkById('wokingham')!;
    const asOf = fromIsoDate('2026-11-01')!;
    const values = (await readSheetGrid('examples/sample-register.csv')).values;
    const plan = planRun(values, { framework: fw, asOf, source: 'sample' });
    const pack = buildPack(plan, fw, { asOf, ranAt: new Date(Date.UTC(2026, 10, 1, 9)), source: 'sample', history: [] });
    const a = await packPdf(pack);
    const b = await packPdf(pack);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    const doc = packDocument(pack);
    expect(doc).toMatchObject({ pageSize: 'A4', pageOrientation: 'landscape' });
    expect((doc.content as unknown[]).length).toBe(1 + pack.profiles.length);
  });
});
