/**
 * The risk that the next inspection finds the school below good: a 0-100 score for ranking, a level
 * and the reasons. The score is a sum of points, one term per indicator, each term monotone (a worse
 * value never gives fewer points), clamped to 0-100. Points are roughly ten per unit of log-odds in a
 * logistic regression fitted on real data (Ofsted graded-inspection histories and the DfE 2018 KS2/KS4
 * results; test/core/ofsted/fitRiskWeights.ts), rounded and ordered by hand so that, for instance,
 * inadequate never scores below requires improvement. Indicators the 2018 data does not hold
 * (attendance, new or interim head, the LA's concern flags, trends, ungraded outcomes) carry weights set
 * by judgement and say so. The backtest (test/core/ofsted/inspectionRisk.backtest.test.ts) and its
 * figures are in docs/ofsted.md.
 */
import { monthsBetween, type CalendarDate } from '../dates';
import { CONCERN_FIELDS, type RiskLevel } from '../facts';
import type { SchoolRecord } from '../fields';
import type { EquivalentGrade, OfstedStanding } from './standing';

/** A linear term: `pointsPerUnit` for each unit the value is worse than `reference`, counted between `bestUnits` (negative: better than the reference lowers the score) and `worstUnits`. */
export interface LinearTerm {
  readonly reference: number;
  readonly pointsPerUnit: number;
  readonly bestUnits: number;
  readonly worstUnits: number;
}

/** Weights and thresholds of the risk model. */
export interface InspectionRiskParameters {
  /** Points every school starts with, so that strong results can lower the score. Fitted intercept. */
  readonly base: number;
  /** Points for the latest judgement. Fitted; ordered outstanding < good < not inspected < RI = satisfactory < inadequate. */
  readonly standing: Readonly<Record<EquivalentGrade | 'not-inspected', number>>;
  /** The graded inspection before the latest was below good (a "stuck" school). Fitted. */
  readonly previousBelowGood: number;
  /** The latest ungraded inspection said "(Concerns) - S5 Next". Judgement: Ofsted itself flagged the risk. */
  readonly ungradedConcerns: number;
  /** Good or better: points per year since the last inspection beyond `fromYears`, up to `capYears` (the next one falls due). Fitted. */
  readonly timeSinceInspection: { readonly fromYears: number; readonly pointsPerYear: number; readonly capYears: number };
  /** Secondary (and all-through) schools are more often judged below good. Fitted. */
  readonly secondaryPhase: number;
  /** KS2 mean of the reading, writing and maths progress scores; worse = below 0 (national average). Fitted. */
  readonly ks2Progress: LinearTerm;
  /** KS2 % meeting the expected standard in RWM; reference 64%, the 2018 national figure. Fitted. */
  readonly ks2RwmExpected: LinearTerm;
  /** Progress 8; worse = below 0 (national average). Fitted. */
  readonly progress8: LinearTerm;
  /** Results count in proportion cohort / (cohort + this), so a cohort of ten counts half as much as a large one. Fitted (small cohorts were judged below good less often than their results suggest). */
  readonly cohortShrinkage: number;
  /** Overall attendance % below the reference. Judgement (not in the 2018 data): national primary/secondary attendance ~94-95% before 2020, ~93% since. */
  readonly attendance: LinearTerm;
  /** Persistent absence % above the reference. Judgement (not in the data). */
  readonly persistentAbsence: LinearTerm;
  /** Headteacher in post fewer than `months` months. Judgement. */
  readonly newHead: { readonly months: number; readonly points: number };
  /** Interim or acting headteacher. Judgement. */
  readonly interimHead: number;
  /** Points per LA concern flag, up to `cap`. Judgement: the LA's own intelligence, counted but capped. */
  readonly concernFlags: { readonly pointsEach: number; readonly cap: number };
  /** Attainment trend declining. Judgement. */
  readonly decliningTrend: number;
  /** Level thresholds on the score. Set so that about a tenth of schools in the 2018 data are high and the next fifth medium. */
  readonly levels: { readonly highFrom: number; readonly mediumFrom: number };
}

