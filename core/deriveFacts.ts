/**
 * The facts a framework reads: the record plus what is derived from it once per row, the same way for
 * every framework (Ofsted standing, inspection window and risk, time in post, concern count).
 */
import { MonthsFrom, termOf, type CalendarDate, type Term } from './dates';
import type { Facts, RiskLevel } from './facts';
import { factsFromRecord } from './factShape';
import * as rise from './ofsted/rise';
import type { SchoolRecord } from './fields';
import * as ofsted from './ofsted';
import {
  INSPECTION_RISK_DEFAULTS, RegisterRiskScorer, REPORT_CARD_MAPPING_DEFAULTS, WINDOW_DEFAULTS, WindowReckoner,
  type InspectionRisk, type InspectionRiskParameters, type InspectionRulesId, type InspectionWindow, type OfstedStanding, type ReportCardMapping, type RiskFigures, type WindowParameters,
} from './ofsted';

// Bound once: under CommonJS interop (tsx, vitest) an imported binding is a getter (through the ofsted
// index, two), read at every call otherwise, and these run for every school.
const { concernFlagCount, dueInTerm, inspectionRisk, inspectionWindow, ofstedStanding, ruleSetInForce } = ofsted;
const { stuckReason } = rise;

/** The next inspection as the shells show it. */
export interface InspectionOutlook {
  readonly dueFrom?: CalendarDate;
  readonly dueBy?: CalendarDate;
  /** Share of real next inspections a window like this held (measured windows); `null` for a rule's window. */
  readonly windowCoverage: number | null;
  /** The latest date the law allows for the next graded inspection, shown apart from the window. */
  readonly statutoryLatest?: CalendarDate;
  readonly basis: string;
  /** The inspection rules the window and the risk were read under. */
  readonly rules: InspectionRulesId;
  readonly risk: RiskLevel;
  /** 0-100 ranking figure: 100 + 10 log2(probability). */
  readonly riskScore: number;
  /** Probability that a graded inspection within the horizon finds the school below good. */
  readonly probability: number;
  /** Its first part: probability of a graded inspection within the horizon. */
  readonly inspectedWithinHorizon: number;
  /** Its second part: probability the inspection finds the school below good, if it comes. */
  readonly belowGoodIfInspected: number;
  readonly horizonMonths: number;
  readonly riskReasons: readonly string[];
  /** Why the school is "stuck" as the DfE defines it for RISE (core/ofsted/rise.ts); `null` when it is not. */
  readonly riseStuck: string | null;
}

/** National parameters: the report-card mapping, the inspection windows and the risk. */
export interface NationalParameters {
  readonly reportCards: ReportCardMapping;
  /** `rules` here is overridden by `risk.rules` (one choice of rules for the window and the risk). */
  readonly windows: WindowParameters;
  readonly risk: InspectionRiskParameters;
}

/** The published defaults. */
export const NATIONAL_DEFAULTS: NationalParameters = { reportCards: REPORT_CARD_MAPPING_DEFAULTS, windows: WINDOW_DEFAULTS, risk: INSPECTION_RISK_DEFAULTS };

/** What an analyst may choose about the inspection outlook (the command line's options). */
export interface InspectionOptions {
  /** Months within which the graded inspection is counted (default 24). */
  readonly horizonMonths?: number;
  /** Share of real next inspections a measured window holds (default 0.8). */
  readonly windowCoverage?: number;
  /** The inspection rules (default: those in force on the as-of date). */
  readonly rules?: InspectionRulesId;
}

/** The national parameters (`base`: the defaults, or those an analyst set as parameters) with the inspection options applied. */
export function nationalParameters(options: InspectionOptions = {}, base: NationalParameters = NATIONAL_DEFAULTS): NationalParameters {
  if (options.horizonMonths === undefined && options.windowCoverage === undefined && options.rules === undefined) return base;
  return {
    reportCards: base.reportCards,
    windows: { ...base.windows, ...(options.windowCoverage !== undefined ? { coverage: options.windowCoverage } : {}) },
    risk: { ...base.risk, ...(options.horizonMonths !== undefined ? { horizonMonths: options.horizonMonths } : {}), ...(options.rules !== undefined ? { rules: options.rules } : {}) },
  };
}

/** A set of inspection rules, and the report-card mapping, the window's and the risk's parameters under it. */
interface Ruled {
  readonly rules: InspectionRulesId;
  readonly reportCards: ReportCardMapping;
  readonly windows: WindowParameters;
  readonly risk: InspectionRiskParameters;
}

/** The window's and the risk's parameters under one set of rules, made once per national parameters and rules (not once per school). */
const ruledParams = new WeakMap<NationalParameters, Partial<Record<InspectionRulesId, Ruled>>>();

