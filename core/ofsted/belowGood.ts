/**
 * The second part of the inspection risk: the chance that a graded inspection, if it comes, finds the
 * school below good. A logistic model: log-odds = a start for the school's standing + one term per
 * indicator. The start and the results terms are fitted (inspectionRiskModel.json); the indicators the
 * 2018 data does not hold (attendance, head changes, the LA's concern flags, trends, ungraded outcomes)
 * carry judgement weights, kept apart here and marked so in the reasons. Every term is monotone: a worse
 * value never lowers the chance.
 *
 * Under today's rules every routine inspection of a good school is graded, while the data's graded
 * inspections of good schools were the ones a short inspection or Ofsted's risk assessment led to. So under
 * report cards a good or better school's chance is that of its routine inspection ending below good under
 * the 2012-2019 practice: the chance a graded inspection followed within the cycle (the measured rates up to
 * the legal maximum, with the fitted risk-assessment terms) times the chance that it found the school below good.
 */
import { monthsBetween } from '../dates';
import { CONCERN_FIELDS } from '../facts';
import type { InspectionRulesId } from './inspectionRules';
import type { InspectionRiskModel } from './riskModel';
import { RISK_TERMS, type RiskTermId, type TermInput } from './riskTerms';

/** A linear judgement term: `perPoint` log-odds for each point worse than `reference`, up to `maxPoints`. */
export interface JudgementLine {
  readonly reference: number;
  readonly perPoint: number;
  readonly maxPoints: number;
}

/** Judgement weights, in log-odds (about +0.7 doubles the odds). Not fitted: the 2018 data does not hold these. */
export interface JudgementWeights {
  /** Overall attendance % below the reference (national ~94% before 2020, ~93% since). */
  readonly attendance: JudgementLine;
  /** Persistent absence % above the reference. */
  readonly persistentAbsence: JudgementLine;
  /** Headteacher in post fewer than `months` months. */
  readonly newHead: { readonly months: number; readonly logOdds: number };
  /** Interim or acting headteacher. */
  readonly interimHead: number;
  /** Each LA concern flag, up to `cap` in all. */
  readonly concernFlags: { readonly each: number; readonly cap: number };
  /** Attainment trend declining. */
  readonly decliningTrend: number;
  /** The latest ungraded inspection said "(Concerns) - S5 Next": Ofsted itself flagged the risk. */
  readonly ungradedConcerns: number;
}

/**
 * The judgement weights. Modest on purpose: they add to a fitted start, and none was tested on outcomes.
 * +0.3 is about the fitted effect of KS2 progress 0.7 points below the national average.
 */
export const JUDGEMENT_WEIGHTS: JudgementWeights = {
  attendance: { reference: 94, perPoint: 0.1, maxPoints: 6 },
  persistentAbsence: { reference: 15, perPoint: 0.03, maxPoints: 20 },
  newHead: { months: 12, logOdds: 0.3 },
  interimHead: 0.3,
  concernFlags: { each: 0.2, cap: 1 },
  decliningTrend: 0.3,
  ungradedConcerns: 1,
};

/** One indicator's part: of the log-odds, and of the log rate of the routine factor (report cards only). */
export interface BelowGoodTerm {
  readonly id: RiskTermId | keyof JudgementWeights;
  readonly logOdds: number;
  readonly logRate: number;
  /** True for a judgement weight (not fitted). */
  readonly judgement: boolean;
  /** The indicator as the reasons name it ("KS2 progress -2.5 (national 0)"). */
  readonly describe: string;
}

/** Under report cards, a good or better school's chance that a graded inspection followed its routine one (2012-2019 practice). */
export interface RoutineFactor {
  /** The measured rate summed over the cycle, to the legal maximum. */
  readonly cycleRate: number;
  /** Log rate multiplier of the start (the fitted intercept). */
  readonly startLogRate: number;
}

/** The chance and its make-up: probability = logistic(startLogOdds + Σ logOdds) × routine(startLogRate + Σ logRate). */
export interface BelowGood {
  readonly probability: number;
  /** Log-odds of the start: the standing alone, with national-average results. */
  readonly startLogOdds: number;
  readonly routine: RoutineFactor | null;
  readonly startDescribe: string;
  /** Every indicator with a non-zero part, fitted first. */
  readonly terms: readonly BelowGoodTerm[];
}

/** The logistic function. */
export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
/** The chance a graded inspection followed within the cycle, at log rate multiplier `s`. */
export const routineChance = (routine: RoutineFactor, s: number): number => 1 - Math.exp(-routine.cycleRate * Math.exp(s));
/** The chance of the start alone (national-average results, no indicators). */
export const startChance = (b: BelowGood): number => sigmoid(b.startLogOdds) * (b.routine ? routineChance(b.routine, b.routine.startLogRate) : 1);

const linear = (t: JudgementLine, worseBy: number) => t.perPoint * Math.max(0, Math.min(t.maxPoints, worseBy));
/** Months of the school-year clock up to the legal maximum (the end of the fifth school year after the graded inspection's). */
const CYCLE_MONTHS = 72;

