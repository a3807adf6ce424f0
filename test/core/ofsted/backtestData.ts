/**
 * Builds school records and later inspection outcomes from the real 2018 data in
 * test/fixtures/ofsted-2018 (copied, gzipped, from ../shared/data/ofsted-2018-waiky8; see SOURCE.md) (Ofsted graded-inspection histories 2005 - Feb 2020, DfE 2018 KS2/KS4
 * results, the 2017/18 performance-tables spine). Used by the risk backtest and by the weight-fitting
 * script (fitRiskWeights.ts). Test-only: it reads files with Node's fs.
 *
 * The question it sets up is the one the Behavioural Insights Team's model for Ofsted answered: scoring
 * every school at one date, how many of the schools that a later graded inspection found below good were
 * in the riskiest tenth?
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { addMonths, dateFromParts, monthsBetween, type CalendarDate } from '../../../core/dates';
import type { LegacyGrade, SchoolRecord } from '../../../core/fields';

/** Where the data lives (the shared folder next to the project). */
export const DATA_DIR = resolve(__dirname, '../../fixtures/ofsted-2018');

/** The scoring date: the start of the 2018/19 school year, when the 2018 results were (provisionally) known. */
export const BACKTEST_AS_OF = dateFromParts(2018, 9, 1) as CalendarDate;

/** One school scored in the backtest and what its next graded inspection found. */
export interface BacktestSchool {
  readonly record: SchoolRecord;
  /** Band at the first graded inspection on or after the as-of date (own URN, or its successor's after a conversion); undefined when none by Feb 2020. */
  readonly laterGrade?: LegacyGrade;
  readonly laterDate?: CalendarDate;
  /** The record's grade came from a predecessor school (academy conversion), as GIAS links carry it over. */
  readonly fromPredecessor: boolean;
}

/** Good schools graded more than this many months before the as-of date are given an imputed short inspection (see loadBacktestSchools). */
export const SHORT_INSPECTION_IMPUTED_AFTER_MONTHS = 48;

const RATING: Record<string, LegacyGrade> = {
  Outstanding: 'outstanding',
  Good: 'good',
  Satisfactory: 'satisfactory',
  'Requires Improvement': 'requires-improvement',
  Inadequate: 'inadequate',
};

