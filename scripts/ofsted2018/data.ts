/**
 * The real 2018 data in test/fixtures/ofsted-2018 (a gzipped copy of ../shared/data/ofsted-2018-waiky8,
 * see SOURCE.md): Ofsted graded-inspection histories (Sept 2005 - 26 Feb 2020), the 2017/18 school
 * details (type, phase, open and close dates, predecessor URN) and the DfE 2018 KS2 and KS4 results.
 * Read once per process; used by the risk fit, the backtest register and the window checks.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { dateFromParts, type CalendarDate } from '../../core/dates';
import type { LegacyGrade } from '../../core/fields';
import { decodeWindows1252 } from '../../src/workbook/windows1252';

/** Where the fixtures live. */
export const DATA_DIR = resolve(__dirname, '../../test/fixtures/ofsted-2018');

/** The last inspection date the histories hold: later outcomes are unknown, not absent. */
export const DATA_END = dateFromParts(2020, 2, 26) as CalendarDate;

/** One graded inspection. */
export interface GradedInspection {
  readonly date: CalendarDate;
  readonly grade: LegacyGrade;
}

/** One school as the 2017/18 details list it. */
export interface SchoolDetails {
  readonly urn: string;
  readonly name: string;
  /** 'Maintained School', 'Academy', 'Special School', 'Independent School', 'College'. */
  readonly type: string;
  readonly primary: boolean;
  readonly secondary: boolean;
  readonly opened?: CalendarDate;
  readonly closed?: CalendarDate;
  /** The predecessor (academy converters), when the details give one. */
  readonly otherUrn?: string;
}

/** The 2018 results a register carries. */
export interface Results2018 {
  readonly ks2Cohort?: number;
  readonly ks2ReadingProgress?: number;
  readonly ks2WritingProgress?: number;
  readonly ks2MathsProgress?: number;
  readonly ks2RwmExpectedPct?: number;
  readonly ks4Cohort?: number;
  readonly ks4Progress8?: number;
}

/** Everything read from the fixtures. */
export interface Data2018 {
  /** Graded inspections by URN, oldest first. */
  readonly histories: ReadonlyMap<string, readonly GradedInspection[]>;
  readonly details: ReadonlyMap<string, SchoolDetails>;
  /** URNs with a KS2 2018 row (with or without published figures). */
  readonly ks2: ReadonlyMap<string, Results2018>;
  readonly ks4: ReadonlyMap<string, Results2018>;
}

const RATING: Readonly<Record<string, LegacyGrade>> = {
  Outstanding: 'outstanding',
  Good: 'good',
  Satisfactory: 'satisfactory',
  'Requires Improvement': 'requires-improvement',
  Inadequate: 'inadequate',
};

function readCsv(name: string): Record<string, string>[] {
  // The DfE's files are Windows-1252 ("St Aelred's Catholic Primary School – a Catholic Voluntary Academy").
  const text = decodeWindows1252(gunzipSync(readFileSync(resolve(DATA_DIR, `${name}.gz`))));
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

/** `20180831` → a date. */
function ymd(text: string | undefined): CalendarDate | undefined {
  const t = (text ?? '').trim();
  if (!/^\d{8}$/.test(t)) return undefined;
  return dateFromParts(Number(t.slice(0, 4)), Number(t.slice(4, 6)), Number(t.slice(6, 8))) ?? undefined;
}

/** A number cell; suppressed or not-applicable codes (SUPP, LOWCOV, NE, NP...) are blanks. */
function num(text: string | undefined, min: number, max: number): number | undefined {
  const t = (text ?? '').trim().replace(/%$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
}

const urnOf = (text: string | undefined) => (text ?? '').trim().replace(/\.0$/, '');

let cached: Data2018 | undefined;

/** Reads the fixtures (once per process). */
export function loadData2018(): Data2018 {
  if (cached) return cached;
  const histories = new Map<string, GradedInspection[]>();
  for (const r of readCsv('ofsted_ratings_2018.csv')) {
    const grade = RATING[r.Rating?.trim()];
    const date = ymd(r['Inspection Date']);
    if (!grade || date === undefined) continue;
    const urn = urnOf(r.URN);
    const list = histories.get(urn);
    if (list) list.push({ date, grade });
    else histories.set(urn, [{ date, grade }]);
  }
  for (const list of histories.values()) list.sort((a, b) => a.date - b.date);

  const details = new Map<string, SchoolDetails>();
  for (const d of readCsv('school_details_2018.csv')) {
    const urn = urnOf(d.URN);
    const other = urnOf(d['Other URN']);
    details.set(urn, {
      urn,
      name: d.Name?.trim() ?? '',
      type: d.Type?.trim() ?? '',
      primary: d.Primary === '1',
      secondary: d.Secondary === '1',
      opened: ymd(d['Date Opened']),
      closed: ymd(d['Date Closed']),
      otherUrn: other && other !== '999999' ? other : undefined,
    });
  }

  const ks2 = new Map<string, Results2018>();
  for (const r of readCsv('ks2_perf_2018.csv')) {
    ks2.set(urnOf(r.URN), {
      ks2Cohort: num(r['KS2 Pupils'], 0, 1000),
      ks2ReadingProgress: num(r['Reading Progress'], -30, 30),
      ks2WritingProgress: num(r['Writing Progress'], -30, 30),
      ks2MathsProgress: num(r['Maths Progress'], -30, 30),
      ks2RwmExpectedPct: num(r['Overall Meet Std'], 0, 100),
    });
  }
  const ks4 = new Map<string, Results2018>();
  for (const r of readCsv('ks4_perf_2018.csv')) ks4.set(urnOf(r.URN), { ks4Cohort: num(r['KS4 Pupils'], 0, 2000), ks4Progress8: num(r['Progress 8'], -5, 5) });

  cached = { histories, details, ks2, ks4 };
  return cached;
}

/** Even URNs train the model; odd URNs are held out for evaluation only. */
export const isTrainingUrn = (urn: string): boolean => Number(urn) % 2 === 0;

/** Below good: the event the risk is about. */
export const isBelowGood = (grade: LegacyGrade | undefined): boolean =>
  grade === 'satisfactory' || grade === 'requires-improvement' || grade === 'inadequate' || grade === 'serious-weaknesses' || grade === 'special-measures';
