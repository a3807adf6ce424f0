/**
 * Carries out a run plan on an exceljs workbook: the result columns beside the register (never over
 * the analyst's columns), their fills in the framework's colours, a fresh "SIG summary" sheet and a
 * "Run" sheet. Text is written as text: exceljs stores a string that begins with "=" as a string.
 */
import type ExcelJS from 'exceljs';
import { DUE_COLUMN, RESULT_HEADERS, type RunPlan } from '../run/registerRun';
import type { Cell } from './cell';
import { excelJsDateFromSerial } from './cell';

export const SUMMARY_SHEET = 'SIG summary';
export const RUN_SHEET = 'Run';

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const WIDTHS = [24, 34, 14, 14, 70, 40, 50, 18, 14];

/** Writes the result columns into the register's sheet. */
export function writeResultColumns(ws: ExcelJS.Worksheet, plan: RunPlan): void {
  const headerRow = ws.getRow(plan.located.headerIndex + 1);
  RESULT_HEADERS.forEach((h, i) => {
    const cell = headerRow.getCell(plan.resultColumn + 1 + i);
    cell.value = h;
    cell.font = { bold: true };
    ws.getColumn(plan.resultColumn + 1 + i).width = WIDTHS[i];
  });
  // One style object per kind of result cell, shared by every row: exceljs writes a style it has seen
  // (the same object) by reference, and serialises each new object to XML to find its id, which for a
  // county of schools was most of the time of writing the workbook. Only the category cell's fill varies.
  const wrapped = new Set(['Support', 'Reasons', 'Missing evidence', 'Problems'].map((h) => RESULT_HEADERS.indexOf(h as (typeof RESULT_HEADERS)[number])));
  // A refreshed row must not keep an old fill.
  const plain: Partial<ExcelJS.Style>[] = RESULT_HEADERS.map((_, i) => ({
    fill: { type: 'pattern', pattern: 'none' },
    font: {},
    alignment: wrapped.has(i) ? { wrapText: true, vertical: 'top' } : { vertical: 'top' },
    ...(i === DUE_COLUMN ? { numFmt: 'dd/mm/yyyy' } : {}),
  }));
  const filled = new Map<string, Partial<ExcelJS.Style>>();
  const categoryStyle = (fill: NonNullable<RunPlan['rows'][number]['fill']>): Partial<ExcelJS.Style> => {
    const key = `${fill.colour}|${fill.textColour}`;
    let style = filled.get(key);
    if (!style) {
      style = { ...plain[0], fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(fill.colour) } }, font: { color: { argb: argb(fill.textColour) }, bold: true } };
      filled.set(key, style);
    }
    return style;
  };
  for (const r of plan.rows) {
    const row = ws.getRow(r.gridRow + 1);
    r.cells.forEach((value, i) => {
      const cell = row.getCell(plan.resultColumn + 1 + i);
      cell.value = i === DUE_COLUMN && typeof value === 'number' ? excelJsDateFromSerial(value) : value === '' ? null : value;
      cell.style = i === 0 && r.fill ? categoryStyle(r.fill) : plain[i]!;
    });
  }
}

function replaceSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const old = wb.getWorksheet(name);
  if (old) wb.removeWorksheet(old.id);
  return wb.addWorksheet(name);
}

/** Writes the SIG summary sheet: counts per category, movements, and the highest-concern schools. Returns the counts range for a chart. */
export function writeSummarySheet(wb: ExcelJS.Workbook, plan: RunPlan, title: string, asOf: string): { firstRow: number; lastRow: number } {
  const ws = replaceSheet(wb, SUMMARY_SHEET);
  ws.columns = [{ width: 34 }, { width: 12 }, { width: 26 }, { width: 26 }, { width: 16 }];
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow(['As of', asOf]);
  ws.addRow([]);
  ws.addRow(['Category', 'Schools', 'Share', 'Provisional']).font = { bold: true };
  const total = plan.rows.length || 1;
  const firstRow = ws.rowCount + 1;
  for (const c of plan.summary.counts) {
    const row = ws.addRow([c.label, c.schools, c.schools / total, c.provisional]);
    row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(c.colour) } };
    row.getCell(1).font = { color: { argb: argb(c.textColour) }, bold: true };
    row.getCell(3).numFmt = '0%';
  }
  const lastRow = ws.rowCount;
  const nc = ws.addRow(['Not categorised (see Problems)', plan.summary.notCategorised, plan.summary.notCategorised / total]);
  nc.getCell(3).numFmt = '0%';
  ws.addRow([]);
  ws.addRow(['Movements since the previous run']).font = { bold: true };
  if (plan.summary.movements.length === 0) ws.addRow(['No school changed category (or there was no previous run).']);
  else {
    ws.addRow(['School', 'URN', 'Previous', 'Now', 'Movement']).font = { bold: true };
    for (const m of plan.summary.movements) ws.addRow([m.name, m.urn, m.previous, m.now, m.movement === 'up' ? 'More concern' : 'Less concern']);
  }
  ws.addRow([]);
  ws.addRow(['Schools in the most concerning categories']).font = { bold: true };
  ws.addRow(['School', 'URN', 'Category', 'Reasons']).font = { bold: true };
  for (const h of plan.summary.highest) {
    // Reasons go in the last column, unwrapped, so the SIG can read them in full across the page.
    ws.addRow([h.name, h.urn, h.category, h.reasons]);
  }
  return { firstRow, lastRow };
}

/** Writes the Run sheet: one labelled value per row. */
export function writeRunSheet(wb: ExcelJS.Workbook, record: readonly [string, Cell][]): void {
  const ws = replaceSheet(wb, RUN_SHEET);
  ws.columns = [{ width: 22 }, { width: 90 }];
  for (const [k, v] of record) ws.addRow([k, v]).getCell(1).font = { bold: true };
}
