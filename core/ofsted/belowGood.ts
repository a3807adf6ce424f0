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
import type { SchoolRecord } from '../fields';
import type { InspectionRulesId } from './inspectionRules';
import type { InspectionRiskModel } from './riskModel';
import { RISK_TERM_IDS, RISK_TERMS, riskTermValues, type RiskTermId, type TermInput } from './riskTerms';

// Bound once: under CommonJS interop (tsx, vitest) an imported binding is a getter, read at every use otherwise.
const termValues = riskTermValues;

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

/**
 * How many of the LA's concern flags (facts.ts `CONCERN_FIELDS`; a test holds this list to it) a school has
 * set. Read by name: a read by a key that changes from flag to flag is a slow lookup on a record of ~150
 * fields, and a call of `factAt` per flag is slower than the reads. This runs twice per school.
 */
export function concernFlagCount(record: SchoolRecord): number {
  const r = record;
  return (
    (r.attainmentConcern === true ? 1 : 0) + (r.progressConcern === true ? 1 : 0) + (r.attendanceConcern === true ? 1 : 0) +
    (r.exclusionsConcern === true ? 1 : 0) + (r.leadershipConcern === true ? 1 : 0) + (r.governanceConcern === true ? 1 : 0) +
    (r.safeguardingConcern === true ? 1 : 0) + (r.qualityOfEducationConcern === true ? 1 : 0) + (r.earlyYearsConcern === true ? 1 : 0) +
    (r.behaviourConcern === true ? 1 : 0) + (r.sendConcern === true ? 1 : 0) + (r.financeConcern === true ? 1 : 0) +
    (r.hrConcern === true ? 1 : 0) + (r.fallingRoll === true ? 1 : 0)
  );
}

