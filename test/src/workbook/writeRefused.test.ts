/**
 * A write refused for its size. The budget is planned from Office.js's measured requests
 * (officeJsRequests.test.ts), but the host's own count is not in Office.js: if it counts more, the
 * request is refused before anything is applied, and the rows go again in halves rather than the run
 * failing. Here the double's limit is lowered to 1 MB, so the run's chunks of rows and its SIG pack's
 * syncs, planned to the usual budget, are refused.
 */
import { describe, expect, it } from 'vitest';
import { englandRegister } from '../../../bench/englandRegister';
import { fromIsoDate } from '../../../core/dates';
import { frameworkById } from '../../../core/frameworks';
import { runOnPort } from '../../../src/run/taskpaneRun';
import { createOfficePort } from '../../../src/workbook/office';
import type { WorkbookPort } from '../../../src/workbook/port';
import { ExcelDouble } from '../../support/excelDouble';

const ASOF = fromIsoDate('2026-11-01')!;
const RAN_AT = new Date(Date.UTC(2026, 10, 1));
const { header, rows } = englandRegister(3_000);

function setUp(limitBytes?: number) {
  const double = new ExcelDouble();
  if (limitBytes) double.requestLimitBytes = limitBytes;
  double.addSheet('Register', [header, ...rows]);
  const port = createOfficePort({ run: double.run, settings: double.settings });
  return { double, port };
}

/** No rows riding on the read: the run's own write carries every row. */
const ownWriteOnly = (port: WorkbookPort): WorkbookPort => ({ ...port, readRegister: (control) => port.readRegister({ ...control, headWriter: undefined }) });

const workbook = (double: ExcelDouble) => double.sheets.map((s) => ({ name: s.name, cells: s.snapshot(), names: s.names, tables: s.tables, frozen: s.frozen }));

describe('a write the host refuses as too large', () => {
  it('is written again in halves: the run ends done, its workbook the one a run within the limit leaves', async () => {
    const fw = frameworkById('southwark')!;
    const over = setUp(1_000_000);
    const progress: { rows: number; syncs: number; of: number }[] = [];
    const run = await runOnPort(ownWriteOnly(over.port), fw, ASOF, { ranAt: RAN_AT, runId: 'run', pause: async () => {}, onProgress: (p) => void (p.phase === 'writing' && p.rows && progress.push({ rows: p.rows.done, syncs: p.done, of: p.total })) });
    expect(run.status).toBe('done');
    expect(run.report!.rowsDone).toBe(rows.length);
    // Rows and the pack's sheets were refused (a refused request is counted, then nothing of it applied).
    const refused = over.double.requestBytes.map((b, i) => [b, over.double.operations[i]!] as const).filter(([b]) => b > 1_000_000);
    expect(refused.some(([, ops]) => ops.includes('values') && ops.includes('addName'))).toBe(true);
    expect(refused.some(([, ops]) => ops.includes('addSheet'))).toBe(true);
    // Progress moves on only with rows confirmed, to every row, and never says more syncs done than it will take.
    expect(progress.at(-1)!.rows).toBe(rows.length);
    progress.forEach((p, i) => {
      expect(p.rows).toBeGreaterThanOrEqual(progress[i - 1]?.rows ?? 0);
      expect(p.syncs).toBeLessThanOrEqual(p.of);
    });

    const within = setUp();
    const plain = await runOnPort(ownWriteOnly(within.port), fw, ASOF, { ranAt: RAN_AT, runId: 'run', pause: async () => {} });
    expect(plain.status).toBe('done');
    expect(workbook(over.double)).toEqual(workbook(within.double));
  }, 60_000);

  it('a single row too large still fails, saying which rows are not confirmed', async () => {
    const long = 'x'.repeat(100);
    const double = new ExcelDouble();
    double.addSheet('Register', [header, ...rows.slice(0, 3).map((r) => r.map((v, i) => (i === 1 ? `${v} ${long}` : v)))]);
    // A budget of one byte: every chunk is one row, and the double refuses every request.
    const port = createOfficePort({ run: double.run, settings: double.settings, budgetBytes: 1 });
    const realSync = double.sync.bind(double);
    double.sync = async (commands, loads) => {
      if (commands.some((c) => (c.payload as { op?: string }).op === 'values')) {
        double.syncs++;
        throw Object.assign(new Error('The request payload size has exceeded the limit.'), { code: 'RequestPayloadSizeLimitExceeded' });
      }
      return realSync(commands, loads);
    };
    const run = await runOnPort(ownWriteOnly(port), frameworkById('oxfordshire')!, ASOF, { ranAt: RAN_AT, runId: 'run', pause: async () => {} });
    expect(run.report?.status).toBe('failed');
    expect(run.report?.error).toMatch(/exceeded the limit.*\(rows 2 to 2 not confirmed\)/);
  });
});
