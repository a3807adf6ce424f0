/**
 * Writes a run's outputs: a copy of the analyst's workbook with the results, a CSV with the results
 * appended, or the JSON contract. The analyst's input file is never written to.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { DUE_COLUMN, RESULT_HEADERS, type RunPlan } from '../run/registerRun';
import { gridText, type Cell, type GridValue } from './cell';
import { addCountsChart } from './xlsxChart';
import { RUN_SHEET, SUMMARY_SHEET, writeResultColumns, writeRunSheet, writeSummarySheet } from './writeResults';

/** A cell that a spreadsheet would run as a formula or command when the CSV is opened: = + - @, tab, CR. */
export function neutraliseCsvCell(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  // A plain number written as text ("-0.5") is data, not a formula.
  if (/^[-+]?\d+(\.\d+)?%?$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The results as CSV text: the analyst's columns, then the result columns. */
export function resultsCsv(values: readonly (readonly GridValue[])[], plan: RunPlan): string {
  const columns = plan.placement.columns;
  const width = Math.max(Math.max(...columns) + 1, ...values.map((r) => r.length));
  const byRow = new Map(plan.rows.map((r) => [r.gridRow, r]));
  const lastRow = plan.located.headerIndex + plan.located.rows.length;
  const rows = values.map((row, i) => {
    const out: Cell[] = Array.from({ length: width }, (_, c) => gridText(row[c]));
    if (i < plan.located.headerIndex || i > lastRow) return out.map(neutraliseCsvCell);
    const results: readonly Cell[] = i === plan.located.headerIndex ? RESULT_HEADERS : (byRow.get(i)?.cells.map((c, k) => (k === DUE_COLUMN && typeof c === 'number' ? serialToUk(c) : c)) ?? RESULT_HEADERS.map(() => ''));
    columns.forEach((c, k) => {
      if (i !== plan.located.headerIndex || plan.placement.writeHeader[k]) out[c] = results[k]!;
    });
    return out.map(neutraliseCsvCell);
  });
  return `\uFEFF${Papa.unparse(rows as unknown[][], { newline: '\r\n' })}\r\n`;
}

function serialToUk(serial: number): string {
  const d = new Date(Math.round((serial - 25569) * 86_400_000));
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** Writes the workbook copy with results, summary, chart and run sheets. */
export async function writeResultsWorkbook(
  out: string,
  workbook: ExcelJS.Workbook,
  sheetName: string,
  plan: RunPlan,
  meta: { title: string; asOf: string; record: readonly [string, Cell][] },
): Promise<void> {
  const ws = workbook.getWorksheet(sheetName)!;
  writeResultColumns(ws, plan);
  const range = writeSummarySheet(workbook, plan, meta.title, meta.asOf);
  writeRunSheet(workbook, meta.record);
  await mkdir(dirname(out), { recursive: true });
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await writeFile(out, await addCountsChart(buffer, SUMMARY_SHEET, range, plan.summary.counts.map((c) => c.colour)));
}

/** The kind of output a path asks for. */
export function outputKind(path: string): 'xlsx' | 'csv' | 'json' | null {
  const ext = extname(path).toLowerCase();
  return ext === '.xlsx' ? 'xlsx' : ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : null;
}

export { RUN_SHEET, SUMMARY_SHEET };
