/**
 * The .xlsx copy keeps the analyst's whole workbook: registers saved by other programs (openpyxl,
 * LibreOffice, XlsxWriter, Gnumeric; test/fixtures/producers) go through `categorise` with every part they
 * hold copied byte for byte, every analyst cell unchanged as openpyxl reads it, and the result opens in
 * LibreOffice; to .xlsx and to .csv each school gets the results the sample register's CSV gives it, the
 * .csv keeps each cell as that CSV has it, and the input is never written. A later run finds its block by
 * the marker, through renamed headers, inserted and deleted columns.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { BlobReader, configure, TextWriter, Uint8ArrayWriter, ZipReader, ZipWriter, type FileEntry } from '@zip.js/zip.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { frameworkById } from '../../../core/frameworks';
import { main } from '../../../src/cli/main';
import { RESULT_HEADERS } from '../../../src/run/resultPlacement';
import { have, pdfPages, PDFINFO, PYTHON, python, SOFFICE, toPdf } from '../../support/externalTools';
import { PRODUCER_FIXTURES as FIXTURES } from '../../support/producerFixtures';

configure({ useWebWorkers: false });
const CELLS = 'test/support/workbook_cells.py';
const EDIT = 'test/support/edit_like_excel.py';

interface Manifest {
  workbooks: { file: string; sha256: string; registerSheetPart: string; analystParts: string[]; headerRow: number; notesColumn: string; notes: { row: number; text: string }[]; floatsRoundedByProducer: { ref: string }[]; mergedCells: string[]; table: { part: string; ref: string } | null }[];
}
const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as Manifest;

interface SheetCells {
  cells: Record<string, unknown[]>;
  comments: string[]; hyperlinks: string[]; validations: string[]; conditionalFormats: string[];
  tables: Record<string, string>; merged: string[]; freeze: string | null; images: number; charts: number;
}
interface WorkbookCells { sheets: Record<string, SheetCells>; definedNames: string[]; ourNames: string[] }

let dir: string;
/** The sample register's CSV and its results as a .csv: what every producer's copy of its first 40 schools must give. */
let sample: { register: string[][]; results: Map<string, string[]> };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'schoolrisk-copy-'));
  const out = join(dir, 'sample-register.out.csv');
  expect((await run('categorise', 'examples/sample-register.csv', '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
  sample = { register: csvRows('examples/sample-register.csv'), results: resultsByUrn(csvRows(out)) };
});

const csvRows = (path: string) => Papa.parse<string[]>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
/** Each school's result cells (the columns headed as ours, in their order) by URN, from a CSV's rows. */
function resultsByUrn(rows: string[][]): Map<string, string[]> {
  const h = rows.findIndex((r) => r[0] === 'URN');
  const at = RESULT_HEADERS.map((name) => rows[h]!.indexOf(name));
  return new Map(rows.slice(h + 1).map((r) => [r[0]!, at.map((c) => r[c]!)]));
}
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (t) => (out += t), (t) => (err += t));
  return { code, out, err };
}

/** Every entry of a zip: name to [crc32, compressed size, raw bytes]. */
async function rawEntries(path: string): Promise<Map<string, { crc: number; size: number; raw: Uint8Array }>> {
  const reader = new ZipReader(new BlobReader(new Blob([readFileSync(path)])));
  const out = new Map<string, { crc: number; size: number; raw: Uint8Array }>();
  for (const e of (await reader.getEntries()) as FileEntry[]) {
    if (e.directory) continue;
    out.set(e.filename, { crc: e.signature ?? -1, size: e.compressedSize, raw: await e.getData(new Uint8ArrayWriter(), { passThrough: true }) });
  }
  await reader.close();
  return out;
}

