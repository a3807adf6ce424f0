/**
 * A deterministic England-sized register for the benchmarks: 25,000 schools in the national mix of
 * phases, statuses and Ofsted outcomes (GIAS and Ofsted management information, rounded), with the
 * indicators, concerns and Southwark area judgements an analyst keeps. Cells are in the shape Office.js
 * gives them (`Range.values`): numbers, text, dates as Excel serials, '' for a blank. Headers are the
 * field catalogue's own labels.
 */
import { fromIsoDate, toExcelSerial, type CalendarDate } from '../core/dates';
import { FIELDS, type FieldKey } from '../core/fields';
import { seededRandom } from '../scripts/seededRandom';
import type { Cell } from '../src/workbook/cell';

/** The date the benchmark register is categorised at. */
export const BENCH_AS_OF = fromIsoDate('2026-11-01')!;

/** The columns of the benchmark register, in sheet order. */
export const BENCH_COLUMNS = [
  'urn', 'laestab', 'schoolName', 'phase', 'status', 'openDate', 'ofstedGrade', 'inspectionDate', 'inspectionType', 'previousOfstedGrade',
  'safeguardingEffective', 'ungradedInspectionDate', 'ungradedOutcome', 'categoryOfConcern', 'reportCardDate',
  'rcInclusion', 'rcCurriculumTeaching', 'rcAchievement', 'rcAttendanceBehaviour', 'rcPersonalDevelopment', 'rcLeadershipGovernance',
  'headteacherStartDate', 'headteacherInterim', 'laJudgement',
  'attainmentConcern', 'progressConcern', 'attendanceConcern', 'exclusionsConcern', 'leadershipConcern', 'governanceConcern',
  'safeguardingConcern', 'financeConcern', 'hrConcern', 'fallingRoll', 'sendConcern',
  'attainmentTrend', 'bottomQuartileMeasures', 'yearsLowAttainment', 'yearsLowProgress', 'yearsLowAttendance',
  'attendancePct', 'persistentAbsencePct', 'suspensionRate', 'permanentExclusions', 'disadvantagedGap', 'disadvantagedGapTrend',
  'ks2Cohort', 'ks2RwmExpectedPct', 'ks2ReadingProgress', 'ks2WritingProgress', 'ks2MathsProgress',
  'ks4Cohort', 'ks4Progress8', 'ks4Attainment8', 'ks4EnglishMathsGrade4Pct', 'ks4EnglishMathsGrade5Pct',
  'areaLeadership', 'areaGovernance', 'areaCurriculum', 'areaOutcomes', 'areaStaffing', 'areaBehaviour', 'areaSend', 'areaSafeguarding', 'areaAttendance', 'areaCapacity',
  'previousCategory',
] as const satisfies readonly FieldKey[];

type Column = (typeof BENCH_COLUMNS)[number];

/** Weighted choice: `[value, weight][]`, weights need not sum to 1. */
function pick<T>(rnd: () => number, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return table[table.length - 1]![0];
}

// England's state-funded schools, January 2025 (GIAS), rounded: the phase mix and how many are academies.
const PHASES = [['Primary', 0.69], ['Secondary', 0.141], ['Special', 0.045], ['Nursery', 0.016], ['PRU', 0.014], ['All-through', 0.008], ['Middle deemed secondary', 0.004], ['16 plus', 0.002]] as const;
const ACADEMY_SHARE: Record<string, number> = { Primary: 0.42, Secondary: 0.82, Special: 0.45, Nursery: 0, PRU: 0.5, 'All-through': 0.8, 'Middle deemed secondary': 0.6, '16 plus': 0.9 };
// Ofsted outcomes of the last graded inspection (management information, 2024), with the never-inspected new schools.
const GRADES = [['Outstanding', 0.16], ['Good', 0.71], ['RI', 0.08], ['Serious weaknesses', 0.011], ['Special measures', 0.014], ['Inadequate', 0.005], ['', 0.02]] as const;
const REPORT_CARD = [['Exceptional', 0.05], ['Strong', 0.3], ['Expected', 0.5], ['Needs attention', 0.12], ['Urgent improvement', 0.03]] as const;
const AREA = [['A', 0.25], ['B', 0.5], ['C', 0.2], ['D', 0.05]] as const;
const TREND = [['improving', 0.3], ['stable', 0.5], ['declining', 0.2]] as const;
const GAP_TREND = [['narrowing', 0.35], ['stable', 0.45], ['widening', 0.2]] as const;
const NAMES_A = ['Ashby', 'Brook', 'Castle', 'Dale', 'Elm', 'Fairfield', 'Grange', 'Hill', 'Ivy', 'Juniper', 'Kings', 'Lark', 'Meadow', 'North', 'Oak', 'Park', 'Queens', 'River', 'St Mary\'s', 'Thorn', 'Upton', 'Vale', 'West', 'Yew'];
const NAMES_B = ['Lane', 'Green', 'Road', 'Field', 'View', 'Rise', 'Wood', 'Bank', 'Cross', 'Gate'];
const SUFFIX: Record<string, string> = { Primary: 'Primary School', Secondary: 'Academy', Special: 'School', Nursery: 'Nursery School', PRU: 'Learning Centre', 'All-through': 'School', 'Middle deemed secondary': 'Middle School', '16 plus': 'Sixth Form College' };