function readCsv(name: string): Record<string, string>[] {
  const text = gunzipSync(readFileSync(resolve(DATA_DIR, `${name}.gz`))).toString('latin1');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

function ymd(text: string | undefined): CalendarDate | undefined {
  if (!text || !/^\d{8}$/.test(text.trim())) return undefined;
  const t = text.trim();
  return dateFromParts(Number(t.slice(0, 4)), Number(t.slice(4, 6)), Number(t.slice(6, 8))) ?? undefined;
}

/** A number cell; suppressed or not-applicable codes (SUPP, LOWCOV, NE, NP...) are blanks. */
function num(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().replace(/%$/, '');
  if (t === '' || !/^-?\d+(\.\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
}

const urnOf = (text: string | undefined) => (text ?? '').trim().replace(/\.0$/, '');

/** One graded inspection. */
export interface Inspection {
  date: CalendarDate;
  grade: LegacyGrade;
}

/** Graded-inspection histories by URN, oldest first (2005 - Feb 2020). */
export function loadInspectionHistories(): Map<string, Inspection[]> {
  const history = new Map<string, Inspection[]>();
  for (const r of readCsv('ofsted_ratings_2018.csv')) {
    const grade = RATING[r.Rating?.trim()];
    const date = ymd(r['Inspection Date']);
    if (!grade || date === undefined) continue;
    const urn = urnOf(r.URN);
    const list = history.get(urn) ?? [];
    list.push({ date, grade });
    history.set(urn, list);
  }
  for (const list of history.values()) list.sort((a, b) => a.date - b.date);
  return history;
}

/** Loads every state-funded school open at the as-of date with its record and later outcome. */
export function loadBacktestSchools(asOf: CalendarDate = BACKTEST_AS_OF): BacktestSchool[] {
  const history = loadInspectionHistories();

  const ks2 = new Map(readCsv('ks2_perf_2018.csv').map((r) => [urnOf(r.URN), r]));
  const ks4 = new Map(readCsv('ks4_perf_2018.csv').map((r) => [urnOf(r.URN), r]));
  const details = readCsv('school_details_2018.csv');
  const byUrn = new Map(details.map((d) => [urnOf(d.URN), d]));

  const schools: BacktestSchool[] = [];
  let row = 1;
  for (const d of details) {
    const type = d.Type?.trim();
    if (type !== 'Maintained School' && type !== 'Academy' && type !== 'Special School') continue;
    const urn = urnOf(d.URN);
    const opened = ymd(d['Date Opened']);
    const closed = ymd(d['Date Closed']);
    if ((opened !== undefined && opened > asOf) || (closed !== undefined && closed <= asOf)) continue;

    let before = (history.get(urn) ?? []).filter((i) => i.date < asOf);
    let fromPredecessor = false;
    const other = urnOf(d['Other URN']);
    if (before.length === 0 && opened !== undefined && other && other !== '999999' && history.has(other)) {
      // An academy converter inherits its predecessor's inspections (GIAS predecessor link).
      before = history.get(other)!.filter((i) => i.date < asOf);
      fromPredecessor = before.length > 0;
    }
    let after = (history.get(urn) ?? []).filter((i) => i.date >= asOf);
    if (after.length === 0 && closed !== undefined && other && other !== '999999') {
      // Closed after the as-of date (typically converted): the successor's first inspection is the outcome.
      const successorOpened = ymd(byUrn.get(other)?.['Date Opened']);
      after = (history.get(other) ?? []).filter((i) => i.date >= asOf && (successorOpened === undefined || i.date >= successorOpened));
    }
    const last = before.at(-1);
    const previous = before.at(-2);
    const k2 = ks2.get(urn);
    const k4 = ks4.get(urn);
    const phase = type === 'Special School' ? 'special' : d.Primary === '1' && d.Secondary === '1' ? 'all-through' : d.Secondary === '1' ? 'secondary' : d.Primary === '1' ? 'primary' : undefined;

    const record: SchoolRecord = {
      row: ++row,
      urn,
      status: type === 'Academy' ? 'academy' : 'maintained',
      ...(phase ? { phase } : {}),
      ...(opened !== undefined ? { openDate: opened } : {}),
      ...(last ? { ofstedGrade: last.grade, inspectionDate: last.date, inspectionType: 'graded' as const } : {}),
      ...(previous ? { previousOfstedGrade: previous.grade, previousInspectionDate: previous.date } : {}),
    };
    if (k2) {
      const set = <K extends keyof SchoolRecord>(key: K, value: SchoolRecord[K] | undefined) => { if (value !== undefined) record[key] = value; };
      set('ks2Cohort', num(k2['KS2 Pupils'], 0, 1000));
      set('ks2RwmExpectedPct', num(k2['Overall Meet Std'], 0, 100));
      set('ks2ReadingProgress', num(k2['Reading Progress'], -30, 30));
      set('ks2WritingProgress', num(k2['Writing Progress'], -30, 30));
      set('ks2MathsProgress', num(k2['Maths Progress'], -30, 30));
    }
    if (k4) {
      const set = <K extends keyof SchoolRecord>(key: K, value: SchoolRecord[K] | undefined) => { if (value !== undefined) record[key] = value; };
      set('ks4Cohort', num(k4['KS4 Pupils'], 0, 2000));
      set('ks4Progress8', num(k4['Progress 8'], -5, 5));
      set('ks4Attainment8', num(k4['Attainment 8'], 0, 90));
      set('ks4EnglishMathsGrade5Pct', num(k4['Eng Maths Grade 5'], 0, 100));
    }
    if (last?.grade === 'good' && monthsBetween(last.date, asOf) > SHORT_INSPECTION_IMPUTED_AFTER_MONTHS) {
      // The data holds graded inspections only. A good school still good more than four years on must have had
      // a short (ungraded) inspection that kept it good; place it three years after the graded one (the 2015-2019 practice).
      record.ungradedInspectionDate = addMonths(last.date, 36);
      record.ungradedOutcome = 'remains';
    }
    schools.push({ record, laterGrade: after[0]?.grade, laterDate: after[0]?.date, fromPredecessor });
  }
  return schools;
}

/** Below good at the later inspection (the event the risk score ranks for). */
export const isBelowGood = (grade: LegacyGrade | undefined): boolean =>
  grade === 'requires-improvement' || grade === 'inadequate' || grade === 'satisfactory' || grade === 'serious-weaknesses' || grade === 'special-measures';

/**
 * Share of the positives (later below good) that fall in the riskiest `fraction` of all schools.
 * Ties at the cut-off are shared out in proportion (the expected share under a random tie-break), so the
 * figure does not depend on the order schools happen to be listed in.
 */
export function captureInTopFraction(scores: readonly number[], positive: readonly boolean[], fraction: number): number {
  const n = scores.length;
  const k = Math.round(n * fraction);
  const sorted = [...scores].sort((a, b) => b - a);
  const cutoff = sorted[k - 1];
  const above = scores.filter((s) => s > cutoff).length;
  const atCutoff = scores.filter((s) => s === cutoff).length;
  const takeAtCutoff = (k - above) / atCutoff;
  let captured = 0;
  let total = 0;
  scores.forEach((s, i) => {
    if (!positive[i]) return;
    total += 1;
    if (s > cutoff) captured += 1;
    else if (s === cutoff) captured += takeAtCutoff;
  });
  return total === 0 ? 0 : captured / total;
}
