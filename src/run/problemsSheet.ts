/**
 * The Problems sheet: every problem of the last Validate or Categorise, one row each (the sheet row,
 * the column, the value read, what was expected, the message, whether it stopped the row), for when the
 * task pane's list (at most PANE_PROBLEMS) is not enough. It is a sheet of our own, laid out as the
 * pack's sheets are (src/run/packSheets.ts), written by the task pane through the port's `writeOwnSheet`:
 * a later run replaces it, an analyst's sheet of the same name is never touched.
 */
import type { SheetLayout } from './packSheets';
import type { PlacedProblem } from './taskpaneRun';

export const PROBLEMS_SHEET = 'Problems';
/** The id of its marker (src/workbook/officeOwnSheet.ts): `SchoolRisk.problems` on the sheet. */
export const PROBLEMS_MARKER_ID = 'problems';
/** The most problems the task pane lists; the rest are on the Problems sheet. */
export const PANE_PROBLEMS = 500;

/** Its columns, in order. */
export const PROBLEMS_HEADERS = ['Row', 'Column', 'Value', 'Expected', 'Message', 'Severity'] as const;

/** "showing 500 of 1,234 problems", or `null` when the pane lists every one. */
export function problemsShownText(count: number): string | null {
  return count > PANE_PROBLEMS ? `showing ${PANE_PROBLEMS} of ${count.toLocaleString('en-GB')} problems` : null;
}

/** The sheet: a header row (repeated on every printed page), then one row per problem in the pane's order. */
export function problemsLayout(problems: readonly PlacedProblem[], heading: string): SheetLayout {
  return {
    name: PROBLEMS_SHEET,
    widths: [8, 24, 22, 36, 60, 10],
    rows: [
      PROBLEMS_HEADERS.map((h) => ({ value: h, look: 'header' as const })),
      ...problems.map((p) => [
        // Row 0 is the register's own problem (a missing column): no sheet row.
        { value: p.row > 0 ? p.row : '' },
        { value: p.column, look: 'wrap' as const },
        { value: p.value, look: 'wrap' as const },
        { value: p.expected, look: 'wrap' as const },
        { value: p.message, look: 'wrap' as const },
        { value: p.severity === 'error' ? 'Error' : 'Warning' },
      ]),
    ],
    pageBreaks: [],
    charts: [],
    print: { onePage: false, titleRows: 1, header: heading, footerRight: '' },
  };
}
