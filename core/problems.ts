/**
 * Problems are values, not exceptions: reading a cell gives a value or a problem, and a bad cell never
 * stops the other rows. Every message comes from the one catalogue below, so the task pane, the CLI and
 * the custom functions say the same thing about the same cell.
 */

/** The fixed set of things that can be wrong with a register. */
export const PROBLEM_KINDS = {
  'unreadable-date': 'is not a date',
  'future-date': 'is after the as-of date',
  'unknown-value': 'is not one of the allowed values',
  'not-yes-no': 'is not yes or no',
  'not-a-number': 'is not a number',
  'percent-sign': 'has a % sign, but the column is not a percentage',
  'out-of-range': 'is out of range',
  'not-whole-number': 'is not a whole number',
  'excel-error': 'is an Excel error value',
  'formula-not-calculated': 'is a formula not calculated: open and save the file in Excel',
  'missing-marker': 'is a missing-data code, read as blank',
  'text-too-long': 'is too long',
  'missing-value': 'is blank but the framework needs it',
  'missing-column': 'is not in the register',
  'duplicate-urn': 'repeats a URN from an earlier row',
  'duplicate-header': 'appears twice in the header row',
  'invalid-urn': 'is not a URN',
  'unknown-category': 'is not a category of this framework',
  'inconsistent': 'contradicts another cell',
  'percent-as-fraction': 'is read as 100%',
  'ones-as-percent': 'holds no number but 0 and 1: its 1 is read as 1%',
  'points-as-fractions': 'holds only numbers from -1 to 1, as a percentage format holds points: each is read times 100 (0.25 as 25 points)',
} as const;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

/**
 * `error` stops the row being categorised (a field the framework uses is unreadable); `warning` is
 * reported but the row still runs (e.g. an unreadable cell in a column this framework does not use).
 */
export type Severity = 'error' | 'warning';

/** One thing wrong with one cell (or, for register-level problems, with one column). */
export interface Problem {
  kind: ProblemKind;
  severity: Severity;
  /** The sheet row number (1-based, as Excel shows it); 0 for a register-level problem such as a missing column. */
  row: number;
  /** The column's header as the analyst wrote it (or the field's label when the column is missing). */
  column: string;
  /** The field the column maps to, when it maps to one. */
  field?: string;
  /** The cell's value as read, for display. */
  value: unknown;
  /** What was expected, in words an analyst understands ("a date such as 01/03/2025"). */
  expected: string;
  /** The full sentence: row, column, value and what was expected. */
  message: string;
}

/** Shows a raw value the way an analyst would recognise it in the message. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(blank)';
  if (typeof value === 'string') {
    const oneLine = value.replace(/\s+/g, ' ');
    return `"${oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine}"`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return JSON.stringify(value) ?? String(value);
}

/**
 * Builds a problem with its message from the catalogue. `shown`: the value as the message shows it, where
 * that is not `displayValue`'s (an Excel date's serial shown as the date Excel shows).
 */
export function problem({ shown, ...args }: Omit<Problem, 'message' | 'severity'> & { severity?: Severity; shown?: string }): Problem {
  const where = args.row > 0 ? `Row ${args.row}, column "${args.column}"` : `Column "${args.column}"`;
  const what = args.row > 0 || args.value !== undefined ? `: ${shown ?? displayValue(args.value)} ${PROBLEM_KINDS[args.kind]}` : ` ${PROBLEM_KINDS[args.kind]}`;
  return {
    severity: 'error',
    ...args,
    message: `${where}${what}; expected ${args.expected}.`,
  };
}
