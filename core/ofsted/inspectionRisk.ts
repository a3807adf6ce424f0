/**
 * The inspection risk: the probability that a graded inspection within the horizon (24 months by
 * default) finds the school below good, in two explained parts,
 *
 *   probability = chance of a graded inspection within the horizon (inspectionChance.ts)
 *               × chance it finds the school below good if it comes (belowGood.ts).
 *
 * The 0-100 score ranks schools as the probability does: score = 100 + 10 × log2(probability), so every
 * ten points double the chance (100 is certain, 90 is 50%, 80 is 25%, 70 is 12.5%, 60 is 6%, 50 is 3%),
 * and it splits exactly into points: the first part gives 50 + 10 log2 of its chance, the second the same
 * for its chance, shared among the start and the indicators. The levels are probability bands.
 * The fit, the backtest and the figures are in docs/ofsted.md.
 */
import { mergerOver } from '../mergedDefaults';
import type { CalendarDate } from '../dates';
import type { RiskLevel } from '../facts';
import { KEY_JUDGEMENT_FIELDS, type SchoolRecord } from '../fields';
import { belowGoodIfInspected, belowGoodProbability, describeStart, describeTerm, JUDGEMENT_WEIGHTS, routineChance, sigmoid, startChance, type BelowGood, type JudgementWeights } from './belowGood';
import { chanceOfGradedInspection, describeChance, gradedInspectionProbability, RegisterChance, type ChanceBasis, type GradedInspectionChance } from './inspectionChance';
import { ruleSetInForce, type InspectionRulesId } from './inspectionRules';
import { inspectionWindow, type InspectionWindow, type WindowParameters } from './inspectionWindow';
import type { TermInput } from './riskTerms';
import { INSPECTION_RISK_MODEL, type InspectionRiskModel } from './riskModel';
import type { OfstedStanding } from './standing';

/** The risk's parameters. */
export interface InspectionRiskParameters {
  /** Months from the as-of date within which the graded inspection is counted. */
  readonly horizonMonths: number;
  /** The inspection rules, or 'in-force': the set in force on the as-of date (report cards from 10 November 2025). */
  readonly rules: InspectionRulesId | 'in-force';
  /** Probability bands: high from `highFrom`, medium from `mediumFrom`. */
  readonly levels: { readonly highFrom: number; readonly mediumFrom: number };
  /** Weights of the indicators the data cannot test. */
  readonly judgement: JudgementWeights;
  /** The fitted model. */
  readonly model: InspectionRiskModel;
}

/** The defaults: a 24-month horizon, the rules in force, high from a one-in-five chance and medium from one in twenty. */
export const INSPECTION_RISK_DEFAULTS: InspectionRiskParameters = {
  horizonMonths: 24,
  rules: 'in-force',
  levels: { highFrom: 0.2, mediumFrom: 0.05 },
  judgement: JUDGEMENT_WEIGHTS,
  model: INSPECTION_RISK_MODEL,
};

/** The risk, its two parts, its score and what made it. */
export interface InspectionRisk {
  readonly level: RiskLevel;
  /** Integer 0-100, 100 + 10 log2(probability): ranks as the probability does. */
  readonly score: number;
  /** Probability (0-1) that a graded inspection within the horizon finds the school below good. */
  readonly probability: number;
  /** First part: probability of a graded inspection within the horizon. */
  readonly inspectedWithinHorizon: number;
  /** Second part: probability that it finds the school below good, if it comes. */
  readonly belowGoodIfInspected: number;
  readonly horizonMonths: number;
  readonly rules: InspectionRulesId;
  /** "Score 78: ..." then every part with its points ("+32: good, last judged 4 years ago, due now ..."), summing to the score. */
  readonly reasons: readonly string[];
  /**
   * The evidence the risk lacks, or `null`: the level and score are then only what the rest of the record
   * gives (nothing dated: the unscheduled rate alone), not a finding of low risk.
   */
  readonly missing: RiskEvidenceMissing | null;
}

/**
 * Evidence the risk cannot do without. `outcome`: an inspection is dated but its outcome is blank (no grade,
 * key judgement or report card judged the school then), as the register reads a blank grade beside a date.
 * `next-inspection`: the school has no judgement and nothing dates its next inspection (no open date), so
 * only an unscheduled inspection is counted.
 */
