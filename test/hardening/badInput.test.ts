/**
 * The bad-input corpus (test/fixtures/bad-input, made by scripts/generate-bad-input.ts) through the
 * command line: each case gives the message its manifest says (row, column, value, expected), to .json
 * and to .xlsx, and no cell of the analyst's changes in the output workbook.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { RESULT_HEADERS } from '../../src/run/registerRun';
import type { ResultRow } from '../../src/run/resultsJson';
import { parseCsv } from '../../src/workbook/readFile';
import { BAD_INPUT_FIXTURES, badInputManifest, type BadInputCase } from '../support/badInputCorpus';
import { readResultRows } from '../support/resultsFile';

const FIXTURES = BAD_INPUT_FIXTURES;

type Case = BadInputCase;
const manifest = badInputManifest;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'schoolrisk-bad-input-'));
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (t) => (out += t), (t) => (err += t));
  return { code, out, err };
}

const categorise = (c: Case, out: string) => run('categorise', join(FIXTURES, c.file), '--framework', c.framework, '--as-of', manifest.asOf, '--out', out);

/** The values of a sheet, row by row, as exceljs reads them (formula objects and error values included). */
function sheetValues(ws: ExcelJS.Worksheet, width: number): unknown[][] {
  const rows: unknown[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    rows.push(Array.from({ length: width }, (_, c) => row.getCell(c + 1).value ?? null));
  }
  return rows;
}

/** The output sheet's result block: header -> column (1-based). */
function resultColumns(ws: ExcelJS.Worksheet): Map<string, number> {
  const map = new Map<string, number>();
  ws.getRow(1).eachCell((cell, c) => {
    if ((RESULT_HEADERS as readonly string[]).includes(String(cell.value))) map.set(String(cell.value), c);
  });
  return map;
}

describe('the bad-input corpus', () => {
  it('has at least 100 cases, each with a file, a framework and a message', () => {
    expect(manifest.cases.length).toBeGreaterThanOrEqual(100);
    for (const c of manifest.cases) {
      // Some fixtures are empty on purpose (an empty CSV): the file must exist, not have content.
      expect(existsSync(join(FIXTURES, c.file)), c.file).toBe(true);
      expect(c.message.length).toBeGreaterThan(0);
    }
    expect(new Set(manifest.cases.map((c) => c.id)).size).toBe(manifest.cases.length);
  });
});

describe.each(manifest.cases.filter((c) => c.expect === 'row-error'))('row error: $id ($what)', (c) => {
  it('to .json: the row is not categorised and its error names row, column, value and what was expected', async () => {
    const out = join(dir, `${c.id}.json`);
    const r = await categorise(c, out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rows = readResultRows(out);
    const bad = rows.find((x) => x.row === c.row)!;
    expect(bad.category).toBeNull();
    expect(bad.errors).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(c.message))]));
    // The other rows are still categorised.
    for (const other of rows.filter((x) => x.row !== c.row)) expect(other.category, `row ${other.row}`).not.toBeNull();
  });
});

/** The case's row of results.json, the run having succeeded. */
async function jsonRow(c: Case): Promise<ResultRow> {
  const out = join(dir, `${c.id}.json`);
  expect((await categorise(c, out)).code).toBe(0);
  return readResultRows(out).find((x) => x.row === c.row)!;
}

describe.each(manifest.cases.filter((c) => c.expect === 'row-warning'))('row warning: $id ($what)', (c) => {
  it('to .json: the row is still categorised, with no error, and the warning', async () => {
    const bad = await jsonRow(c);
    expect(bad.category).not.toBeNull();
    expect(bad.errors).toEqual([]);
    expect(bad.warnings).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(c.message))]));
  });
});

describe.each(manifest.cases.filter((c) => c.expect === 'provisional'))('provisional: $id ($what)', (c) => {
  it('to .json: the row is categorised, with no error, and provisional: its worst case and the blank columns', async () => {
    const row = await jsonRow(c);
    expect(row.category).not.toBeNull();
    expect(row.errors).toEqual([]);
    expect(row.provisional).not.toBeNull();
    expect(row.provisional!.worstCase).not.toBe(row.category);
    expect(row.provisional!.missing.length).toBeGreaterThan(0);
  });
});

describe.each(manifest.cases.filter((c) => c.note !== undefined))('how the file was read: $id', (c) => {
  it('is said in the command line\'s output', async () => {
    const r = await categorise(c, join(dir, `${c.id}-note.json`));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(c.note!, 'm'));
  });
});