/** The rules in force at `asOf` (or those the analyst chose), with the parameters under them. */
function ruledAt(national: NationalParameters, asOf: CalendarDate): Ruled {
  const rules = national.risk.rules === 'in-force' ? ruleSetInForce(asOf) : national.risk.rules;
  let byRules = ruledParams.get(national);
  if (byRules === undefined) ruledParams.set(national, (byRules = {}));
  // The risk's parameters whole, as `inspectionRisk` merges them over its defaults: `scoreInspectionRisk` takes no default.
  return (byRules[rules] ??= { rules, reportCards: national.reportCards, windows: { ...national.windows, rules, intervals: national.risk.model.intervals }, risk: { ...INSPECTION_RISK_DEFAULTS, ...national.risk, rules } });
}

/** Derives a school's facts at the as-of date. The record is not changed. */
export function deriveFacts(record: SchoolRecord, asOf: CalendarDate, national: NationalParameters = NATIONAL_DEFAULTS): { facts: Facts; inspection: InspectionOutlook } {
  // One fixed shape for every school's facts (factShape.ts): reading a spread of ~80 keys is several times slower.
  const facts = factsFromRecord(record);
  return { facts, inspection: derive(record, facts as unknown as Record<string, unknown>, new Deriving(asOf, ruledAt(national, asOf))) };
}

/**
 * Derives the facts of one register's schools into their records, which were made as blank facts (the
 * register's reader with `asFacts`): the record is then its facts, one object per school, and only the
 * derived facts are written; it gives the outlook alone. What every school shares, the rules in force at
 * `asOf` and their parameters, is worked out once. A class rather than a closure made per register, so `derive` is one function for every register and
 * V8's optimised code for it is kept from call to call.
 */
export class InPlaceDeriver {
  readonly #deriving: Deriving;
  constructor(asOf: CalendarDate, national: NationalParameters = NATIONAL_DEFAULTS) {
    this.#deriving = new Deriving(asOf, ruledAt(national, asOf));
  }

