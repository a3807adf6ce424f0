/**
 * The SIG summary sheet as data, laid out once for both shells: its contents from a run plan, and the
 * grid of cells (title, counts with shares, movements, the schools of most concern) that the task pane
 * writes through Office.js and the command line writes into the package.
 */
import type { CalendarDate } from '../../core/dates';
import { toUkDate } from '../../core/dates';
import type { CompiledFramework } from '../../core/engine';
import type { Cell } from '../workbook/cell';
import type { SummarySheet } from '../workbook/port';
import type { RunPlan } from './registerRun';

/** The SIG summary sheet's contents for a plan: one layout for both shells. */
export function summarySheetOf(plan: RunPlan, fw: CompiledFramework, asOf: CalendarDate): SummarySheet {
  const s = plan.summary;
  return {
    title: `${fw.definition.name}: SIG summary`,
    asOf: toUkDate(asOf),
    counts: s.counts.map((c) => ({ label: c.label, schools: c.schools, provisional: c.provisional, colour: c.colour, textColour: c.textColour })),
    notCategorised: s.notCategorised,
    movements: s.movements.map((m) => [m.name, m.urn, m.previous, m.now, m.movement === 'up' ? 'More concern' : 'Less concern'] as const),
    highest: s.highest.map((h) => [h.name, h.urn, h.category, h.reasons] as const),
  };
}

/** Columns of the summary grid. */
export const SUMMARY_WIDTH = 5;

/** The summary sheet's grid (rows padded to five columns) and where its counts sit. */
export function summaryGrid(s: SummarySheet): { rows: Cell[][]; countsFirst: number; countsLast: number; headingRows: number[] } {
  const rows: Cell[][] = [];
  const headingRows: number[] = [];
  const add = (cells: Cell[], heading = false) => {
    if (heading) headingRows.push(rows.length);
    rows.push([...cells, ...Array(SUMMARY_WIDTH - cells.length).fill('')]);
  };
  add([s.title], true);
  add(['As of', s.asOf]);
  add([]);
  add(['Category', 'Schools', 'Share', 'Provisional'], true);
  const total = s.counts.reduce((a, c) => a + c.schools, 0) + s.notCategorised || 1;
  const countsFirst = rows.length;
  for (const c of s.counts) add([c.label, c.schools, c.schools / total, c.provisional]);
  const countsLast = rows.length - 1;
  add(['Not categorised (see Problems)', s.notCategorised, s.notCategorised / total]);
  add([]);
  add(['Movements since the previous run'], true);
  if (s.movements.length === 0) add(['No school changed category (or there was no previous run).']);
  else {
    add(['School', 'URN', 'Previous', 'Now', 'Movement'], true);
    for (const m of s.movements) add([...m]);
  }
  add([]);
  add(['Schools in the most concerning categories'], true);
  add(['School', 'URN', 'Category', 'Reasons'], true);
  for (const h of s.highest) add([...h]);
  return { rows, countsFirst, countsLast, headingRows };
}