const letters = (n: number) => {
  let s = '';
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
};
const columnIndex = (l: string) => [...l].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
/** The column letter of the header `h` on row `row`; undefined when no cell there holds it. */
const columnOf = (sheet: SheetCells, row: number, h: string) => Object.entries(sheet.cells).find(([ref, c]) => ref.replace(/^[A-Z]+/, '') === String(row) && c[0] === h)?.[0].replace(/\d+$/, '');
/** Parts a fixture holds that an analyst or a program put there (charts, comments, tables...): a manifest that lists fewer lost some. */
const ANALYST_PARTS_AT_LEAST: Record<string, number> = { 'openpyxl-register.xlsx': 6, 'libreoffice-register.xlsx': 6, 'xlsxwriter-table.xlsx': 1, 'gnumeric-register.xlsx': 1 };

describe.each(manifest.workbooks.map((w) => [w.file, w] as const))('a register saved by another program: %s', (file, w) => {
  const input = () => join(dir, file);
  const output = () => join(dir, file.replace('.xlsx', '.out.xlsx'));
  const csvOutput = () => join(dir, file.replace('.xlsx', '.out.csv'));
  beforeAll(async () => {
    copyFileSync(join(FIXTURES, file), input());
    for (const out of [output(), csvOutput()]) {
      const r = await run('categorise', input(), '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', out);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
    }
  });

  it('is never written: byte for byte the file the manifest describes after the runs to .xlsx and to .csv', () => {
    expect(sha256(join(FIXTURES, file))).toBe(w.sha256);
    expect(sha256(input())).toBe(w.sha256);
  });

  it('gives each of its schools, to .csv and to .xlsx, every result the sample register\'s CSV gives the same school (category, reasons, problems...)', () => {
    const got = resultsByUrn(csvRows(csvOutput()));
    expect(got.size).toBe(w.notes.length);
    for (const [urn, cells] of got) expect([urn, cells]).toEqual([urn, sample.results.get(urn)]);
    if (!have(PYTHON, 'openpyxl')) return;
    const register = Object.values(python<WorkbookCells>(CELLS, output()).sheets)[0]!;
    const at = RESULT_HEADERS.map((h) => columnOf(register, w.headerRow, h)!);
    const due = RESULT_HEADERS.indexOf('Next inspection due');
    const shown = (v: unknown, k: number) => (v === undefined || v === null ? '' : k === due && typeof v === 'string' ? v.slice(0, 10).split('-').reverse().join('/') : String(v));
    for (const n of w.notes) {
      const urn = String(register.cells[`A${n.row}`]?.[0]);
      expect([urn, at.map((c, k) => shown(register.cells[`${c}${n.row}`]?.[0], k))]).toEqual([urn, sample.results.get(urn)]);
    }
  });

  it('keeps in the .csv every cell of the register as the CSV it was made from has it: a date cell as its date, not its serial number; a merged area\'s value once, as Excel\'s own CSV has it', () => {
    const rows = csvRows(csvOutput());
    for (const m of w.mergedCells) {
      const [from, to] = m.split(':').map((ref) => ({ row: Number(ref.replace(/^[A-Z]+/, '')) - 1, col: columnIndex(ref.replace(/\d+$/, '')) }));
      for (let r = from!.row; r <= to!.row; r++) for (let c = from!.col; c <= to!.col; c++) if (r !== from!.row || c !== from!.col) expect([m, letters(c), r + 1, rows[r]![c]]).toEqual([m, letters(c), r + 1, '']);
      expect(rows[from!.row]![from!.col]).not.toBe('');
    }
    const h = w.headerRow - 1;
    const rounded = new Set(w.floatsRoundedByProducer.map((f) => f.ref));
    expect(rows[h]!.slice(0, sample.register[0]!.length)).toEqual(sample.register[0]);
    w.notes.forEach((n, k) => {
      const want = sample.register[1 + k]!;
      want.forEach((text, c) => {
        if (!rounded.has(`${letters(c)}${n.row}`)) expect([`${letters(c)}${n.row}`, rows[n.row - 1]![c]]).toEqual([`${letters(c)}${n.row}`, text]);
      });
    });
  });

  it('copies every part it does not change byte for byte (charts, pivots, pictures, comments...), and changes only the parts it must', async () => {
    const before = await rawEntries(input());
    const after = await rawEntries(output());
    const changed = [...before.keys()].filter((name) => {
      const a = before.get(name)!;
      const b = after.get(name);
      return !b || a.crc !== b.crc || a.size !== b.size || Buffer.compare(a.raw, b.raw) !== 0;
    });
    const expected = [w.registerSheetPart, 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/styles.xml'];
    expect(changed.sort()).toEqual(expected.filter((p) => before.has(p)).sort());
    for (const part of w.analystParts) expect(after.has(part), part).toBe(true);
    expect(w.analystParts.length).toBeGreaterThanOrEqual(ANALYST_PARTS_AT_LEAST[file] ?? 0);
  });

  it('leaves every analyst cell, comment, link, validation, conditional format, table and name as it was (read by openpyxl)', () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const a = python<WorkbookCells>(CELLS, input());
    const b = python<WorkbookCells>(CELLS, output());
    expect(b.definedNames).toEqual(a.definedNames);
    for (const [name, sheet] of Object.entries(a.sheets)) {
      const got = b.sheets[name]!;
      expect(got, name).toBeDefined();
      for (const [ref, cell] of Object.entries(sheet.cells)) expect([ref, got.cells[ref]]).toEqual([ref, cell]);
      for (const k of ['comments', 'hyperlinks', 'validations', 'conditionalFormats', 'tables', 'merged', 'images', 'charts'] as const) expect([name, k, got[k]]).toEqual([name, k, sheet[k]]);
    }
    // The notes without a header are where they were, and the results start after them.
    const notes = columnIndex(w.notesColumn);
    const register = Object.values(b.sheets)[0]!;
    for (const n of w.notes) expect(register.cells[`${w.notesColumn}${n.row}`]?.[0]).toBe(n.text);
    expect(RESULT_HEADERS.map((_, i) => register.cells[`${letters(notes + 1 + i)}${w.headerRow}`]?.[0])).toEqual([...RESULT_HEADERS]);
  });

  it('gives every categorised school its reasons as an analyst reads them (openpyxl): one line per cited section, no line twice, the values left to the profile', () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const register = Object.values(python<WorkbookCells>(CELLS, output()).sheets)[0]!;
    const headerAt = (h: string) => columnOf(register, w.headerRow, h)!;
    const [category, reasons] = [headerAt('Category'), headerAt('Reasons')];
    let categorised = 0;
    for (let row = w.headerRow + 1; register.cells[`${category}${row}`] !== undefined || register.cells[`A${row}`] !== undefined; row++) {
      if (!register.cells[`${category}${row}`]?.[0]) continue;
      categorised++;
      const lines = String(register.cells[`${reasons}${row}`]?.[0] ?? '').split('\n');
      const cited = lines.filter((l) => !l.startsWith('Analyst override: '));
      expect(cited.length, `row ${row}`).toBeGreaterThan(0);
      expect(new Set(lines).size, `row ${row}: ${lines.join(' | ')}`).toBe(lines.length);
      for (const l of cited) {
        // "label; label [section]": a section once per line, and no "(Field: value)" a reason saw.
        expect(l, `row ${row}`).toMatch(/^[^[\]]+ \[[^\]]+\]$/);
        expect(l, `row ${row}`).not.toMatch(/\([^()]*: [^()]*\) \[/);
      }
      const sections = cited.map((l) => l.slice(l.lastIndexOf(' [')));
      expect(new Set(sections).size, `row ${row}`).toBe(sections.length);
    }
    expect(categorised).toBeGreaterThan(0);
  });

  it('opens in LibreOffice (converted to PDF)', () => {
    if (!have(SOFFICE, 'LibreOffice') || !have(PDFINFO, 'pdfinfo')) return;
    expect(pdfPages(toPdf(output(), dir))).toBeGreaterThan(0);
  }, 200_000);

  it('a run on its own output refreshes the same columns in place: no second block, the first run\'s categories become "previous"', async () => {
    const again = join(dir, file.replace('.xlsx', '.again.xlsx'));
    expect((await run('categorise', output(), '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', again)).code).toBe(0);
    if (!have(PYTHON, 'openpyxl')) return;
    const first = Object.values(python<WorkbookCells>(CELLS, output()).sheets)[0]!;
    const second = Object.values(python<WorkbookCells>(CELLS, again).sheets)[0]!;
    const start = columnIndex(w.notesColumn) + 1;
    const header = (c: number) => second.cells[`${letters(c)}${w.headerRow}`]?.[0];
    expect(header(start + RESULT_HEADERS.length)).toBeUndefined();
    // "Previous" is the analyst's own previous-category column where they keep one, else the first run's
    // category; shown as the category's label either way, as the Category column shows it.
    const categories = frameworkById('oxfordshire')!.definition.categories;
    const labelOf = (text: unknown) => categories.find((c) => c.id === text || c.label === String(text).replace(/ \(.*$| \[override\]$/g, ''))?.label ?? text;
    const previous = start + RESULT_HEADERS.indexOf('Previous category (last run)');
    const theirs = columnOf(first, w.headerRow, 'Previous category');
    for (const n of w.notes) {
      const own = theirs ? first.cells[`${theirs}${n.row}`]?.[0] : undefined;
      expect(second.cells[`${letters(previous)}${n.row}`]?.[0]).toBe(labelOf(own ?? first.cells[`${letters(start)}${n.row}`]?.[0]));
    }
  });
});