  /** Derives the facts of `record`, made as blank facts, in place; gives its inspection outlook. */
  derive(record: SchoolRecord): InspectionOutlook {
    return derive(record, record as unknown as Record<string, unknown>, this.#deriving);
  }
}

/** What every school derived at one as-of date under one set of rules shares, worked out once (and let go with the register). */
class Deriving {
  readonly windows: WindowReckoner;
  readonly risk: RegisterRiskScorer;
  readonly months: MonthsFrom;
  /** The term of the as-of date. */
  readonly term: Term;
  constructor(readonly asOf: CalendarDate, readonly ruled: Ruled) {
    this.windows = new WindowReckoner(ruled.windows);
    this.risk = new RegisterRiskScorer(ruled.risk, ruled.rules, asOf);
    this.months = new MonthsFrom(asOf);
    this.term = termOf(asOf);
  }
}

/** A school's standing, inspection window and risk under the rules in force at `asOf` (or those chosen) and the analyst's national parameters. */
export function assessInspection(record: SchoolRecord, asOf: CalendarDate, national: NationalParameters): { standing: ReturnType<typeof ofstedStanding>; window: InspectionWindow | null; risk: InspectionRisk } {
  const standing = ofstedStanding(record, national.reportCards);
  const ruled = ruledAt(national, asOf);
  const window = inspectionWindow(standing, record.openDate, ruled.windows);
  return { standing, window, risk: inspectionRisk(record, standing, asOf, ruled.risk, window) };
}

/**
 * A school's inspection risk exactly as its derived facts score it (the analyst's window coverage, horizon
 * and rules included): the worst case for missing evidence scores its extremes with it.
 */
export function schoolInspectionRisk(record: SchoolRecord, asOf: CalendarDate, national: NationalParameters = NATIONAL_DEFAULTS): InspectionRisk {
  return assessInspection(record, asOf, national).risk;
}

/** Where `derive` has a school's risk figures written (read at once, so one for every school). */
const figures: RiskFigures = { level: 'low', score: 0, probability: 0, inspectedWithinHorizon: 0, belowGoodIfInspected: 0 };

/** Writes the derived facts of `record` into `facts` (a copy of it, or itself), and gives its inspection outlook. */
function derive(record: SchoolRecord, facts: Record<string, unknown>, at: Deriving): InspectionOutlook {
  const { asOf, ruled, months } = at;
  // As `assessInspection`, but the risk as figures alone: its reasons are worded, from the same school, when a shell reads them.
  const standing = ofstedStanding(record, ruled.reportCards);
  const window = at.windows.of(standing, record.openDate);
  // Months since the head started, by anniversaries; whole months (`monthsBetween`, the risk's) are their whole part.
  const head = record.headteacherStartDate;
  const headMonths = head === undefined ? undefined : months.elapsedSince(head);
  const concernCount = concernFlagCount(record);
  const risk = at.risk.score(record, standing, window, headMonths === undefined ? undefined : Math.trunc(headMonths), concernCount, figures);
  facts.isAcademy = record.status === undefined ? undefined : record.status === 'academy';
  facts.ofstedBand = standing.band;
  facts.ofstedSource = standing.source;
  facts.ofstedEquivalentGrade = standing.equivalentGrade;
  facts.inCategoryOfConcern = standing.inCategoryOfConcern;
  facts.previousOfstedBand = standing.previousBand;
  facts.lastInspectionDate = standing.lastInspectionDate;
  facts.monthsSinceInspection = standing.lastInspectionDate === undefined ? undefined : months.elapsedSince(standing.lastInspectionDate);
  facts.ungradedConcerns = standing.ungradedConcerns;
  facts.monthsInPost = headMonths === undefined ? undefined : Math.max(0, headMonths);
  facts.inspectionDueFrom = window?.dueFrom;
  facts.inspectionDueBy = window?.dueBy;
  // The window's status (`windowStatus`) a part at a time, no status made per school; its months counted from the as-of date's calendar.
  facts.monthsUntilInspectionDue = window ? months.elapsedUntil(window.dueBy) : undefined;
  facts.inspectionOverdue = window ? window.dueBy < asOf : undefined;
  facts.inspectionDueThisTerm = window ? dueInTerm(window, at.term) : undefined;
  facts.inspectionRisk = risk.level;
  facts.inspectionRiskScore = risk.score;
  facts.concernCount = concernCount;
  const stuck = stuckReason(record, standing);
  facts.riseStuck = stuck !== null;
  return new Outlook(window, risk, at, stuck, record, standing);
}

/**
 * The outlook of one school; the risk's reasons are worded only when a shell reads them, and what the
 * window and the register's rules say is read from them when asked (one is made per school: a smaller one).
 */
class Outlook implements InspectionOutlook {
  readonly risk: RiskLevel;
  readonly riskScore: number;
  /** Kept, not scored again: the command line's and the pane's risk cell shows it for every school. */
  readonly probability: number;
  readonly riseStuck: string | null;
  // What the risk is scored again from when its reasons (or its two parts' probabilities, each a number to box) are read.
  readonly #window: InspectionWindow | null;
  readonly #at: Deriving;
  readonly #record: SchoolRecord;
  readonly #standing: OfstedStanding;
  #scored: InspectionRisk | undefined;
  constructor(window: InspectionWindow | null, risk: RiskFigures, at: Deriving, riseStuck: string | null, record: SchoolRecord, standing: OfstedStanding) {
    this.risk = risk.level;
    this.riskScore = risk.score;
    this.probability = risk.probability;
    this.riseStuck = riseStuck;
    this.#window = window;
    this.#at = at;
    this.#record = record;
    this.#standing = standing;
  }

  get dueFrom(): CalendarDate | undefined {
    return this.#window?.dueFrom;
  }

  get dueBy(): CalendarDate | undefined {
    return this.#window?.dueBy;
  }

  get windowCoverage(): number | null {
    return this.#window?.coverage ?? null;
  }

  get statutoryLatest(): CalendarDate | undefined {
    return this.#window?.statutoryLatest;
  }

  get basis(): string {
    return this.#window?.basis ?? 'no inspection or opening date given';
  }

  get rules(): InspectionRulesId {
    return this.#at.ruled.rules;
  }

  get horizonMonths(): number {
    return this.#at.ruled.risk.horizonMonths;
  }

  get inspectedWithinHorizon(): number {
    return this.#risk().inspectedWithinHorizon;
  }

  get belowGoodIfInspected(): number {
    return this.#risk().belowGoodIfInspected;
  }

  get riskReasons(): readonly string[] {
    return this.#risk().reasons;
  }

  /** The risk scored again, as `derive` scored it (the same school, parameters and window). */
  #risk(): InspectionRisk {
    return (this.#scored ??= inspectionRisk(this.#record, this.#standing, this.#at.asOf, this.#at.ruled.risk, this.#window));
  }

  toJSON(): InspectionOutlook {
    const { dueFrom, dueBy, windowCoverage, statutoryLatest, basis, rules, risk, riskScore, probability, inspectedWithinHorizon, belowGoodIfInspected, horizonMonths, riskReasons, riseStuck } = this;
    return { dueFrom, dueBy, windowCoverage, statutoryLatest, basis, rules, risk, riskScore, probability, inspectedWithinHorizon, belowGoodIfInspected, horizonMonths, riskReasons, riseStuck };
  }
}
