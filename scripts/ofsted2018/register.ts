/**
 * The backtest register: what an analyst would have kept on 31 August 2018 for the good and outstanding
 * schools with KS2 2018 results (12,017 schools), with the columns a register usually has, and what each
 * school's next graded inspection found by 29 February 2020. The risk is measured by running the command
 * line on this register (scripts/ofsted2018/backtest.ts), the way an analyst would.
 */
import { dateFromParts, toIsoDate, type CalendarDate } from '../../core/dates';
import type { LegacyGrade } from '../../core/fields';
import { isBelowGood, loadData2018, type SchoolDetails } from './data';

/** The date the register is categorised at. */
export const REGISTER_AS_OF = dateFromParts(2018, 8, 31) as CalendarDate;
/** Outcomes are counted to this date (the histories end on 26 February 2020). */
export const OUTCOME_END = dateFromParts(2020, 2, 29) as CalendarDate;
/** Months from the as-of date to the end of the outcomes: the horizon the backtest is calibrated for. */
export const OUTCOME_MONTHS = 18;

/** The register's columns; every header is a label or alias in core/fields.ts. */
export const REGISTER_HEADERS = [
  'URN', 'School name', 'Phase', 'Status', 'Open date', 'Ofsted grade', 'Inspection date', 'Previous Ofsted grade', 'Previous inspection date',
  'KS2 cohort', 'KS2 reading progress', 'KS2 writing progress', 'KS2 maths progress', 'KS2 RWM expected %',
] as const;

/**
 * The LA's own columns the framework the backtest runs under (Oxfordshire) cannot do without: a register
 * has them, but the public data does not say what an analyst recorded in 2018, so they are left blank
 * (no evidence). The inspection risk does not read them as concern, so the ranking is the data's alone;
 * the categories come out provisional.
 */
export const LA_COLUMNS = ['Attainment concern', 'Attendance concern', 'Leadership concern', 'Safeguarding concern', 'Years of low attainment', 'Years of low progress', 'Years of low attendance'] as const;

/** What one school's next graded inspection found. */
export interface RegisterOutcome {
  readonly urn: string;
  /** Graded by the end of the outcomes (same URN). */
  readonly inspected: boolean;
  /** ... and found below good. */
  readonly belowGood: boolean;
}

/** The register (header row first) and the outcomes by URN. */
export interface BacktestRegister {
  readonly rows: (string | number)[][];
  readonly outcomes: ReadonlyMap<string, RegisterOutcome>;
}

const GRADE_WORDS: Readonly<Record<LegacyGrade, string>> = {
  outstanding: 'Outstanding', good: 'Good', satisfactory: 'Satisfactory', 'requires-improvement': 'Requires improvement',
  inadequate: 'Inadequate', 'serious-weaknesses': 'Serious weaknesses', 'special-measures': 'Special measures', 'not-judged': 'Not judged',
};

const phaseOf = (d: SchoolDetails | undefined) =>
  d === undefined ? '' : d.type === 'Special School' ? 'Special' : d.primary && d.secondary ? 'All-through' : d.secondary ? 'Secondary' : 'Primary';
const blank = (x: number | undefined) => x ?? '';
const isoOr = (d: CalendarDate | undefined) => (d === undefined ? '' : toIsoDate(d));

/** Builds the register: every school with a KS2 2018 row whose last graded inspection before the as-of date was good or outstanding. */
export function backtestRegister(): BacktestRegister {
  const data = loadData2018();
  const rows: (string | number)[][] = [[...REGISTER_HEADERS, ...LA_COLUMNS]];
  const outcomes = new Map<string, RegisterOutcome>();
  for (const [urn, results] of data.ks2) {
    const history = data.histories.get(urn) ?? [];
    const before = history.filter((i) => i.date < REGISTER_AS_OF);
    const last = before.at(-1);
    if (!last || (last.grade !== 'good' && last.grade !== 'outstanding')) continue;
    const previous = before.at(-2);
    const next = history.find((i) => i.date >= REGISTER_AS_OF && i.date <= OUTCOME_END);
    const d = data.details.get(urn);
    rows.push([
      urn, d?.name ?? '', phaseOf(d), d?.type === 'Academy' ? 'Academy' : 'Maintained',
      // An opening date after the as-of date (a re-registration) is not something the analyst had.
      d?.opened !== undefined && d.opened <= REGISTER_AS_OF ? toIsoDate(d.opened) : '',
      GRADE_WORDS[last.grade], toIsoDate(last.date), previous ? GRADE_WORDS[previous.grade] : '', isoOr(previous?.date),
      blank(results.ks2Cohort), blank(results.ks2ReadingProgress), blank(results.ks2WritingProgress), blank(results.ks2MathsProgress), blank(results.ks2RwmExpectedPct),
      ...LA_COLUMNS.map(() => ''),
    ]);
    outcomes.set(urn, { urn, inspected: next !== undefined, belowGood: isBelowGood(next?.grade) });
  }
  return { rows, outcomes };
}

/** The register as CSV text (no cell needs quoting but names, which are quoted when they hold a comma or quote). */
export function registerCsv(rows: readonly (readonly (string | number)[])[]): string {
  const cell = (v: string | number) => (typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
  return `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
}