describe('the sample register (an Excel table)', () => {
  const out = () => join(dir, 'sample.out.xlsx');
  beforeAll(async () => {
    expect((await run('categorise', 'examples/sample-register.xlsx', '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', out())).code).toBe(0);
  });

  it('gets its results as columns of the table, so sorting and filtering keep each school with its results', async () => {
    const entries = await rawEntries(out());
    const table = new TextDecoder().decode(await inflate(out(), 'xl/tables/table1.xml'));
    expect(table).toMatch(new RegExp(`ref="A1:${letters(columnIndex('BP') + RESULT_HEADERS.length)}201"`));
    for (const h of RESULT_HEADERS) expect(table).toContain(`name="${h}"`);
    expect(entries.has('xl/tables/table1.xml')).toBe(true);
  });

  it('a renamed result header, a column inserted inside the block and a deleted result column: refreshed in place, or a fresh block beside with a note', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const py = (...args: string[]) => python<null>(EDIT, ...args);
    const renamed = join(dir, 'renamed.xlsx');
    const inserted = join(dir, 'inserted.xlsx');
    const deleted = join(dir, 'deleted.xlsx');
    // openpyxl prints nothing; python() parses stdout, so wrap: an empty output is not JSON.
    const edit = (...args: string[]) => {
      try {
        py(...args);
      } catch (e) {
        if (!(e instanceof SyntaxError)) throw e;
      }
    };
    edit(out(), renamed, 'rename', 'Category', 'Autumn category');
    edit(renamed, inserted, 'insert', 'Reasons', 'My comments', 'keep me');
    const r1 = await run('categorise', inserted, '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', join(dir, 'inserted.out.xlsx'));
    expect(r1.code).toBe(0);
    expect(r1.out).not.toMatch(/could not be matched/);
    const after = Object.values(python<WorkbookCells>(CELLS, join(dir, 'inserted.out.xlsx')).sheets)[0]!;
    // The block starts at BQ; "My comments" went in before Reasons (BU), which moved to BV.
    const after1 = (ref: string) => after.cells[ref]?.[0];
    expect(after1('BQ1')).toBe('Autumn category'); // kept as the analyst renamed it
    expect(after1('BU1')).toBe('My comments');
    expect(after1('BU2')).toBe('keep me');
    expect(after1('BV1')).toBe('Reasons');
    const end = columnIndex('BQ') + RESULT_HEADERS.length; // the last result's column, one right of where it was
    expect(after1(`${letters(end)}1`)).toBe('Movement');
    expect(after1(`${letters(end + 1)}1`)).toBeUndefined(); // no second block

    edit(out(), deleted, 'delete', 'Support');
    const r2 = await run('categorise', deleted, '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', join(dir, 'deleted.out.xlsx'));
    expect(r2.code).toBe(0);
    expect(r2.out).toMatch(/could not be matched with certainty/);
    const old = Object.values(python<WorkbookCells>(CELLS, deleted).sheets)[0]!;
    const fresh = Object.values(python<WorkbookCells>(CELLS, join(dir, 'deleted.out.xlsx')).sheets)[0]!;
    // The old columns (from BQ, one deleted) are left exactly as they were; the new block starts right
    // after them, inside the table, whose column names must be unique: ours are numbered where the old
    // ones hold the name.
    for (const [ref, cell] of Object.entries(old.cells)) expect([ref, fresh.cells[ref]]).toEqual([ref, cell]);
    const start = columnIndex('BQ') + RESULT_HEADERS.length - 1;
    expect(fresh.cells[`${letters(start)}1`]?.[0]).toBe('Category2');
    expect(fresh.cells[`${letters(start + 1)}1`]?.[0]).toBe('Support');
    expect(r2.out).toMatch(/already has a column "Category", so ours is headed "Category2"/);
    expect(Object.values(fresh.tables)).toEqual([`A1:${letters(start + RESULT_HEADERS.length - 1)}201`]);
  });
});

