/**
 * The indicators the fit may use, each as a number from a school's record: the same functions give the
 * fit script its columns (scripts/ofsted2018/fit.ts) and the product its terms, so the two cannot drift.
 * A term with `worse: 'higher'` grows as the school looks worse and its coefficient is held at or above
 * zero, so a worse value never lowers the risk; `worse: 'none'` marks a description of the school (phase,
 * status), not a better or worse value, whose coefficient may take either sign.
 */
import { monthsBetween, type CalendarDate } from '../dates';
import type { SchoolRecord } from '../fields';
import type { OfstedStanding } from './standing';

/** National figures the results are read against (DfE 2018, the year the model was fitted on). */
export const RESULTS_REFERENCE = { ks2Progress: 0, ks2RwmExpectedPct: 64, progress8: 0 } as const;
/** Results count in proportion cohort / (cohort + this): a cohort of ten counts half as much as a large one. */
export const COHORT_SHRINKAGE = 10;

/** What a term reads. */
export interface TermInput {
  readonly record: SchoolRecord;
  readonly standing: OfstedStanding;
  readonly asOf: CalendarDate;
  /** `monthsBetween(record.headteacherStartDate, asOf)`, when the caller has worked it out (a register has, for every school). */
  readonly headMonthsBetween?: number;
  /** `concernFlagCount(record)`, when the caller has counted them. */
  readonly concernFlags?: number;
}