/** One indicator's part: of the log-odds, and of the log rate of the routine factor (report cards only). */
export interface BelowGoodTerm {
  readonly id: RiskTermId | keyof JudgementWeights;
  readonly logOdds: number;
  readonly logRate: number;
  /** True for a judgement weight (not fitted). */
  readonly judgement: boolean;
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
  /** Every indicator with a non-zero part, fitted first. */
  readonly terms: readonly BelowGoodTerm[];
  /** What was read, for the wording (`describeStart`, `describeTerm`). */
  readonly input: TermInput;
  readonly weights: JudgementWeights;
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
function startLogOdds(input: TermInput, model: InspectionRiskModel): number {
  const m = model.belowGood;
  const band = input.standing.band;
  return band === 'requires-improvement' ? m.intercept + m.standing['requires-improvement'] : band === 'inadequate' ? m.intercept + m.standing.inadequate : m.intercept;
}

/** The start in words: "judged good or better at its routine inspection". */
export function describeStart(b: BelowGood): string {
  const { standing } = b.input;
  const asRoutine = b.routine ? ' at its routine inspection' : '';
  switch (standing.band) {
    case 'requires-improvement':
      return `judged ${standing.equivalentGrade === 'satisfactory' ? 'satisfactory' : 'requires improvement'}`;
    case 'inadequate':
      return `judged inadequate${standing.inCategoryOfConcern ? ', in a category of concern' : ''}`;
    case 'good-or-better':
      return `judged good or better${asRoutine}`;
    case 'not-inspected':
      return `not yet inspected${asRoutine} (starts as a good school would, by judgement)`;
  }
}

/** An indicator in words: "KS2 progress -2.5 (national 0, cohort 30)". */
export function describeTerm(b: BelowGood, t: BelowGoodTerm): string {
  const { record } = b.input;
  const w = b.weights;
  switch (t.id) {
    case 'attendance': return `attendance ${record.attendancePct}% (below ${w.attendance.reference}%)`;
    case 'persistentAbsence': return `persistent absence ${record.persistentAbsencePct}% (above ${w.persistentAbsence.reference}%)`;
    case 'newHead': return `headteacher in post under ${w.newHead.months} months`;
    case 'interimHead': return 'interim headteacher';
    case 'concernFlags': {
      const flags = concernFlagCount(record);
      return `${flags} LA concern flag${flags === 1 ? '' : 's'}`;
    }
    case 'decliningTrend': return 'attainment declining';
    case 'ungradedConcerns': return 'ungraded inspection raised concerns (graded inspection next)';
    default: return RISK_TERMS[t.id].describe(b.input);
  }
}

/** One term of a model: its below-good coefficient and its routine-factor coefficient (0 when unused). */
interface ModelTerm {
  readonly id: RiskTermId;
  /** Its place in `RISK_TERM_IDS` (and in `riskTermValues`). */
  readonly index: number;
  readonly odds: number;
  readonly rate: number;
}

/** What a model gives every school alike, worked out once per model: its terms as a list, the good schools' rate over a cycle. */
interface ModelTerms {
  /** Every term either part uses. */
  readonly terms: readonly ModelTerm[];
  /** A term counts the years since the last graded inspection (`riskTermValues` reads it only then). */
  readonly withYears: boolean;
  readonly cycleRate: number;
  /** The routine factor of a good school under report cards (the same for every school). */
  readonly routine: RoutineFactor;
}
const modelTerms = new WeakMap<InspectionRiskModel, ModelTerms>();
let lastModel: InspectionRiskModel | null = null;
let lastTerms: ModelTerms | null = null;

function termsOf(model: InspectionRiskModel): ModelTerms {
  if (model === lastModel) return lastTerms!;
  let t = modelTerms.get(model);
  if (!t) {
    const ids = new Set([...Object.keys(model.belowGood.terms), ...Object.keys(model.selection.terms)] as RiskTermId[]);
    // The standing's own rate adjustment belongs to the 2012-2019 curves, not to a routine inspection today.
    const terms = [...ids].map((id): ModelTerm => ({ id, index: RISK_TERM_IDS.indexOf(id), odds: model.belowGood.terms[id] ?? 0, rate: id === 'outstanding' ? 0 : (model.selection.terms[id] ?? 0) }));
    const perMonth = model.rates.good.perMonth;
    let cycleRate = 0;
    for (let m = 0; m < CYCLE_MONTHS; m++) cycleRate += perMonth[Math.min(m, perMonth.length - 1)]!;
    t = { terms, withYears: ids.has('yearsSinceGraded'), cycleRate, routine: { cycleRate, startLogRate: model.selection.intercept } };
    modelTerms.set(model, t);
  }
  lastModel = model;
  lastTerms = t;
  return t;
}

/** The routine factor of a good or better (or new) school under report cards; `null` otherwise. */
function routineFactor(input: TermInput, model: InspectionRiskModel, rules: InspectionRulesId): RoutineFactor | null {
  const band = input.standing.band;
  // After an ungraded inspection that said "graded next" the graded inspection is already decided, as a converted one was.
  const gradedNext = input.standing.gradedNext === true && (input.standing.lastInspectionDate ?? 0) > (input.standing.lastJudgedDate ?? 0);
  if (rules !== 'report-cards-2025' || gradedNext || (band !== 'good-or-better' && band !== 'not-inspected')) return null;
  return termsOf(model).routine;
}

/**
 * The sums `collectTerms` worked out last, the log-odds at SUM_LOG_ODDS and the log rate at SUM_LOG_RATE,
 * and the start `belowGoodProbability` used last at LAST_START: module-level, so scoring a school allocates
 * no pair, and in a typed array, because a module-level number that is not small and whole is a new boxed
 * number at every write (some twenty per school here).
 */
const sums = new Float64Array(3);
/** Every term's value for the school `collectTerms` reads (`riskTermValues`), in a typed array for the same reason. */
const values = new Float64Array(RISK_TERM_IDS.length);
const SUM_LOG_ODDS = 0;
const SUM_LOG_RATE = 1;
const LAST_START = 2;
/** Where `addJudged` lists the terms (`null`: it only sums them). */
let listedTo: BelowGoodTerm[] | null = null;

/**
 * Every indicator with a non-zero part, fitted first, pushed to `out` when given; their log-odds and log
 * rate are summed from `start` and `startRate` into `sums`, in the terms' order.
 */
function collectTerms(input: TermInput, model: InspectionRiskModel, routine: RoutineFactor | null, w: JudgementWeights, start: number, startRate: number, out: BelowGoodTerm[] | null): void {
  let logOdds = start;
  let logRate = startRate;
  const { terms, withYears } = termsOf(model);
  termValues(input, withYears, values);
  for (let k = 0; k < terms.length; k++) {
    const t = terms[k]!;
    const value = values[t.index]!;
    const odds = t.odds * value;
    const rate = routine ? t.rate * value : 0;
    if (odds !== 0 || rate !== 0) {
      logOdds += odds;
      logRate += rate;
      if (out) out.push({ id: t.id, logOdds: odds, logRate: rate, judgement: false });
    }
  }
  sums[SUM_LOG_ODDS] = logOdds;
  sums[SUM_LOG_RATE] = logRate;
  listedTo = out;
  // The judgement weights, in the order their terms are listed, one line each (no loop over their names per school).
  const { record, standing, asOf } = input;
  addJudged('attendance', record.attendancePct === undefined ? 0 : linear(w.attendance, w.attendance.reference - record.attendancePct));
  addJudged('persistentAbsence', record.persistentAbsencePct === undefined ? 0 : linear(w.persistentAbsence, record.persistentAbsencePct - w.persistentAbsence.reference));
  addJudged('newHead', record.headteacherStartDate !== undefined && (input.headMonthsBetween ?? monthsBetween(record.headteacherStartDate, asOf)) < w.newHead.months ? w.newHead.logOdds : 0);
  addJudged('interimHead', record.headteacherInterim === true ? w.interimHead : 0);
  addJudged('concernFlags', Math.min(w.concernFlags.cap, (input.concernFlags ?? concernFlagCount(record)) * w.concernFlags.each));
  addJudged('decliningTrend', record.attainmentTrend === 'declining' ? w.decliningTrend : 0);
  addJudged('ungradedConcerns', standing.ungradedConcerns ? w.ungradedConcerns : 0);
  listedTo = null;
}

/** A judgement weight's term: counted when it is non-zero and finite. */
function addJudged(id: keyof JudgementWeights, odds: number): void {
  if (odds !== 0 && Number.isFinite(odds)) {
    sums[SUM_LOG_ODDS] += odds;
    sums[SUM_LOG_RATE] += 0;
    if (listedTo) listedTo.push({ id, logOdds: odds, logRate: 0, judgement: true });
  }
}

/** A below-good chance whose terms are listed only when read (the reasons): scoring 25,000 schools needs the sums alone. */
class BelowGoodChance implements BelowGood {
  #terms: BelowGoodTerm[] | undefined;
  readonly #model: InspectionRiskModel;
  constructor(
    readonly probability: number,
    readonly startLogOdds: number,
    readonly routine: RoutineFactor | null,
    readonly input: TermInput,
    readonly weights: JudgementWeights,
    model: InspectionRiskModel,
  ) {
    this.#model = model;
  }