/** The defaults (see docs/ofsted.md for the fit and the backtest). */
export const INSPECTION_RISK_DEFAULTS: InspectionRiskParameters = {
  base: 20,
  standing: { outstanding: 0, good: 5, 'not-inspected': 12, satisfactory: 20, 'requires-improvement': 20, inadequate: 24 },
  previousBelowGood: 3,
  ungradedConcerns: 25,
  timeSinceInspection: { fromYears: 2, pointsPerYear: 6, capYears: 2 },
  secondaryPhase: 6,
  ks2Progress: { reference: 0, pointsPerUnit: 3, bestUnits: -3, worstUnits: 5 },
  ks2RwmExpected: { reference: 64, pointsPerUnit: 0.3, bestUnits: -20, worstUnits: 40 },
  progress8: { reference: 0, pointsPerUnit: 12, bestUnits: -1, worstUnits: 1.5 },
  cohortShrinkage: 10,
  attendance: { reference: 94, pointsPerUnit: 2, bestUnits: 0, worstUnits: 6 },
  persistentAbsence: { reference: 15, pointsPerUnit: 0.5, bestUnits: 0, worstUnits: 20 },
  newHead: { months: 12, points: 5 },
  interimHead: 5,
  concernFlags: { pointsEach: 3, cap: 15 },
  decliningTrend: 5,
  levels: { highFrom: 45, mediumFrom: 37 },
};

/** Former names, kept for callers (deriveFacts). */
export type RiskWeights = InspectionRiskParameters;
/** Former name of `INSPECTION_RISK_DEFAULTS`. */
export const RISK_WEIGHTS = INSPECTION_RISK_DEFAULTS;

/** The risk, its score and what made it. */
export interface InspectionRisk {
  readonly level: RiskLevel;
  /** Integer 0-100; higher is riskier. */
  readonly score: number;
  /** Each indicator that added (or, for strong results, removed) points, with the points. */
  readonly reasons: readonly string[];
}

/** Points of a linear term for `worseBy` units worse than the reference. */
const linear = (t: LinearTerm, worseBy: number) => t.pointsPerUnit * Math.max(t.bestUnits, Math.min(t.worstUnits, worseBy));
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Scores one school at the as-of date; parameters not given take `INSPECTION_RISK_DEFAULTS`. */
export function inspectionRisk(record: SchoolRecord, standing: OfstedStanding, asOf: CalendarDate, params: Partial<InspectionRiskParameters> = {}): InspectionRisk {
  // The defaults object itself is the common case: no copy per school.
  const w = params === INSPECTION_RISK_DEFAULTS ? INSPECTION_RISK_DEFAULTS : { ...INSPECTION_RISK_DEFAULTS, ...params };
  const clamped = Math.max(0, Math.min(100, Math.round(points(record, standing, asOf, w, null))));
  return new ScoredRisk(clamped >= w.levels.highFrom ? 'high' : clamped >= w.levels.mediumFrom ? 'medium' : 'low', clamped, record, standing, asOf, w);
}

/** The reasons are worded only when read: a register of 25,000 schools shows the score, rarely the reasons. */
class ScoredRisk implements InspectionRisk {
  #reasons: string[] | undefined;
  constructor(
    readonly level: RiskLevel,
    readonly score: number,
    private readonly record: SchoolRecord,
    private readonly standing: OfstedStanding,
    private readonly asOf: CalendarDate,
    private readonly w: InspectionRiskParameters,
  ) {}

