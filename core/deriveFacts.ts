/**
 * The facts a framework reads: the record plus what is derived from it once per row, the same way for
 * every framework (Ofsted standing, inspection window and risk, time in post, concern count).
 */
import { monthsBetween, type CalendarDate } from './dates';
import { CONCERN_FIELDS, type Facts, type RiskLevel } from './facts';
import { emptyFacts } from './factShape';
import type { SchoolRecord } from './fields';
import { inspectionRisk, inspectionWindow, ofstedStanding, windowStatus, REPORT_CARD_MAPPING_DEFAULTS, RISK_WEIGHTS, WINDOW_DEFAULTS, type ReportCardMapping, type RiskWeights, type WindowParameters } from './ofsted';

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

/** Derives a school's facts at the as-of date. */
export function deriveFacts(record: SchoolRecord, asOf: CalendarDate, national: NationalParameters = NATIONAL_DEFAULTS): { facts: Facts; inspection: InspectionOutlook } {
  const standing = ofstedStanding(record, national.reportCards);
  const window = inspectionWindow(standing, record.openDate, national.windows);
  const status = window ? windowStatus(window, asOf) : undefined;
  const risk = inspectionRisk(record, standing, asOf, national.risk);
  // One fixed shape for every school's facts (factShape.ts): reading a spread of ~80 keys is several times slower.
  const facts = emptyFacts() as unknown as Record<string, unknown>;
  for (const key in record) facts[key] = record[key as keyof SchoolRecord];
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
  return { facts: facts as unknown as Facts, inspection: { dueFrom: window?.dueFrom, dueBy: window?.dueBy, basis: window?.basis ?? 'no inspection or opening date given', risk: risk.level, riskScore: risk.score, riskReasons: risk.reasons } };
}
