/**
 * A task pane run's writes as Office.js sends them: the run is made on the double (which reads and
 * answers), and what it wrote (the rows riding on the last read, then the run's own write with the SIG
 * pack) is written again through Microsoft's Office.js (officeJs.ts), whose requests are measured.
 */
import { fromIsoDate } from '../../core/dates';
import { frameworkById } from '../../core/frameworks';
import { runOnPort } from '../../src/run/taskpaneRun';
import type { Cell } from '../../src/workbook/cell';
import { createOfficePort, EVERYTHING } from '../../src/workbook/office';
import { queueHeadRows, writeRun } from '../../src/workbook/officeWrite';
import { CHUNK_BUDGET_BYTES, type ReadControl, type ResultBlock, type RunWrite, type WorkbookPort } from '../../src/workbook/port';
import { ExcelDouble } from './excelDouble';
import { officeJsContext, type OfficeJsRequest } from './officeJs';

export interface ReplayedRun {
  /** The double's measure of each sync that wrote (the riding read first, when rows rode). */
  readonly doubleBytes: number[];
  /** The same syncs' requests as Office.js made them. */
  readonly officeJs: OfficeJsRequest[];
  readonly syncs: number;
  /** The double's measure of every sync of the run, reads included, and of its responses. */
  readonly requestBytes: number[];
  readonly responseBytes: number[];
}

/** Null when @microsoft/office-js is not installed. */
export async function replayOnOfficeJs(grid: readonly (readonly Cell[])[], frameworkId: string): Promise<ReplayedRun | null> {
  if (!officeJsContext()) return null;
  const double = new ExcelDouble();
  double.addSheet('Register', grid);
  const port = createOfficePort({ run: double.run, settings: double.settings });
  let head: ResultBlock | null = null;
  let write: RunWrite | null = null;
  let written = 0;
  let firstWrite = -1;
  const recording: WorkbookPort = {
    ...port,
    readRegister: (control: ReadControl) => port.readRegister({
      ...control,
      ...(control.headWriter ? {
        headWriter: {
          block: async (region) => (head = await control.headWriter!.block(region)),
          written: (rows) => {
            written = rows;
            control.headWriter!.written(rows);
          },
        },
      } : {}),
    }),
    writeRun: (w, c) => {
      write = w;
      firstWrite = double.syncs;
      return port.writeRun(w, c);
    },
  };
  const run = await runOnPort(recording, frameworkById(frameworkId)!, fromIsoDate('2026-11-01')!, { ranAt: new Date(Date.UTC(2026, 10, 1)), pause: async () => {} });
  if (!run.report || !write) throw new Error(`The run ended ${run.status} while ${run.phase}.`);

  const officeJs: OfficeJsRequest[] = [];
  if (head && written > 0) {
    const riding = officeJsContext()!;
    // That sync's reads too: one range's values per load the double saw in it.
    const loads = double.operations[firstWrite - 1]!.filter((op) => op === 'load').length;
    const register = riding.ctx.workbook.worksheets.getItem('Register');
    for (let k = 0; k < loads; k++) register.getRangeByIndexes(11_000, 3 * k, 14_000, 3).load('values');
    queueHeadRows(riding.ctx, head, CHUNK_BUDGET_BYTES, EVERYTHING);
    await riding.ctx.sync();
    officeJs.push(...riding.requests);
  }
  const own = officeJsContext()!;
  const report = await writeRun(own.ctx, write, { written }, CHUNK_BUDGET_BYTES, EVERYTHING);
  if (report.status !== 'done') throw new Error(`Office.js's write ended ${report.status}: ${report.error ?? ''}`);
  officeJs.push(...own.requests);
  const doubleBytes = double.requestBytes.slice(written > 0 ? firstWrite - 1 : firstWrite);
  return { doubleBytes, officeJs, syncs: double.syncs, requestBytes: [...double.requestBytes], responseBytes: [...double.responseBytes] };
}