describe.each(manifest.cases.filter((c) => ['row-error', 'row-warning', 'accepted', 'provisional'].includes(c.expect)))('to .xlsx: $id', (c) => {
  it('writes the message into the row\'s Problems cell and changes no cell of the analyst\'s', async () => {
    const out = join(dir, `${c.id}.xlsx`);
    const r = await categorise(c, out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(out);
    const ws = after.worksheets[0]!;
    const results = resultColumns(ws);
    expect([...results.keys()]).toEqual([...RESULT_HEADERS]);
    const width = results.get('Category')! - 1;

    // Every analyst cell, compared with the input as read by the same library (or the CSV as parsed).
    if (c.file.endsWith('.xlsx')) {
      const before = new ExcelJS.Workbook();
      await before.xlsx.readFile(join(FIXTURES, c.file));
      const input = before.worksheets[0]!;
      expect(width).toBe(input.columnCount);
      expect(sheetValues(ws, width)).toEqual(sheetValues(input, width));
    } else {
      const csv = parseCsv(readFileSync(join(FIXTURES, c.file)));
      expect(width).toBe(csv[0]!.length);
      // A row shorter than the header is blank to its end.
      expect(sheetValues(ws, width).map((row) => row.map((v) => v ?? ''))).toEqual(csv.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? '')));
    }

    const problems = String(ws.getRow(c.row!).getCell(results.get('Problems')!).value ?? '');
    const category = ws.getRow(c.row!).getCell(results.get('Category')!).value;
    const missing = String(ws.getRow(c.row!).getCell(results.get('Missing evidence')!).value ?? '');
    if (c.expect === 'provisional') {
      // Categorised (a missing-data code may have left a note in Problems), and provisional.
      expect(String(category)).toMatch(/ \(provisional\)$/);
      expect(missing).toMatch(new RegExp(c.message));
    } else if (c.expect === 'accepted') {
      expect(problems).toBe('');
      expect(category).not.toBeNull();
      // The text is kept as it was, as text: never a formula.
      const cell = ws.getRow(c.row!).getCell((ws.getRow(1).values as unknown[]).indexOf(c.column!));
      expect(cell.value).toBe(c.message);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
    } else {
      expect(problems.split('\n')).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(c.message))]));
      if (c.expect === 'row-error') expect(category).toBeNull();
      else expect(category).not.toBeNull();
    }
  });
});

describe.each(manifest.cases.filter((c) => c.expect === 'register-warning'))('header problem: $id ($what)', (c) => {
  it('validate reports it; categorise still runs, uses the first column and leaves the other alone', async () => {
    const v = await run('validate', join(FIXTURES, c.file), '--as-of', manifest.asOf);
    expect(v.code).toBe(0);
    expect(v.out.split('\n').map((l) => l.replace(/^\s*\[warning\]\s*/, ''))).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(c.message))]));

    const out = join(dir, `${c.id}.xlsx`);
    expect((await categorise(c, out)).code).toBe(0);
    const before = new ExcelJS.Workbook();
    await before.xlsx.readFile(join(FIXTURES, c.file));
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(out);
    const width = before.worksheets[0]!.columnCount;
    expect(sheetValues(after.worksheets[0]!, width)).toEqual(sheetValues(before.worksheets[0]!, width));
    // Every school is still categorised: the later column is left alone, not read as a second value.
    const json = join(dir, `${c.id}.json`);
    expect((await categorise(c, json)).code).toBe(0);
    const rows = readResultRows(json);
    expect(rows.map((x) => x.category)).not.toContain(null);
  });
});

/** The problems `validate` printed, one per "[severity] message" line. */
function validateProblems(out: string): string[] {
  return out.split('\n').filter((l) => /^ {2}\[(error|warning)\] /.test(l)).map((l) => l.replace(/^ {2}\[(error|warning)\] /, ''));
}

describe.each(manifest.cases)('validate and categorise agree: $id', (c) => {
  it('validate --framework reports exactly the problems categorise reports, and exits 1 exactly when one is an error', async () => {
    const v = await run('validate', join(FIXTURES, c.file), '--framework', c.framework, '--as-of', manifest.asOf);
    const out = join(dir, `${c.id}-agree.json`);
    const r = await categorise(c, out);
    if (r.code !== 0) {
      // Refused: each problem validate lists is in categorise's one message, and both exit 1.
      expect(v.code).toBe(1);
      for (const p of validateProblems(v.out)) expect(r.err).toContain(p);
      if (validateProblems(v.out).length === 0) expect(v.err).toBe(r.err);
      return;
    }
    const rows = readResultRows(out);
    const reported = [...new Set(rows.flatMap((x) => [...x.errors, ...x.warnings]))].sort();
    expect([...new Set(validateProblems(v.out))].sort()).toEqual(reported);
    expect(v.code).toBe(rows.some((x) => x.errors.length > 0) ? 1 : 0);
  });
});

describe.each(manifest.cases.filter((c) => c.expect === 'fatal'))('refused: $id ($what)', (c) => {
  it.each(['json', 'xlsx'])('to .%s: non-zero exit with the message, and no output file', async (ext) => {
    const out = join(dir, `${c.id}-fatal.${ext}`);
    const r = await categorise(c, out);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(new RegExp(c.message));
    expect(() => readFileSync(out)).toThrow();
  });
});
