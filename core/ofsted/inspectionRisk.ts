/**
 * The risk that the next inspection finds the school below good: a 0-100 score for ranking, a level,
 * and the reasons. Additive points, so the score is monotone in every indicator and each reason says
 * how much it counted. The weights are a parameter; docs/ofsted.md gives the backtest on real
 * inspection histories and 2018 results (test/core/ofsted/inspectionRisk.backtest.test.ts).
 */
import { monthsBetween, type CalendarDate } from '../dates';
import { CONCERN_FIELDS, type RiskLevel } from '../facts';
import type { SchoolRecord } from '../fields';
import type { OfstedStanding } from './standing';

/** Points per indicator, and the level thresholds. */
export interface RiskWeights {
  readonly standing: Readonly<Record<'outstanding' | 'good' | 'satisfactory' | 'requires-improvement' | 'inadequate' | 'not-inspected', number>>;
  readonly previousBelowGood: number;
  readonly ungradedConcerns: number;
  /** Good or better schools: points per school year since the last inspection beyond `longGapYears`. */
  readonly longGapYears: number;
  readonly perYearBeyondGap: number;
  readonly ks2RwmBelow: { readonly threshold: number; readonly points: number };
  readonly ks2ProgressBelow: { readonly threshold: number; readonly points: number };
  readonly progress8Below: { readonly threshold: number; readonly points: number };
  readonly attendanceBelow: { readonly threshold: number; readonly points: number };
  readonly persistentAbsenceAbove: { readonly threshold: number; readonly points: number };
  readonly newHeadMonths: number;
  readonly newHead: number;
  readonly interimHead: number;
  readonly perConcern: number;
  readonly concernCap: number;
  readonly decliningTrend: number;
  readonly highFrom: number;
  readonly mediumFrom: number;
}

/** The defaults (fitted by hand on the 2018 data; see docs/ofsted.md for the backtest). */
export const RISK_WEIGHTS: RiskWeights = {
  standing: { outstanding: 5, good: 15, satisfactory: 40, 'requires-improvement': 45, inadequate: 55, 'not-inspected': 25 },
  previousBelowGood: 10,
  ungradedConcerns: 25,
  longGapYears: 5,
  perYearBeyondGap: 3,
  ks2RwmBelow: { threshold: 55, points: 15 },
  ks2ProgressBelow: { threshold: -2, points: 12 },
  progress8Below: { threshold: -0.4, points: 18 },
  attendanceBelow: { threshold: 93, points: 6 },
  persistentAbsenceAbove: { threshold: 25, points: 6 },
  newHeadMonths: 12,
  newHead: 5,
  interimHead: 5,
  perConcern: 4,
  concernCap: 20,
  decliningTrend: 5,
  highFrom: 50,
  mediumFrom: 30,
};

/** The risk, its score and what made it. */
export interface InspectionRisk {
  readonly level: RiskLevel;
  readonly score: number;
  readonly reasons: readonly string[];
}

/** Scores one school. */
export function inspectionRisk(record: SchoolRecord, standing: OfstedStanding, asOf: CalendarDate, w: RiskWeights = RISK_WEIGHTS): InspectionRisk {
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, reason: string) => {
    if (points <= 0) return;
    score += points;
    reasons.push(`${reason} (+${points})`);
  };
  const grade = standing.band === 'not-inspected' ? 'not-inspected' : standing.band === 'good-or-better' ? (standing.equivalentGrade === 'outstanding' ? 'outstanding' : 'good') : standing.band === 'inadequate' ? 'inadequate' : standing.equivalentGrade === 'satisfactory' ? 'satisfactory' : 'requires-improvement';
  add(w.standing[grade], `Last judged ${grade.replace(/-/g, ' ')}`);
  if (standing.previousBand === 'requires-improvement' || standing.previousBand === 'inadequate') add(w.previousBelowGood, 'Below good at the inspection before');
  if (standing.ungradedConcerns) add(w.ungradedConcerns, 'Ungraded inspection raised concerns');
  if (standing.band === 'good-or-better' && standing.lastInspectionDate !== undefined) {
    const years = Math.floor(monthsBetween(standing.lastInspectionDate, asOf) / 12);
    add(Math.max(0, years - w.longGapYears) * w.perYearBeyondGap, `${years} years since the last inspection`);
  }
  if (record.ks2RwmExpectedPct !== undefined && record.ks2RwmExpectedPct < w.ks2RwmBelow.threshold) add(w.ks2RwmBelow.points, `KS2 reading, writing and maths ${record.ks2RwmExpectedPct}% below ${w.ks2RwmBelow.threshold}%`);
  const ks2Progress = [record.ks2ReadingProgress, record.ks2WritingProgress, record.ks2MathsProgress].filter((x): x is number => x !== undefined);
  if (ks2Progress.length > 0 && Math.min(...ks2Progress) < w.ks2ProgressBelow.threshold) add(w.ks2ProgressBelow.points, `KS2 progress below ${w.ks2ProgressBelow.threshold}`);
  if (record.ks4Progress8 !== undefined && record.ks4Progress8 < w.progress8Below.threshold) add(w.progress8Below.points, `Progress 8 ${record.ks4Progress8} below ${w.progress8Below.threshold}`);
  if (record.attendancePct !== undefined && record.attendancePct < w.attendanceBelow.threshold) add(w.attendanceBelow.points, `Attendance ${record.attendancePct}% below ${w.attendanceBelow.threshold}%`);
  if (record.persistentAbsencePct !== undefined && record.persistentAbsencePct > w.persistentAbsenceAbove.threshold) add(w.persistentAbsenceAbove.points, `Persistent absence ${record.persistentAbsencePct}% above ${w.persistentAbsenceAbove.threshold}%`);
  if (record.headteacherStartDate !== undefined && monthsBetween(record.headteacherStartDate, asOf) < w.newHeadMonths) add(w.newHead, 'Headteacher in post under a year');
  if (record.headteacherInterim === true) add(w.interimHead, 'Interim headteacher');
  const concerns = CONCERN_FIELDS.filter((f) => record[f] === true).length;
  add(Math.min(w.concernCap, concerns * w.perConcern), `${concerns} concern flag${concerns === 1 ? '' : 's'}`);
  if (record.attainmentTrend === 'declining') add(w.decliningTrend, 'Attainment declining');

  const capped = Math.min(100, Math.round(score));
  return { level: capped >= w.highFrom ? 'high' : capped >= w.mediumFrom ? 'medium' : 'low', score: capped, reasons };
}
