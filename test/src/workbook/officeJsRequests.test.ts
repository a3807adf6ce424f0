/**
 * What a run's writes weigh as Microsoft's Office.js sends them (test/support/officeJs.ts): the double's
 * own measure leaves out Office.js's framing (each command's action and object path) and the escaping of
 * the request when the host's message carries it, 3-19% more in the runs below. Excel on the web refuses a
 * request above 5 MB (read here as 5,000,000 bytes, the stricter reading); the write budget
 * (CHUNK_BUDGET_BYTES, planned in `requestBytes`) must keep every real request 4% under that.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { englandRegister } from '../../../bench/englandRegister';
import { allFrameworks } from '../../../core/frameworks';
import { PROBLEMS_MARKER_ID, problemsLayout } from '../../../src/run/problemsSheet';
import { EVERYTHING } from '../../../src/workbook/office';
import { writeOwnSheet } from '../../../src/workbook/officeOwnSheet';
import { CHUNK_BUDGET_BYTES, requestBytes } from '../../../src/workbook/port';
import { shownCell } from '../../../src/workbook/cell';
import { readSheetGrid } from '../../../src/workbook/readFile';
import { officeJsContext } from '../../support/officeJs';
import { replayOnOfficeJs } from '../../support/officeJsReplay';
import { PRODUCER_REGISTERS } from '../../support/producerFixtures';

const LIMIT = 5_000_000;
const WITH_MARGIN = LIMIT * 0.96;

function grid(rows: number) {
  const { header, rows: body } = englandRegister(rows);
  return [header, ...body];
}

describe('write requests as Office.js makes them', () => {
  it('loads Office.js (a devDependency): without it nothing here measures anything', () => {
    expect(officeJsContext()).not.toBeNull();
  });

  it('requestBytes is the length of the request text carried as a JSON string', () => {
    const carried = (value: unknown) => Buffer.byteLength(JSON.stringify(JSON.stringify(value))) - 2;
    for (const value of [['a "quoted" word', 'back\\slash', 'line\nbreak', 'é', 12, null, true], [], 'plain']) expect(requestBytes(value)).toBe(carried(value));
    // Any rows of cells: text of any characters (quotes, backslashes, controls, astral), numbers, booleans, blanks.
    const cell = fc.oneof(fc.string({ unit: 'binary' }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant(''));
    fc.assert(fc.property(fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 8 }), (rows) => requestBytes(rows) === carried(rows)), { numRuns: 500 });
  });

  it('the Problems sheet of a country (60,000 problems) under the limit with 4 per cent to spare', async () => {
    const problems = Array.from({ length: 60_000 }, (_, i) => ({ severity: 'error' as const, row: i + 2, column: 'Inspection date', value: `31/02/20${i % 100}`, expected: 'a date (dd/mm/yyyy)', message: `Row ${i + 2}, column "Inspection date": not a date`, cell: null }));
    const real = officeJsContext()!;
    const report = await writeOwnSheet(real.ctx, problemsLayout(problems, 'heading'), PROBLEMS_MARKER_ID, CHUNK_BUDGET_BYTES, EVERYTHING);
    expect(report).toMatchObject({ status: 'done', rows: 60_001 });
    expect(real.requests.length).toBeGreaterThanOrEqual(3);
    for (const r of real.requests) expect(r.messageBytes).toBeLessThan(WITH_MARGIN);
  });

  // A country's register under the two frameworks with the most to write, every sync near the budget.
  it.each(['southwark', 'herefordshire'])('%s, 25,000 schools: every write under the limit with 4 per cent to spare, in six syncs', async (id) => {
    const run = (await replayOnOfficeJs(grid(25_000), id))!;
    expect(run.officeJs).toHaveLength(run.doubleBytes.length);
    expect(run.officeJs.length).toBeGreaterThanOrEqual(3);
    for (const r of run.officeJs) expect(r.messageBytes).toBeLessThan(WITH_MARGIN);
    // The budget is used: the largest request is within 10% of it (a budget far under the limit would pass the check above).
    expect(Math.max(...run.officeJs.map((r) => r.messageBytes))).toBeGreaterThan(WITH_MARGIN * 0.9);
    expect(run.syncs).toBeLessThanOrEqual(6);
  }, 60_000);

  // Registers LibreOffice and openpyxl saved (their cells as Office.js gives them): every framework's writes go through Office.js's own serialiser.
  it.each(PRODUCER_REGISTERS)('%s: every framework\'s writes, as Office.js sends them', async (file) => {
    const registerGrid = (await readSheetGrid(file)).values.map((r) => r.map(shownCell));
    for (const fw of allFrameworks()) {
      const run = (await replayOnOfficeJs(registerGrid, fw.definition.id))!;
      expect(run.officeJs.length, fw.definition.id).toBe(run.doubleBytes.length);
      run.officeJs.forEach((r, i) => {
        expect(r.messageBytes).toBeLessThan(WITH_MARGIN);
        expect(r.bodyBytes, `${fw.definition.id} sync ${i}`).toBeGreaterThan(run.doubleBytes[i]!);
      });
    }
  }, 60_000);

  // 3,000 schools: the SIG pack's sheets (many small commands, the most framing per byte) fill a sync.
  it.each(allFrameworks().map((f) => f.definition.id))('%s, 3,000 schools: the pack\'s sync too', async (id) => {
    const run = (await replayOnOfficeJs(grid(3_000), id))!;
    expect(run.officeJs).toHaveLength(run.doubleBytes.length);
    for (const r of run.officeJs) expect(r.messageBytes).toBeLessThan(WITH_MARGIN);
    // Office.js's framing is more than the double counts: the double alone would not have caught an overrun.
    run.officeJs.forEach((r, i) => expect(r.bodyBytes).toBeGreaterThan(run.doubleBytes[i]!));
  }, 60_000);
});