  get reasons(): readonly string[] {
    if (!this.#reasons) points(this.record, this.standing, this.asOf, this.w, (this.#reasons = []));
    return this.#reasons;
  }

  toJSON(): InspectionRisk {
    return { level: this.level, score: this.score, reasons: this.reasons };
  }
}

/** The unclamped score; when `reasons` is given, each term that counted is worded into it. */
function points(record: SchoolRecord, standing: OfstedStanding, asOf: CalendarDate, w: InspectionRiskParameters, reasons: string[] | null): number {
  let score = w.base;
  // `reason` is `reasons && text`, so no text is built when nobody asked for it.
  const add = (points: number, reason: string | null) => {
    if (points === 0 || !Number.isFinite(points)) return;
    score += points;
    if (reasons) reasons.push(`${reason} (${points > 0 ? '+' : ''}${round1(points)})`);
  };

  const grade: EquivalentGrade | 'not-inspected' = standing.band === 'not-inspected' ? 'not-inspected' : standing.band === 'inadequate' ? 'inadequate' : (standing.equivalentGrade ?? (standing.band === 'good-or-better' ? 'good' : 'requires-improvement'));
  add(w.standing[grade], reasons && (grade === 'not-inspected' ? 'Not yet inspected' : `Last judged ${grade.replace(/-/g, ' ')}`));
  if (standing.previousBand === 'requires-improvement' || standing.previousBand === 'inadequate') add(w.previousBelowGood, 'Below good at the inspection before');
  if (standing.ungradedConcerns) add(w.ungradedConcerns, 'Ungraded inspection raised concerns (graded inspection next)');
  if (standing.band === 'good-or-better' && standing.lastInspectionDate !== undefined) {
    const years = Math.max(0, monthsBetween(standing.lastInspectionDate, asOf)) / 12;
    const t = w.timeSinceInspection;
    add(t.pointsPerYear * Math.min(t.capYears, Math.max(0, years - t.fromYears)), reasons && `${Math.floor(years)} years since the last inspection`);
  }
  if (record.phase === 'secondary' || record.phase === 'all-through') add(w.secondaryPhase, 'Secondary phase');

  const reliability = (cohort: number | undefined) => (cohort === undefined ? 1 : cohort / (cohort + w.cohortShrinkage));
  const ks2 = reliability(record.ks2Cohort);
  let progressSum = 0;
  let progressCount = 0;
  for (const x of [record.ks2ReadingProgress, record.ks2WritingProgress, record.ks2MathsProgress]) {
    if (x === undefined) continue;
    progressSum += x;
    progressCount++;
  }
  if (progressCount > 0) {
    const mean = progressSum / progressCount;
    add(ks2 * linear(w.ks2Progress, w.ks2Progress.reference - mean), reasons && `KS2 progress ${round1(mean)} (national ${w.ks2Progress.reference})`);
  }
  if (record.ks2RwmExpectedPct !== undefined) add(ks2 * linear(w.ks2RwmExpected, w.ks2RwmExpected.reference - record.ks2RwmExpectedPct), reasons && `KS2 RWM expected standard ${record.ks2RwmExpectedPct}% (national ${w.ks2RwmExpected.reference}%)`);
  if (record.ks4Progress8 !== undefined) add(reliability(record.ks4Cohort) * linear(w.progress8, w.progress8.reference - record.ks4Progress8), reasons && `Progress 8 ${record.ks4Progress8}`);

  if (record.attendancePct !== undefined) add(linear(w.attendance, w.attendance.reference - record.attendancePct), reasons && `Attendance ${record.attendancePct}% (below ${w.attendance.reference}%)`);
  if (record.persistentAbsencePct !== undefined) add(linear(w.persistentAbsence, record.persistentAbsencePct - w.persistentAbsence.reference), reasons && `Persistent absence ${record.persistentAbsencePct}% (above ${w.persistentAbsence.reference}%)`);
  if (record.headteacherStartDate !== undefined && monthsBetween(record.headteacherStartDate, asOf) < w.newHead.months) add(w.newHead.points, reasons && `Headteacher in post under ${w.newHead.months} months`);
  if (record.headteacherInterim === true) add(w.interimHead, 'Interim headteacher');
  let concerns = 0;
  for (const f of CONCERN_FIELDS) if (record[f] === true) concerns++;
  add(Math.min(w.concernFlags.cap, concerns * w.concernFlags.pointsEach), reasons && `${concerns} LA concern flag${concerns === 1 ? '' : 's'}`);
  if (record.attainmentTrend === 'declining') add(w.decliningTrend, 'Attainment declining');
  return score;
}
