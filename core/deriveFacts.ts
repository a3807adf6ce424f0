/**
 * The facts a framework reads: the record plus what is derived from it once per row, the same way for
 * every framework (Ofsted standing, inspection window and risk, time in post, concern count).
 */
import { monthsBetween, type CalendarDate } from './dates';
import { CONCERN_FIELDS, type Facts, type RiskLevel } from './facts';
import { factsFromRecord } from './factShape';
import type { SchoolRecord } from './fields';
import { inspectionRisk, inspectionWindow, ofstedStanding, windowStatus, REPORT_CARD_MAPPING_DEFAULTS, RISK_WEIGHTS, WINDOW_DEFAULTS, type InspectionRisk, type ReportCardMapping, type RiskWeights, type WindowParameters } from './ofsted';

/** The next inspection as the shells show it. */
export interface InspectionOutlook {
  readonly dueFrom?: CalendarDate;
  readonly dueBy?: CalendarDate;
  readonly basis: string;
  readonly risk: RiskLevel;
  readonly riskScore: number;
  readonly riskReasons: readonly string[];
}

/** National parameters: the report-card mapping, the inspection intervals and the risk weights. */
export interface NationalParameters {
  readonly reportCards: ReportCardMapping;
  readonly windows: WindowParameters;
  readonly risk: RiskWeights;
}

/** The published defaults. */
export const NATIONAL_DEFAULTS: NationalParameters = { reportCards: REPORT_CARD_MAPPING_DEFAULTS, windows: WINDOW_DEFAULTS, risk: RISK_WEIGHTS };

/** Derives a school's facts at the as-of date. The record is not changed. */
export function deriveFacts(record: SchoolRecord, asOf: CalendarDate, national: NationalParameters = NATIONAL_DEFAULTS): { facts: Facts; inspection: InspectionOutlook } {
  const standing = ofstedStanding(record, national.reportCards);
  const window = inspectionWindow(standing, record.openDate, national.windows);
  const status = window ? windowStatus(window, asOf) : undefined;
  const risk = inspectionRisk(record, standing, asOf, national.risk);
  // One fixed shape for every school's facts (factShape.ts): reading a spread of ~80 keys is several times slower.
  const facts = factsFromRecord(record) as unknown as Record<string, unknown>;
  facts.isAcademy = record.status === undefined ? undefined : record.status === 'academy';
  facts.ofstedBand = standing.band;
  facts.ofstedSource = standing.source;
  facts.ofstedEquivalentGrade = standing.equivalentGrade;
  facts.inCategoryOfConcern = standing.inCategoryOfConcern;
  facts.previousOfstedBand = standing.previousBand;
  facts.lastInspectionDate = standing.lastInspectionDate;
  facts.monthsSinceInspection = standing.lastInspectionDate === undefined ? undefined : monthsBetween(standing.lastInspectionDate, asOf);
  facts.ungradedConcerns = standing.ungradedConcerns;
  facts.monthsInPost = record.headteacherStartDate === undefined ? undefined : Math.max(0, monthsBetween(record.headteacherStartDate, asOf));
  facts.inspectionDueFrom = window?.dueFrom;
  facts.inspectionDueBy = window?.dueBy;
  facts.monthsUntilInspectionDue = status?.monthsUntilDue;
  facts.inspectionOverdue = status?.overdue;
  facts.inspectionDueThisTerm = status?.dueThisTerm;
  facts.inspectionRisk = risk.level;
  facts.inspectionRiskScore = risk.score;
  let concerns = 0;
  for (const f of CONCERN_FIELDS) if (record[f] === true) concerns++;
  facts.concernCount = concerns;
  return { facts: facts as unknown as Facts, inspection: new Outlook(window?.dueFrom, window?.dueBy, window?.basis ?? 'no inspection or opening date given', risk) };
}

/** The outlook of one school; the risk's reasons are worded only when a shell reads them. */
class Outlook implements InspectionOutlook {
  readonly risk: RiskLevel;
  readonly riskScore: number;
  readonly #risk: InspectionRisk;
  constructor(readonly dueFrom: CalendarDate | undefined, readonly dueBy: CalendarDate | undefined, readonly basis: string, risk: InspectionRisk) {
    this.risk = risk.level;
    this.riskScore = risk.score;
    this.#risk = risk;
  }

  get riskReasons(): readonly string[] {
    return this.#risk.reasons;
  }

  toJSON(): InspectionOutlook {
    return { dueFrom: this.dueFrom, dueBy: this.dueBy, basis: this.basis, risk: this.risk, riskScore: this.riskScore, riskReasons: this.riskReasons };
  }
}