const serial = (d: CalendarDate) => toExcelSerial(d);
const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** One school's cells, by field. */
function school(rnd: () => number, i: number): Record<Column, Cell> {
  const asOf = BENCH_AS_OF as number;
  const daysAgo = (min: number, max: number) => serial((asOf - Math.floor(min + rnd() * (max - min))) as CalendarDate);
  const yesNo = (p: number) => (rnd() < p ? 'Yes' : 'No');
  const maybe = <T extends Cell>(p: number, v: () => T): Cell => (rnd() < p ? v() : '');
  const phase = pick(rnd, PHASES);
  const academy = rnd() < ACADEMY_SHARE[phase]!;
  const grade = pick(rnd, GRADES);
  // A weakness score ties the indicators to the grade, so the mix of categories is realistic.
  const weak = clamp((grade === 'Outstanding' ? 0.1 : grade === 'Good' ? 0.3 : grade === 'RI' ? 0.6 : grade === '' ? 0.4 : 0.85) + (rnd() - 0.5) * 0.4, 0, 1);
  const primaryLike = phase === 'Primary' || phase === 'All-through';
  const secondaryLike = phase === 'Secondary' || phase === 'All-through' || phase === 'Middle deemed secondary';
  const rcYear = grade !== '' && rnd() < 0.2; // inspected under report cards since November 2025
  const ungraded = grade === 'Good' || grade === 'Outstanding' ? rnd() < 0.35 : false;
  const concern = (base: number) => yesNo(clamp(base * (0.3 + weak * 2), 0, 0.95));
  const rc = () => pick(rnd, weak > 0.6 ? [['Expected', 0.4], ['Needs attention', 0.45], ['Urgent improvement', 0.15]] as const : REPORT_CARD);
  const area = () => pick(rnd, weak > 0.6 ? [['B', 0.3], ['C', 0.5], ['D', 0.2]] as const : AREA);
  // Six-digit URNs, unique, for up to 112,000 schools (the memory bench reads 100,000).
  const urn = 100_000 + i * 8 + Math.floor(rnd() * 8);
  return {
    urn,
    laestab: `${800 + (i % 150)}${String(2000 + (i % 7000)).padStart(4, '0')}`,
    schoolName: `${NAMES_A[i % NAMES_A.length]} ${NAMES_B[Math.floor(i / NAMES_A.length) % NAMES_B.length]} ${SUFFIX[phase]}`,
    phase,
    status: academy ? pick(rnd, [['Academy converter', 0.7], ['Academy sponsor led', 0.25], ['Free schools', 0.05]] as const) : pick(rnd, [['Community school', 0.6], ['Voluntary aided school', 0.2], ['Voluntary controlled school', 0.12], ['Foundation school', 0.08]] as const),
    openDate: grade === '' ? daysAgo(200, 900) : maybe(0.5, () => daysAgo(1500, 12_000)),
    ofstedGrade: grade,
    inspectionDate: grade === '' ? '' : daysAgo(30, 3650),
    inspectionType: grade === '' ? '' : ungraded ? 'Ungraded' : 'Graded',
    previousOfstedGrade: grade === '' ? '' : pick(rnd, GRADES.filter(([g]) => g !== '')),
    safeguardingEffective: grade === '' ? '' : rnd() < 0.985 ? 'Yes' : 'No',
    ungradedInspectionDate: ungraded ? daysAgo(30, 1200) : '',
    ungradedOutcome: ungraded ? pick(rnd, [['School remains good', 0.8], ['Improving, graded next', 0.1], ['Concerns, graded next', 0.1]] as const) : '',
    categoryOfConcern: grade === 'Serious weaknesses' ? 'Serious weaknesses' : grade === 'Special measures' ? 'Special measures' : '',
    reportCardDate: rcYear ? daysAgo(10, 350) : '',
    rcInclusion: rcYear ? rc() : '',
    rcCurriculumTeaching: rcYear ? rc() : '',
    rcAchievement: rcYear ? rc() : '',
    rcAttendanceBehaviour: rcYear ? rc() : '',
    rcPersonalDevelopment: rcYear ? rc() : '',
    rcLeadershipGovernance: rcYear ? rc() : '',
    headteacherStartDate: daysAgo(30, 6000),
    headteacherInterim: yesNo(0.04),
    laJudgement: maybe(0.7, () => pick(rnd, weak > 0.6 ? [['RI', 0.6], ['Inadequate', 0.2], ['Good', 0.2]] as const : [['Outstanding', 0.15], ['Strong good', 0.25], ['Good', 0.55], ['RI', 0.05]] as const)),
    attainmentConcern: concern(0.15),
    progressConcern: concern(0.15),
    attendanceConcern: concern(0.12),
    exclusionsConcern: concern(0.06),
    leadershipConcern: concern(0.08),
    governanceConcern: concern(0.06),
    safeguardingConcern: concern(0.01),
    financeConcern: concern(0.1),
    hrConcern: concern(0.05),
    fallingRoll: concern(0.1),
    sendConcern: concern(0.05),
    attainmentTrend: pick(rnd, TREND),
    bottomQuartileMeasures: primaryLike ? Math.floor(rnd() * 9 * weak) : '',
    yearsLowAttainment: Math.floor(rnd() * 4 * weak),
    yearsLowProgress: Math.floor(rnd() * 4 * weak),
    yearsLowAttendance: Math.floor(rnd() * 3 * weak),
    attendancePct: round1(96 - weak * 8 - rnd() * 2),
    persistentAbsencePct: round1(8 + weak * 30 + rnd() * 5),
    suspensionRate: round1(rnd() * (secondaryLike ? 40 : 4) * (0.5 + weak)),
    permanentExclusions: secondaryLike ? Math.floor(rnd() * 6 * weak) : 0,
    disadvantagedGap: round1(5 + weak * 25 + (rnd() - 0.5) * 10),
    disadvantagedGapTrend: pick(rnd, GAP_TREND),
    ks2Cohort: primaryLike ? 15 + Math.floor(rnd() * 75) : '',
    ks2RwmExpectedPct: primaryLike ? Math.round(clamp(75 - weak * 45 + (rnd() - 0.5) * 20, 0, 100)) : '',
    ks2ReadingProgress: primaryLike ? round2(2 - weak * 5 + (rnd() - 0.5) * 3) : '',
    ks2WritingProgress: primaryLike ? round2(2 - weak * 5 + (rnd() - 0.5) * 3) : '',
    ks2MathsProgress: primaryLike ? round2(2 - weak * 5 + (rnd() - 0.5) * 3) : '',
    ks4Cohort: secondaryLike ? 80 + Math.floor(rnd() * 220) : '',
    ks4Progress8: secondaryLike ? round2(0.5 - weak * 1.2 + (rnd() - 0.5) * 0.6) : '',
    ks4Attainment8: secondaryLike ? round1(55 - weak * 25 + (rnd() - 0.5) * 10) : '',
    ks4EnglishMathsGrade4Pct: secondaryLike ? Math.round(clamp(80 - weak * 45 + (rnd() - 0.5) * 15, 0, 100)) : '',
    ks4EnglishMathsGrade5Pct: secondaryLike ? Math.round(clamp(60 - weak * 40 + (rnd() - 0.5) * 15, 0, 100)) : '',
    areaLeadership: maybe(0.6, area),
    areaGovernance: maybe(0.6, area),
    areaCurriculum: maybe(0.6, area),
    areaOutcomes: maybe(0.6, area),
    areaStaffing: maybe(0.6, area),
    areaBehaviour: maybe(0.6, area),
    areaSend: maybe(0.6, area),
    areaSafeguarding: maybe(0.6, () => (rnd() < 0.97 ? 'A' : 'C')),
    areaAttendance: maybe(0.6, area),
    areaCapacity: maybe(0.6, area),
    previousCategory: '',
  };
}

/** The register: a header row of field labels and `count` rows of cells (as Office.js gives them). */
export function englandRegister(count = 25_000, seed = 20261101): { header: string[]; rows: Cell[][] } {
  const rnd = seededRandom(seed);
  const header = BENCH_COLUMNS.map((k) => FIELDS[k].label);
  const rows: Cell[][] = [];
  for (let i = 0; i < count; i++) {
    const s = school(rnd, i);
    rows.push(BENCH_COLUMNS.map((k) => s[k]));
  }
  return { header, rows };
}

/** Fields of the benchmark register that hold dates (written as Excel dates in the .xlsx). */
export const DATE_COLUMNS: ReadonlySet<number> = new Set(BENCH_COLUMNS.flatMap((k, i) => (FIELDS[k].type.kind === 'date' ? [i] : [])));
