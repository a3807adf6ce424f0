/**
 * A task pane run's writes as Office.js sends them: the run is made on the double (which reads and
 * answers), and what it wrote (the rows riding on the last read, then the run's own write with the SIG
 * pack) is written again through Microsoft's Office.js (officeJs.ts), whose requests are measured.
 */
import type { Cell } from '../../src/workbook/cell';
import { EVERYTHING } from '../../src/workbook/office';
import { queueHeadRows, writeRun } from '../../src/workbook/officeWrite';
import { CHUNK_BUDGET_BYTES, type ReadControl, type ResultBlock, type RunWrite, type WorkbookPort } from '../../src/workbook/port';
import { runOnDouble, type ExcelDouble } from './excelDouble';
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
  let double: ExcelDouble | null = null;
  let head: ResultBlock | null = null;
  let write: RunWrite | null = null;
  let written = 0;
  let firstWrite = -1;
  // The run on the double, as the bench makes it, its port watched for the rows that ride and the run's own write.
  const run = await runOnDouble(grid, frameworkId, (port, d): WorkbookPort => {
    double = d;
    return {
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
        firstWrite = d.syncs;
        return port.writeRun(w, c);
      },
    };
  });
  const d = double as ExcelDouble | null;
  if (!d || !write || run.status !== 'done') throw new Error(`The run on the double ended ${run.status}.`);

  const officeJs: OfficeJsRequest[] = [];
  if (head && written > 0) {
    const riding = officeJsContext()!;
    // That sync's reads too: one range's values per load the double saw in it.
    const loads = d.operations[firstWrite - 1]!.filter((op) => op === 'load').length;
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
  const doubleBytes = run.requestBytes.slice(written > 0 ? firstWrite - 1 : firstWrite);
  return { doubleBytes, officeJs, syncs: run.syncs, requestBytes: run.requestBytes, responseBytes: run.responseBytes };
}