export type RiskEvidenceMissing = 'outcome' | 'next-inspection';

/** What the chance's basis says the risk lacks (`null`: nothing). */
export function riskEvidenceMissing(basis: ChanceBasis): RiskEvidenceMissing | null {
  const { record, standing } = basis.input;
  if (standing.band === 'not-inspected' && record.inspectionDate !== undefined && record.ofstedGrade === undefined && KEY_JUDGEMENT_FIELDS.every((f) => record[f] === undefined)) return 'outcome';
  return basis.kind === 'none' ? 'next-inspection' : null;
}

/** Points a chance is worth in one part of the score: 50 at certainty, ten fewer each time it halves. */
export const partPoints = (chance: number): number => 50 + 10 * Math.log2(chance);
/** The probability a score stands for (the inverse of 100 + 10 log2 p). */
export const probabilityOfScore = (score: number): number => 2 ** ((score - 100) / 10);

/** The level of a probability. */
export function riskLevel(probability: number, levels: InspectionRiskParameters['levels']): RiskLevel {
  return probability >= levels.highFrom ? 'high' : probability >= levels.mediumFrom ? 'medium' : 'low';
}

/** Parameters merged with the defaults, once per parameters object. */
const riskParameters = mergerOver<InspectionRiskParameters>(INSPECTION_RISK_DEFAULTS);

/** The window's parameters under these risk parameters and rules, one object per pair (so the window's own caches hold). */
const windowParams = new WeakMap<InspectionRiskParameters, Partial<Record<InspectionRulesId, Partial<WindowParameters>>>>();

function windowParametersOf(p: InspectionRiskParameters, rules: InspectionRulesId): Partial<WindowParameters> {
  let byRules = windowParams.get(p);
  if (byRules === undefined) windowParams.set(p, (byRules = {}));
  return (byRules[rules] ??= { rules, intervals: p.model.intervals });
}

/**
 * Scores one school at the as-of date. Parameters not given take `INSPECTION_RISK_DEFAULTS`; `window`
 * is the school's inspection window under the same rules when the caller has it already.
 */
export function inspectionRisk(record: SchoolRecord, standing: OfstedStanding, asOf: CalendarDate, params: Partial<InspectionRiskParameters> = {}, window?: InspectionWindow | null): InspectionRisk {
  const p = riskParameters(params);
  const rules = p.rules === 'in-force' ? ruleSetInForce(asOf) : p.rules;
  const w = window === undefined ? inspectionWindow(standing, record.openDate, windowParametersOf(p, rules)) : window;
  const f = scoreInspectionRisk(record, standing, asOf, p, rules, w, figures);
  return new ScoredRisk(f.level, f.score, f.probability, f.inspectedWithinHorizon, f.belowGoodIfInspected, rules, p, record, standing, asOf, w);
}

/** A risk's figures, as `scoreInspectionRisk` writes them. */
export interface RiskFigures {
  level: RiskLevel;
  score: number;
  probability: number;
  inspectedWithinHorizon: number;
  belowGoodIfInspected: number;
}

const figures: RiskFigures = { level: 'low', score: 0, probability: 0, inspectedWithinHorizon: 0, belowGoodIfInspected: 0 };

/**
 * `inspectionRisk`'s figures written into `into` (and returned), no object made: for a caller that scores
 * every school and words the reasons of few. `p` is whole (no default taken), `rules` chosen, `window` the
 * school's under them.
 */
export function scoreInspectionRisk(record: SchoolRecord, standing: OfstedStanding, asOf: CalendarDate, p: InspectionRiskParameters, rules: InspectionRulesId, window: InspectionWindow | null, into: RiskFigures): RiskFigures {
  // The two parts as numbers, read through one reused input: what they rest on is worked out again, from the same school, only when the reasons or the missing evidence are read.
  scoring.record = record;
  scoring.standing = standing;
  scoring.asOf = asOf;
  scoring.headMonthsBetween = undefined;
  scoring.concernFlags = undefined;
  return figuresOf(gradedInspectionProbability(scoring, window, rules, p.horizonMonths, p.model), belowGoodProbability(scoring, p.model, rules, p.judgement), p, into);
}