/** The start of the log-odds for a standing: the fitted intercept and the standing's offset (a new school starts as a good one, by judgement). */
function start(input: TermInput, model: InspectionRiskModel, routine: boolean): { logOdds: number; describe: string } {
  const m = model.belowGood;
  const asRoutine = routine ? ' at its routine inspection' : '';
  switch (input.standing.band) {
    case 'requires-improvement':
      return { logOdds: m.intercept + m.standing['requires-improvement'], describe: `judged ${input.standing.equivalentGrade === 'satisfactory' ? 'satisfactory' : 'requires improvement'}` };
    case 'inadequate':
      return { logOdds: m.intercept + m.standing.inadequate, describe: `judged inadequate${input.standing.inCategoryOfConcern ? ', in a category of concern' : ''}` };
    case 'good-or-better':
      return { logOdds: m.intercept, describe: `judged good or better${asRoutine}` };
    case 'not-inspected':
      return { logOdds: m.intercept, describe: `not yet inspected${asRoutine} (starts as a good school would, by judgement)` };
  }
}

/** The routine factor of a good or better (or new) school under report cards; `null` otherwise. */
function routineFactor(input: TermInput, model: InspectionRiskModel, rules: InspectionRulesId): RoutineFactor | null {
  const band = input.standing.band;
  // After an ungraded inspection that said "graded next" the graded inspection is already decided, as a converted one was.
  const gradedNext = input.standing.gradedNext === true && (input.standing.lastInspectionDate ?? 0) > (input.standing.lastJudgedDate ?? 0);
  if (rules !== 'report-cards-2025' || gradedNext || (band !== 'good-or-better' && band !== 'not-inspected')) return null;
  const perMonth = model.rates.good.perMonth;
  let cycleRate = 0;
  for (let m = 0; m < CYCLE_MONTHS; m++) cycleRate += perMonth[Math.min(m, perMonth.length - 1)]!;
  return { cycleRate, startLogRate: model.selection.intercept };
}

/** The chance that a graded inspection finds the school below good, if it comes, under `rules`. */
export function belowGoodIfInspected(input: TermInput, model: InspectionRiskModel, rules: InspectionRulesId, weights: JudgementWeights = JUDGEMENT_WEIGHTS): BelowGood {
  const routine = routineFactor(input, model, rules);
  const s = start(input, model, routine !== null);
  const parts = new Map<RiskTermId, { logOdds: number; logRate: number }>();
  const fitted = (id: RiskTermId, key: 'logOdds' | 'logRate', coefficient: number) => {
    const x = coefficient * RISK_TERMS[id].value(input);
    if (x === 0) return;
    const part = parts.get(id) ?? { logOdds: 0, logRate: 0 };
    part[key] += x;
    parts.set(id, part);
  };
  for (const [id, c] of Object.entries(model.belowGood.terms) as [RiskTermId, number][]) fitted(id, 'logOdds', c);
  // The standing's own rate adjustment belongs to the 2012-2019 curves, not to a routine inspection today.
  if (routine) for (const [id, c] of Object.entries(model.selection.terms) as [RiskTermId, number][]) if (id !== 'outstanding') fitted(id, 'logRate', c);
  const terms: BelowGoodTerm[] = [...parts].map(([id, part]) => ({ id, ...part, judgement: false, describe: RISK_TERMS[id].describe(input) }));

  const { record, standing, asOf } = input;
  const judged = (id: keyof JudgementWeights, logOdds: number, describe: string) => {
    if (logOdds !== 0 && Number.isFinite(logOdds)) terms.push({ id, logOdds, logRate: 0, judgement: true, describe });
  };
  const w = weights;
  if (record.attendancePct !== undefined) judged('attendance', linear(w.attendance, w.attendance.reference - record.attendancePct), `attendance ${record.attendancePct}% (below ${w.attendance.reference}%)`);
  if (record.persistentAbsencePct !== undefined) judged('persistentAbsence', linear(w.persistentAbsence, record.persistentAbsencePct - w.persistentAbsence.reference), `persistent absence ${record.persistentAbsencePct}% (above ${w.persistentAbsence.reference}%)`);
  if (record.headteacherStartDate !== undefined && monthsBetween(record.headteacherStartDate, asOf) < w.newHead.months) judged('newHead', w.newHead.logOdds, `headteacher in post under ${w.newHead.months} months`);
  if (record.headteacherInterim === true) judged('interimHead', w.interimHead, 'interim headteacher');
  let flags = 0;
  for (const f of CONCERN_FIELDS) if (record[f] === true) flags++;
  judged('concernFlags', Math.min(w.concernFlags.cap, flags * w.concernFlags.each), `${flags} LA concern flag${flags === 1 ? '' : 's'}`);
  if (record.attainmentTrend === 'declining') judged('decliningTrend', w.decliningTrend, 'attainment declining');
  if (standing.ungradedConcerns) judged('ungradedConcerns', w.ungradedConcerns, 'ungraded inspection raised concerns (graded inspection next)');

  let logOdds = s.logOdds;
  let logRate = routine?.startLogRate ?? 0;
  for (const t of terms) {
    logOdds += t.logOdds;
    logRate += t.logRate;
  }
  const probability = sigmoid(logOdds) * (routine ? routineChance(routine, logRate) : 1);
  return { probability, startLogOdds: s.logOdds, routine, startDescribe: s.describe, terms };
}