/** One candidate indicator. */
export interface RiskTerm {
  readonly label: string;
  /** 'higher': a larger value is a worse school (coefficient >= 0). 'none': not an ordered indicator. */
  readonly worse: 'higher' | 'none';
  /** The term's value; 0 when it does not apply. */
  readonly value: (input: TermInput) => number;
  /** How the reasons name it for this school. */
  readonly describe: (input: TermInput) => string;
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));
const reliability = (cohort: number | undefined) => (cohort === undefined ? 1 : cohort / (cohort + COHORT_SHRINKAGE));
const round1 = (x: number) => Math.round(x * 10) / 10;
const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '-' : ''}${Math.abs(round1(x))}`;

/** Mean of the KS2 reading, writing and maths progress scores given. */
export function ks2MeanProgress(record: SchoolRecord): number | undefined {
  // Three reads rather than a loop over a new array: this runs several times per school.
  let sum = 0;
  let count = 0;
  const r = record.ks2ReadingProgress;
  const w = record.ks2WritingProgress;
  const m = record.ks2MathsProgress;
  if (r !== undefined) {
    sum += r;
    count++;
  }
  if (w !== undefined) {
    sum += w;
    count++;
  }
  if (m !== undefined) {
    sum += m;
    count++;
  }
  return count === 0 ? undefined : sum / count;
}

const hasKs2 = (r: SchoolRecord) => ks2MeanProgress(r) !== undefined || r.ks2RwmExpectedPct !== undefined;
const yearsSinceGraded = ({ standing, asOf }: TermInput) => (standing.lastJudgedDate === undefined ? 0 : Math.max(0, monthsBetween(standing.lastJudgedDate, asOf)) / 12);

/** Every indicator the fit may choose from; the fitted model names the ones that earned their place. */
export const RISK_TERMS = {
  outstanding: {
    label: 'Last judged outstanding',
    // Lower is better here: "outstanding" is 1 below "good", so its coefficient (<= 0 after the flip) can only lower the risk.
    worse: 'higher',
    value: ({ standing }) => (standing.band === 'good-or-better' && standing.equivalentGrade === 'outstanding' ? -1 : 0),
    describe: () => 'outstanding rather than good',
  },
  ks2Progress: {
    label: 'KS2 progress (mean of reading, writing and maths)',
    worse: 'higher',
    // Units: points below the national 0, counted from -4 (progress +4) to +6 (progress -6), weighted by cohort size.
    value: ({ record }) => {
      const mean = ks2MeanProgress(record);
      return mean === undefined ? 0 : clamp(RESULTS_REFERENCE.ks2Progress - mean, -4, 6) * reliability(record.ks2Cohort);
    },
    describe: ({ record }) => `KS2 progress ${signed(ks2MeanProgress(record) ?? 0)} (national 0${record.ks2Cohort !== undefined ? `, cohort ${record.ks2Cohort}` : ''})`,
  },
  ks2RwmExpected: {
    label: 'KS2 reading, writing and maths at the expected standard',
    worse: 'higher',
    // Units: tens of percentage points below 64%, from -3 (94%) to +4 (24%), weighted by cohort size.
    value: ({ record }) => (record.ks2RwmExpectedPct === undefined ? 0 : clamp((RESULTS_REFERENCE.ks2RwmExpectedPct - record.ks2RwmExpectedPct) / 10, -3, 4) * reliability(record.ks2Cohort)),
    describe: ({ record }) => `KS2 RWM expected standard ${record.ks2RwmExpectedPct}% (national ${RESULTS_REFERENCE.ks2RwmExpectedPct}%)`,
  },
  progress8: {
    label: 'Progress 8',
    worse: 'higher',
    // Units: half points below 0, from -3 (P8 +1.5) to +3 (P8 -1.5), weighted by cohort size.
    value: ({ record }) => (record.ks4Progress8 === undefined ? 0 : clamp((RESULTS_REFERENCE.progress8 - record.ks4Progress8) * 2, -3, 3) * reliability(record.ks4Cohort)),
    describe: ({ record }) => `Progress 8 ${signed(record.ks4Progress8 ?? 0)} (national 0)`,
  },
  previousBelowGood: {
    label: 'Below good at the graded inspection before',
    worse: 'higher',
    value: ({ standing }) => (standing.previousBand === 'requires-improvement' || standing.previousBand === 'inadequate' ? 1 : 0),
    describe: () => 'below good at the inspection before',
  },
  yearsSinceGraded: {
    label: 'Years since the last graded inspection, beyond four',
    worse: 'higher',
    value: (input) => clamp(yearsSinceGraded(input) - 4, 0, 8),
    describe: (input) => `last graded ${Math.floor(yearsSinceGraded(input))} years ago`,
  },
  smallKs2Cohort: {
    label: 'KS2 cohort under 15',
    worse: 'none',
    value: ({ record }) => (record.ks2Cohort !== undefined && record.ks2Cohort < 15 ? 1 : 0),
    describe: ({ record }) => `KS2 cohort of ${record.ks2Cohort}`,
  },
  academy: {
    label: 'Academy',
    worse: 'none',
    value: ({ record }) => (record.status === 'academy' ? 1 : 0),
    describe: () => 'academy',
  },
  secondaryPhase: {
    label: 'Secondary or all-through',
    worse: 'none',
    value: ({ record }) => (record.phase === 'secondary' || record.phase === 'all-through' ? 1 : 0),
    describe: ({ record }) => `${record.phase} phase`,
  },
  specialPhase: {
    label: 'Special school',
    worse: 'none',
    value: ({ record }) => (record.phase === 'special' ? 1 : 0),
    describe: () => 'special school',
  },
  noResults: {
    label: 'No KS2 or KS4 results',
    worse: 'none',
    value: ({ record }) => (!hasKs2(record) && record.ks4Progress8 === undefined ? 1 : 0),
    describe: () => 'no KS2 or KS4 results given',
  },
} as const satisfies Record<string, RiskTerm>;

/** The id of a candidate indicator. */
export type RiskTermId = keyof typeof RISK_TERMS;
/** Every candidate, in a fixed order. */
export const RISK_TERM_IDS = Object.keys(RISK_TERMS) as RiskTermId[];

/**
 * A term's value, `RISK_TERMS[id].value(input)`, each read from a call site of its own: one site calling a
 * dozen functions in turn is never inlined, and this runs some ten times per school.
 */
export function riskTermValue(id: RiskTermId, input: TermInput): number {
  const t = RISK_TERMS;
  switch (id) {
    case 'outstanding': return t.outstanding.value(input);
    case 'ks2Progress': return t.ks2Progress.value(input);
    case 'ks2RwmExpected': return t.ks2RwmExpected.value(input);
    case 'progress8': return t.progress8.value(input);
    case 'previousBelowGood': return t.previousBelowGood.value(input);
    case 'yearsSinceGraded': return t.yearsSinceGraded.value(input);
    case 'smallKs2Cohort': return t.smallKs2Cohort.value(input);
    case 'academy': return t.academy.value(input);
    case 'secondaryPhase': return t.secondaryPhase.value(input);
    case 'specialPhase': return t.specialPhase.value(input);
    case 'noResults': return t.noResults.value(input);
  }
}

/**
 * Every term's value at once, `out[i]` that of `RISK_TERM_IDS[i]` (a test holds the order): each read
 * from a call site of its own, in one function (inlined there, where one site calling every term's
 * function is not). `yearsSinceGraded` counts months, so it is read only `withYears` (0 otherwise).
 */
export function riskTermValues(input: TermInput, withYears: boolean, out: Float64Array): void {
  const t = RISK_TERMS;
  out[0] = t.outstanding.value(input);
  out[1] = t.ks2Progress.value(input);
  out[2] = t.ks2RwmExpected.value(input);
  out[3] = t.progress8.value(input);
  out[4] = t.previousBelowGood.value(input);
  out[5] = withYears ? t.yearsSinceGraded.value(input) : 0;
  out[6] = t.smallKs2Cohort.value(input);
  out[7] = t.academy.value(input);
  out[8] = t.secondaryPhase.value(input);
  out[9] = t.specialPhase.value(input);
  out[10] = t.noResults.value(input);
}