/**
 * `scoreInspectionRisk` for every school of one register (one as-of date, parameters and rules): what
 * the first part's chance shares from school to school is worked out once (`RegisterChance`). Made per
 * register, never kept after it.
 */
export class RegisterRiskScorer {
  readonly #p: InspectionRiskParameters;
  readonly #rules: InspectionRulesId;
  readonly #asOf: CalendarDate;
  readonly #chance: RegisterChance;
  constructor(p: InspectionRiskParameters, rules: InspectionRulesId, asOf: CalendarDate) {
    this.#p = p;
    this.#rules = rules;
    this.#asOf = asOf;
    this.#chance = new RegisterChance(asOf, rules, p.horizonMonths, p.model);
  }

  /**
   * `scoreInspectionRisk(record, standing, asOf, p, rules, window, into)` for the register's as-of date, parameters and rules;
   * `headMonthsBetween` and `concernFlags` as `TermInput`'s, worked out already by the caller.
   */
  score(record: SchoolRecord, standing: OfstedStanding, window: InspectionWindow | null, headMonthsBetween: number | undefined, concernFlags: number, into: RiskFigures): RiskFigures {
    const p = this.#p;
    scoring.record = record;
    scoring.standing = standing;
    scoring.asOf = this.#asOf;
    scoring.headMonthsBetween = headMonthsBetween;
    scoring.concernFlags = concernFlags;
    return figuresOf(this.#chance.probability(scoring, window), belowGoodProbability(scoring, p.model, this.#rules, p.judgement), p, into);
  }
}

/** The figures of the two parts, written into `into`. */
function figuresOf(inspected: number, below: number, p: InspectionRiskParameters, into: RiskFigures): RiskFigures {
  const probability = inspected * below;
  const unclamped = partPoints(inspected) + partPoints(below);
  into.level = riskLevel(probability, p.levels);
  into.score = Math.max(0, Math.min(100, Math.round(unclamped)));
  into.probability = probability;
  into.inspectedWithinHorizon = inspected;
  into.belowGoodIfInspected = below;
  return into;
}

/** The input the scoring reads, one for every school (the terms keep no input they are given). */
const scoring: { record: SchoolRecord; standing: OfstedStanding; asOf: CalendarDate; headMonthsBetween: number | undefined; concernFlags: number | undefined } = {
  record: { row: 0 } as SchoolRecord, standing: null as unknown as OfstedStanding, asOf: 0 as CalendarDate, headMonthsBetween: undefined, concernFlags: undefined,
};

/** The reasons are worded only when read: a register of 25,000 schools shows the score, rarely the reasons. */
class ScoredRisk implements InspectionRisk {
  #reasons: string[] | undefined;
  readonly horizonMonths: number;
  readonly #params: InspectionRiskParameters;
  readonly #record: SchoolRecord;
  readonly #standing: OfstedStanding;
  readonly #asOf: CalendarDate;
  readonly #window: InspectionWindow | null;
  constructor(
    readonly level: RiskLevel,
    readonly score: number,
    readonly probability: number,
    readonly inspectedWithinHorizon: number,
    readonly belowGoodIfInspected: number,
    readonly rules: InspectionRulesId,
    params: InspectionRiskParameters,
    record: SchoolRecord,
    standing: OfstedStanding,
    asOf: CalendarDate,
    window: InspectionWindow | null,
  ) {
    this.horizonMonths = params.horizonMonths;
    this.#params = params;
    this.#record = record;
    this.#standing = standing;
    this.#asOf = asOf;
    this.#window = window;
  }

