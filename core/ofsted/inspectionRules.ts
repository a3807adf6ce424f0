/**
 * The two sets of inspection rules the timing of the next graded inspection is read under. Today's
 * rules (report cards, from 10 November 2025) are the default for any as-of date since then; the
 * 2012-2019 practice is the named set for backtests on the 2018 data. Each set says where it comes from
 * (../shared/DOMAIN.md and REPORT-CARDS-AND-RISE.md quote the sources). Like a dated parameter, the set
 * in force on the as-of date is used unless one is named.
 */
import { dateFromParts, type CalendarDate } from '../dates';

/** The named rule sets. */
export const INSPECTION_RULE_SET_IDS = ['report-cards-2025', 'practice-2012-2019'] as const;
export type InspectionRulesId = (typeof INSPECTION_RULE_SET_IDS)[number];

/** What a rule set says and rests on. */
export interface InspectionRuleSet {
  readonly id: InspectionRulesId;
  readonly label: string;
  /** In force for as-of dates from this day (until the next set's). */
  readonly inForceFrom: CalendarDate;
  /** How the next graded inspection is timed under these rules. */
  readonly timing: string;
  readonly sources: readonly string[];
}

/** The rule sets, oldest first. */
export const INSPECTION_RULE_SETS: Readonly<Record<InspectionRulesId, InspectionRuleSet>> = {
  'practice-2012-2019': {
    id: 'practice-2012-2019',
    label: 'Ofsted practice 2012-2019 (graded and short inspections)',
    inForceFrom: dateFromParts(2012, 9, 1) as CalendarDate,
    timing:
      'Good and outstanding schools: a graded inspection came when a short (ungraded) inspection converted or Ofsted\'s risk assessment chose one, at the monthly rates measured on the 2015-2020 histories (by months since the start of the school year of the last graded inspection), made more likely by weak results as measured. Requires improvement and inadequate: the re-inspection rates measured on the same histories. New schools: in their third school year.',
    sources: [
      'Ofsted graded-inspection histories Sept 2005 - Feb 2020 (test/fixtures/ofsted-2018), even URNs: the rates are data, fitted by scripts/ofsted2018/fit.ts.',
      'DOMAIN.md: good and outstanding schools, ungraded inspection within the four academic years after the last; requires improvement, re-inspection usually within 30 months; outstanding schools exempt from routine inspection 2012-2020.',
    ],
  },
  'report-cards-2025': {
    id: 'report-cards-2025',
    label: 'Report cards (from 10 November 2025)',
    inForceFrom: dateFromParts(2025, 11, 10) as CalendarDate,
    timing:
      'Every routine inspection is a full, graded one. Expected standard or better (and legacy good or outstanding): within the four school years after the latest inspection of any kind, spread evenly over the window; the rule is taken at its word (no report-card timing data yet). Needs attention / requires improvement and urgent improvement / inadequate: no report-card re-inspection interval is published, so the re-inspection rates measured under the 2012-2019 practice are kept. New schools: in their third school year.',
    sources: [
      'Ofsted, School inspection operating guide for inspectors, for use from 10 November 2025 (gov.uk); Ofsted press release, 9 September 2025.',
      'Four-year routine interval: secondary source only ("full inspections every four years from December 1st 2025", northumberlandeducation.co.uk/ofsted; REPORT-CARDS-AND-RISE.md section 2). A parameter.',
      'Legal maximum of 5 school years: SI 2005/2038 as amended (a school year from 1 August).',
    ],
  },
};

/** The rule set in force on a date: report cards from 10 November 2025, the 2012-2019 practice before. */
export function ruleSetInForce(asOf: CalendarDate): InspectionRulesId {
  return asOf >= INSPECTION_RULE_SETS['report-cards-2025'].inForceFrom ? 'report-cards-2025' : 'practice-2012-2019';
}
