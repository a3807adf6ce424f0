/**
 * What the pane says after a run (src/run/taskpaneRun.ts `runOnPort`), in words: how it ended, and
 * exactly what it wrote and did not: the result rows and columns on the register's sheet, the SIG pack's
 * sheets, the Run log. Plain data, no React, so the words are tested without a browser.
 */
import { factsWorkedOut } from '../core/columns';
import { RunError, type RunPlan } from '../src/run/registerRun';
import type { Pack } from '../src/run/pack';
import { PROFILES_SHEET, SUMMARY_SHEET } from '../src/run/packSheets';
import { RUN_LOG_SHEET } from '../src/run/runLog';
import type { PaneRun } from '../src/run/taskpaneRun';
import { dateSystemNote } from '../src/run/workbookDates';
import { columnLetters, type ResultBlock } from '../src/workbook/port';

/** A message after an action; `details` are listed under it (where a run put its results, and why). */
export interface Notice {
  readonly intent: 'success' | 'error' | 'warning' | 'info';
  readonly title: string;
  readonly text: string;
  readonly details?: readonly string[];
}

/** Said after a run that read only the columns it needs: a bad cell elsewhere (only ever a warning) is not listed. */
export const RUN_COLUMNS_ONLY = ' The problems listed are in the columns this run reads; Validate lists those of every column.';

const PACK_SHEETS = `"${SUMMARY_SHEET}", "${PROFILES_SHEET}" and "${RUN_LOG_SHEET}"`;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What the analyst should know beside the counts: provisional schools, and the columns the register lacks. */
export function provisionalNote(plan: RunPlan): string {
  const provisional = plan.summary.counts.reduce((a, c) => a + c.provisional, 0);
  const absent = plan.summary.absentColumns.filter((a) => !a.input && !a.records);
  const inputs = plan.summary.absentColumns.filter((a) => a.input);
  const eras = plan.summary.absentColumns.filter((a) => a.records);
  return `${provisional ? ` ${provisional} provisional: blank cells could make them more concerning (see Missing evidence).` : ''}${eras.map((a) => ` ${a.column}: not in this register, so ${a.records} cannot be read (see the Run log).`).join('')}${absent.length ? ` Not in this register, so what reads them could not fire: ${absent.map((a) => a.column).join(', ')} (see the Run log).` : ''}${inputs.map((a) => ` ${capitalised(factsWorkedOut(a.inputOf ?? []))} without ${a.column}, not in this register (see the Run log).`).join('')}`;
}

/** The sheets a run wrote besides the results, in words. */
export function packWritten(pack: Pack): string {
  const profiles = pack.profiles.length === 1 ? '1 school profile' : `${pack.profiles.length} school profiles`;
  const more = pack.profilesNotShown ? ` (the first of ${pack.profiles.length + pack.profilesNotShown} in the two most concerning categories)` : '';
  return ` Written: "${SUMMARY_SHEET}" (counts, movements, the trend over runs, inspections), "${PROFILES_SHEET}" (${profiles}${more}, a page each) and a row in "${RUN_LOG_SHEET}".`;
}

/** The result columns of a block, as Excel names them: "BQ to BY", or runs of them when split ("BQ to BU, BW to BY"). */
export function blockColumns(block: Pick<ResultBlock, 'columns'>): string {
  const sorted = [...block.columns].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] + 1 === c) last[1] = c;
    else runs.push([c, c]);
  }
  return runs.map(([a, b]) => (a === b ? columnLetters(a) : `${columnLetters(a)} to ${columnLetters(b)}`)).join(', ');
}

/** The cells a stopped write left new: "sheet rows 2 to 41 of "Register", columns BQ to BY", or `null` when none. */
export function cellsWritten(run: PaneRun): string | null {
  // Before its own write, a run may have written its first rows along the register's last read.
  const b = run.report ? run.write?.block : run.early?.block;
  const done = run.report ? run.report.rowsDone : (run.early?.rows ?? 0);
  if (!b || done === 0) return null;
  return `sheet rows ${b.firstRow + 1} to ${b.firstRow + done} of "${b.sheet}", columns ${blockColumns(b)}`;
}

/** The notice for a run's end, by how it ended and the phase it reached. */
export function runNotice(run: PaneRun): Notice {
  const { plan, pack, report } = run;
  const early = report ? null : cellsWritten(run);
  // A run stopped before its own write has written nothing, or only its first rows' results (along the last read).
  const nothing = early
    ? `Written: new results in ${early}, whole rows only; the other rows keep their previous results. Not written: ${PACK_SHEETS}.`
    : 'Nothing was written: the workbook is as it was.';
  if (run.status === 'done' && plan && pack && report) {
    // Categories that may rest on dates 4 years out are not a plain success.
    const dates = dateSystemNote(run.region);
    return {
      intent: dates ? 'warning' : 'success',
      title: `Categorised ${plan.rows.length - plan.summary.notCategorised} of ${plan.rows.length} schools`,
      text: `${plan.summary.notCategorised} not categorised.${provisionalNote(plan)}${packWritten(pack)}${run.region?.partial ? RUN_COLUMNS_ONLY : ''}${dates ? ` ${dates}` : ''}`,
      details: report.notes,
    };
  }
  if (run.status === 'cancelled') {
    if (run.phase === 'reading') return { intent: 'warning', title: 'Cancelled', text: `Stopped while reading the register. ${nothing}` };
    if (run.phase === 'categorising') {
      const c = run.categorised;
      return { intent: 'warning', title: 'Cancelled', text: `Stopped while categorising${c && c.total ? ` (${c.done} of ${c.total} schools)` : ''}. ${nothing}` };
    }
    const cells = cellsWritten(run);
    return {
      intent: 'warning',
      title: 'Cancelled',
      text: cells
        ? `Written: new results in ${cells}, whole rows only (${report!.rowsDone} of ${report!.totalRows}); the other rows keep their previous results. Not written: ${PACK_SHEETS}.`
        : `Stopped before the first write. ${nothing}`,
      details: report?.notes,
    };
  }
  if (run.phase === 'writing' && report) {
    const cells = cellsWritten(run);
    return {
      intent: 'error',
      title: 'The run stopped',
      text: `${report.error ?? ''}. ${cells ? `Written: new results in ${cells}; the other rows keep their previous results.` : 'No result rows were written.'}${report.rowsDone === report.totalRows ? '' : ` Not written: ${PACK_SHEETS}.`}`,
      details: report.notes,
    };
  }
  const e = run.error;
  return {
    intent: 'error',
    title: e instanceof RunError ? 'The register cannot be categorised' : run.phase === 'reading' ? 'Could not read the register' : 'Something went wrong',
    text: `${e instanceof Error ? e.message : String(e)} ${nothing}`,
  };
}