  get reasons(): readonly string[] {
    return (this.#reasons ??= worded(this.score, this.probability, this.horizonMonths, this.#chance(), this.#below()));
  }

  /** Worked out only when read: the register reads its blanks itself (missingEvidence.ts). */
  get missing(): RiskEvidenceMissing | null {
    return riskEvidenceMissing(this.#chance().basis);
  }

  #input(): TermInput {
    return { record: this.#record, standing: this.#standing, asOf: this.#asOf };
  }

  #chance(): GradedInspectionChance {
    return chanceOfGradedInspection(this.#input(), this.#window, this.rules, this.horizonMonths, this.#params.model);
  }

  #below(): BelowGood {
    return belowGoodIfInspected(this.#input(), this.#params.model, this.rules, this.#params.judgement);
  }

  toJSON(): InspectionRisk {
    const { level, score, probability, inspectedWithinHorizon, belowGoodIfInspected, horizonMonths, rules, reasons, missing } = this;
    return { level, score, probability, inspectedWithinHorizon, belowGoodIfInspected, horizonMonths, rules, reasons, missing };
  }
}

const percent = (x: number) => (x >= 0.1 ? `${Math.round(x * 100)}%` : `${(x * 100).toFixed(1)}%`);
const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '-' : '+'}${Math.abs(n)}`;

/**
 * Whole points that add up to the rounded total: each part is rounded down and the points left over go to
 * the parts that lost most (largest remainder), so the reasons sum to the score exactly.
 */
export function apportion(parts: readonly number[]): number[] {
  const total = Math.round(parts.reduce((s, x) => s + x, 0));
  const floors = parts.map(Math.floor);
  let left = total - floors.reduce((s, x) => s + x, 0);
  const order = parts.map((x, i) => i).sort((a, b) => parts[b]! - floors[b]! - (parts[a]! - floors[a]!) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    floors[i]!++;
    left--;
  }
  return floors;
}

/** The average slope of `f` between a and b (its derivative there when they meet): points per unit of the sum. */
function slope(f: (x: number) => number, derivative: (x: number) => number, a: number, b: number): number {
  return Math.abs(b - a) > 1e-9 ? (f(b) - f(a)) / (b - a) : derivative(a);
}

/**
 * The reasons: a summary, then the points. The second part's points are shared among the indicators in
 * proportion to what each adds to the log-odds (and, under report cards, to the log rate of the routine
 * factor), at the average slope between the start and the school (the chance flattens near 100%, so a
 * term is worth fewer points there): the shares add up exactly.
 */
function worded(score: number, probability: number, horizonMonths: number, chance: GradedInspectionChance, below: BelowGood): string[] {
  const z0 = below.startLogOdds;
  const z = below.terms.reduce((sum, t) => sum + t.logOdds, z0);
  const logistic = slope((x) => 10 * Math.log2(sigmoid(x)), (x) => (10 / Math.LN2) * (1 - sigmoid(x)), z0, z);
  const routine = below.routine;
  let perLogRate = 0;
  if (routine) {
    const s0 = routine.startLogRate;
    const rate = (x: number) => routine.cycleRate * Math.exp(x);
    perLogRate = slope((x) => 10 * Math.log2(routineChance(routine, x)), (x) => ((10 / Math.LN2) * rate(x) * Math.exp(-rate(x))) / (1 - Math.exp(-rate(x))), s0, below.terms.reduce((sum, t) => sum + t.logRate, s0));
  }
  const start = startChance(below);
  const parts = [
    { points: partPoints(chance.probability), text: `${describeChance(chance.basis)} (a graded inspection within ${horizonMonths} months: ${percent(chance.probability)})` },
    { points: partPoints(start), text: `${describeStart(below)} (below good if inspected: ${percent(start)} before the indicators below)` },
    ...below.terms.map((t) => ({ points: t.logOdds * logistic + t.logRate * perLogRate, text: `${describeTerm(below, t)}${t.judgement ? ' (judgement weight, not fitted)' : ''}` })),
  ];
  const points = apportion(parts.map((x) => x.points));
  const lines = parts.flatMap((x, i) => (i >= 2 && points[i] === 0 ? [] : [`${signed(points[i]!)}: ${x.text}`]));
  const sum = points.reduce((s, x) => s + x, 0);
  if (score !== sum) lines.push(`${signed(score - sum)}: the score stops at ${score}`);
  return [
    `Score ${score}: ${percent(probability)} chance that a graded inspection within ${horizonMonths} months finds the school below good (inspection ${percent(chance.probability)} × below good if inspected ${percent(below.probability)})`,
    ...lines,
  ];
}