describe('a workbook with macros (.xlsm)', () => {
  /** The sample register made macro-enabled: a VBA project part, its relationship, the macro-enabled main content type. */
  async function xlsm(): Promise<string> {
    const src = new ZipReader(new BlobReader(new Blob([readFileSync('examples/sample-register.xlsx')])));
    const out = new ZipWriter(new Uint8ArrayWriter());
    for (const e of (await src.getEntries()) as FileEntry[]) {
      let text = await e.getData(new TextWriter());
      if (e.filename === '[Content_Types].xml') text = text.replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml').replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>');
      if (e.filename === 'xl/_rels/workbook.xml.rels') text = text.replace('</Relationships>', '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>');
      await out.add(e.filename, new Blob([text]).stream());
    }
    await out.add('xl/vbaProject.bin', new Blob([VBA]).stream());
    const path = join(dir, 'macros.xlsm');
    writeFileSync(path, await out.close());
    return path;
  }
  const VBA = new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));

  it('is copied as .xlsm with its VBA project byte for byte; an .xlsx copy, which Excel would refuse to open, is refused', async () => {
    const input = await xlsm();
    const refused = await run('categorise', input, '-f', 'oldham', '--as-of', '2026-11-01', '-o', join(dir, 'macros.out.xlsx'));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/holds macros, which Excel opens only from an \.xlsm file: write the copy as --out macros\.out\.xlsm/);
    const out = join(dir, 'macros.out.xlsm');
    expect((await run('categorise', input, '-f', 'oldham', '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
    expect(Buffer.compare(Buffer.from(await inflate(out, 'xl/vbaProject.bin')), Buffer.from(VBA))).toBe(0);
    expect(new TextDecoder().decode(await inflate(out, '[Content_Types].xml'))).toContain('macroEnabled.main+xml');
    const plain = await run('categorise', 'examples/sample-register.xlsx', '-f', 'oldham', '--as-of', '2026-11-01', '-o', join(dir, 'plain.xlsm'));
    expect(plain.err).toMatch(/an \.xlsm file is for a workbook with macros, and this register has none\. Write it as \.xlsx\./);
  });
});

async function inflate(path: string, name: string): Promise<Uint8Array> {
  const reader = new ZipReader(new BlobReader(new Blob([readFileSync(path)])));
  const e = ((await reader.getEntries()) as FileEntry[]).find((x) => x.filename === name)!;
  const bytes = await e.getData(new Uint8ArrayWriter());
  await reader.close();
  return bytes;
}