  get terms(): readonly BelowGoodTerm[] {
    if (this.#terms === undefined) {
      const terms: BelowGoodTerm[] = [];
      collectTerms(this.input, this.#model, this.routine, this.weights, 0, 0, terms);
      this.#terms = terms;
    }
    return this.#terms;
  }
}

/** The chance that a graded inspection finds the school below good, if it comes, under `rules`. */
export function belowGoodIfInspected(input: TermInput, model: InspectionRiskModel, rules: InspectionRulesId, weights: JudgementWeights = JUDGEMENT_WEIGHTS): BelowGood {
  const probability = belowGoodProbability(input, model, rules, weights);
  return new BelowGoodChance(probability, sums[LAST_START]!, lastRoutine, input, weights, model);
}

/** The routine factor `belowGoodProbability` used last (module-level: scoring a school allocates nothing); its start is in `sums`. */
let lastRoutine: RoutineFactor | null = null;

/** `belowGoodIfInspected`'s probability alone: a register scores every school and lists the terms of few. */
export function belowGoodProbability(input: TermInput, model: InspectionRiskModel, rules: InspectionRulesId, weights: JudgementWeights = JUDGEMENT_WEIGHTS): number {
  const routine = routineFactor(input, model, rules);
  const start = startLogOdds(input, model);
  collectTerms(input, model, routine, weights, start, routine?.startLogRate ?? 0, null);
  sums[LAST_START] = start;
  lastRoutine = routine;
  return sigmoid(sums[SUM_LOG_ODDS]!) * (routine ? routineChance(routine, sums[SUM_LOG_RATE]!) : 1);
}
