import { describe, expect, it } from 'vitest';
import { fromIsoDate, type CalendarDate } from '../../../core/dates';
import { CONCERN_FIELDS } from '../../../core/facts';
import type { SchoolRecord } from '../../../core/fields';
import {
  concernFlagCount,
  apportion, checkRiskModel, INSPECTION_RISK_DEFAULTS, INSPECTION_RISK_MODEL, inspectionRisk, ofstedStanding, probabilityOfScore, RISK_TERM_IDS, RISK_TERMS, riskTermValue, riskTermValues, ruleSetInForce,
  RiskModelError, type InspectionRiskParameters,
} from '../../../core/ofsted';

const d = (iso: string) => fromIsoDate(iso) as CalendarDate;
const AS_OF = d('2026-01-15');
const risk = (fields: Omit<SchoolRecord, 'row'>, params: Partial<InspectionRiskParameters> = {}, asOf = AS_OF) => {
  const r: SchoolRecord = { row: 2, ...fields };
  return inspectionRisk(r, ofstedStanding(r), asOf, params);
};
const weak = { ks2Cohort: 40, ks2RwmExpectedPct: 40, ks2ReadingProgress: -4, ks2WritingProgress: -4, ks2MathsProgress: -4 } as const;
const strong = { ks2Cohort: 40, ks2RwmExpectedPct: 85, ks2ReadingProgress: 3, ks2WritingProgress: 3, ks2MathsProgress: 3 } as const;
const pointsOf = (line: string) => Number(line.slice(0, line.indexOf(':')));

describe('inspectionRisk: says what evidence it lacks, rather than calling missing evidence low', () => {
  it.each([
    ['never inspected, no open date', {}, 'next-inspection'],
    ['an inspection judged nothing ("Not judged"), no open date', { inspectionDate: d('2022-03-01'), ofstedGrade: 'not-judged' }, 'next-inspection'],
    ['an inspection dated, its outcome blank', { inspectionDate: d('2022-03-01') }, 'outcome'],
    ['an inspection dated, its outcome blank, an open date given', { inspectionDate: d('2022-03-01'), openDate: d('2015-09-01') }, 'outcome'],
  ] as const)('%s: missing %s', (_, fields, missing) => {
    const r = risk(fields as Omit<SchoolRecord, 'row'>);
    expect(r.missing).toBe(missing);
    expect(JSON.parse(JSON.stringify(r)).missing).toBe(missing);
  });

  it.each([
    ['never inspected, an open date', { openDate: d('2024-09-01') }],
    ['judged good', { ofstedGrade: 'good', inspectionDate: d('2022-03-01') }],
    ['a report card', { reportCardDate: d('2025-12-01'), rcCurriculumTeaching: 'expected' }],
    ['key judgements, no overall grade', { inspectionDate: d('2024-10-01'), kjQualityOfEducation: 'good' }],
  ] as const)('%s: nothing missing', (_, fields) => {
    expect(risk(fields as Omit<SchoolRecord, 'row'>).missing).toBeNull();
  });
});

describe('inspectionRisk: a probability in two parts', () => {
  it('under today\'s rules, a good school whose four-year window closes within the horizon will be inspected (the rule at its word)', () => {
    const r = risk({ ofstedGrade: 'good', inspectionDate: d('2021-11-10'), ...weak });
    expect(r.rules).toBe('report-cards-2025');
    expect(r.inspectedWithinHorizon).toBeCloseTo(1, 6);
    expect(r.probability).toBeCloseTo(r.belowGoodIfInspected, 6);
    expect(r.reasons[1]).toMatch(/^\+50: good, last judged 4 years 2 months ago, due now \(by 31\/07\/2026\) \(a graded inspection within 24 months: 100%\)$/);
  });

  it('a school inspected three months ago is not due within the horizon: only an unscheduled inspection counts, and the level is low', () => {
    const r = risk({ ofstedGrade: 'good', inspectionDate: d('2025-10-10'), ...weak });
    expect(r.inspectedWithinHorizon).toBeLessThan(0.01);
    expect(pointsOf(r.reasons[1]!)).toBeLessThan(-15);
    expect(r.level).toBe('low');
  });

  it('ranks weak results above strong ones, and requires improvement with weak results above both (same timing)', () => {
    const inspected = { inspectionDate: d('2023-09-20') };
    const ri = risk({ ofstedGrade: 'requires-improvement', ...inspected, ...weak });
    const goodWeak = risk({ ofstedGrade: 'good', ...inspected, ...weak });
    const goodStrong = risk({ ofstedGrade: 'good', ...inspected, ...strong });
    const outstandingStrong = risk({ ofstedGrade: 'outstanding', ...inspected, ...strong });
    expect(goodWeak.belowGoodIfInspected).toBeGreaterThan(goodStrong.belowGoodIfInspected);
    expect(goodStrong.belowGoodIfInspected).toBeGreaterThan(outstandingStrong.belowGoodIfInspected);
    expect(ri.probability).toBeGreaterThan(goodWeak.probability);
    expect(goodWeak.score).toBeGreaterThan(goodStrong.score);
  });

  it('states the score as the probability: 100 + 10 log2(p), every ten points doubling it', () => {
    const r = risk({ ofstedGrade: 'requires-improvement', inspectionDate: d('2024-03-01'), ...weak });
    expect(probabilityOfScore(r.score)).toBeCloseTo(r.probability, 1);
    expect([probabilityOfScore(100), probabilityOfScore(90), probabilityOfScore(80)]).toEqual([1, 0.5, 0.25]);
    expect(r.reasons[0]).toMatch(new RegExp(`^Score ${r.score}: \\d+% chance that a graded inspection within 24 months finds the school below good \\(inspection \\d+% × below good if inspected \\d+%\\)$`));
  });

  it('names every point: fitted indicators plainly, the untested ones as judgement weights', () => {
    const r = risk({ ofstedGrade: 'good', inspectionDate: d('2022-01-10'), ungradedInspectionDate: d('2024-05-01'), ungradedOutcome: 'concerns-graded-next', headteacherInterim: true, ...weak });
    const lines = r.reasons.slice(1);
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\+\d+: judged good or better \(below good if inspected: \d+% before the indicators below\)$/),
      expect.stringMatching(/^\+\d+: KS2 progress -4 \(national 0, cohort 40\)$/),
      expect.stringMatching(/^\+\d+: ungraded inspection raised concerns \(graded inspection next\) \(judgement weight, not fitted\)$/),
      expect.stringMatching(/^\+\d+: interim headteacher \(judgement weight, not fitted\)$/),
    ]));
    expect(lines.reduce((s, line) => s + pointsOf(line), 0)).toBe(r.score);
  });

  it('gives levels as probability bands: high from 20%, medium from 5% (parameters)', () => {
    const r = risk({ ofstedGrade: 'requires-improvement', inspectionDate: d('2024-03-01'), ...weak });
    expect(r.level).toBe(r.probability >= 0.2 ? 'high' : r.probability >= 0.05 ? 'medium' : 'low');
    expect(INSPECTION_RISK_DEFAULTS.levels).toEqual({ highFrom: 0.2, mediumFrom: 0.05 });
    expect(risk({ ofstedGrade: 'good', inspectionDate: d('2025-07-10') }, { levels: { highFrom: 0, mediumFrom: 0 } }).level).toBe('high');
  });

  it('reads under the rules in force on the as-of date (report cards from 10 November 2025), or under the ones named', () => {
    expect([ruleSetInForce(d('2018-08-31')), ruleSetInForce(d('2025-11-09')), ruleSetInForce(d('2025-11-10'))]).toEqual(['practice-2012-2019', 'practice-2012-2019', 'report-cards-2025']);
    const school = { ofstedGrade: 'good', inspectionDate: d('2021-11-10'), ...weak } as const;
    const practice = risk(school, { rules: 'practice-2012-2019' });
    expect(practice.rules).toBe('practice-2012-2019');
    // Under the 2012-2019 practice a good school's graded inspection came only when a short one converted or Ofsted chose one.
    expect(practice.inspectedWithinHorizon).toBeLessThan(risk(school).inspectedWithinHorizon);
    // ... so the graded inspection it got was likelier to find it below good than today's routine one.
    expect(practice.belowGoodIfInspected).toBeGreaterThan(risk(school).belowGoodIfInspected);
    const ri = { ofstedGrade: 'requires-improvement', inspectionDate: d('2024-03-01'), ...weak } as const;
    expect(risk(ri, { rules: 'practice-2012-2019' }).belowGoodIfInspected).toBeCloseTo(risk(ri).belowGoodIfInspected, 12);
  });

  it('counts a longer horizon: the 2018 backtest\'s 18 months give a smaller chance than the default 24', () => {
    const school = { ofstedGrade: 'good', inspectionDate: d('2014-11-10'), ...weak } as const;
    const asOf = d('2018-08-31');
    const [h18, h24] = [18, 24].map((horizonMonths) => risk(school, { horizonMonths }, asOf));
    expect(h18!.inspectedWithinHorizon).toBeLessThan(h24!.inspectedWithinHorizon);
    expect([h18!.horizonMonths, h24!.horizonMonths]).toEqual([18, 24]);
  });
});

describe('concernFlagCount', () => {
  it('counts the concern flags set to yes, not those set to no or blank', () => {
    expect(concernFlagCount({ row: 2 } as SchoolRecord)).toBe(0);
    expect(concernFlagCount({ row: 2, attendanceConcern: true, fallingRoll: true, hrConcern: false, sendConcern: true } as SchoolRecord)).toBe(3);
    expect(concernFlagCount(Object.fromEntries([['row', 2], ...CONCERN_FIELDS.map((f) => [f, true])]) as SchoolRecord)).toBe(CONCERN_FIELDS.length);
  });
});

describe('the fitted terms', () => {
  it('are read by riskTermValue and riskTermValues as by RISK_TERMS, every one', () => {
    const records: SchoolRecord[] = [
      { row: 2 },
      { row: 2, ofstedGrade: 'outstanding', inspectionDate: d('2015-03-01'), previousOfstedGrade: 'requires-improvement', phase: 'secondary', status: 'academy', ks4Cohort: 120, ks4Progress8: -0.6 },
      { row: 2, ofstedGrade: 'good', inspectionDate: d('2021-06-01'), phase: 'primary', ks2Cohort: 12, ks2RwmExpectedPct: 41, ks2ReadingProgress: -2.5, ks2MathsProgress: 1.25 },
      { row: 2, ofstedGrade: 'inadequate', inspectionDate: d('2024-01-10'), phase: 'special' },
    ];
    for (const record of records) {
      const input = { record, standing: ofstedStanding(record), asOf: AS_OF };
      for (const id of RISK_TERM_IDS) expect(riskTermValue(id, input), id).toBe(RISK_TERMS[id].value(input));
      const all = new Float64Array(RISK_TERM_IDS.length);
      riskTermValues(input, true, all);
      expect([...all]).toEqual(RISK_TERM_IDS.map((id) => RISK_TERMS[id].value(input)));
      riskTermValues(input, false, all);
      expect([...all]).toEqual(RISK_TERM_IDS.map((id) => (id === 'yearsSinceGraded' ? 0 : RISK_TERMS[id].value(input))));
    }
  });

  it('count small cohorts\' results less: cohort / (cohort + 10)', () => {
    const input = (ks2Cohort: number) => ({ record: { row: 2, ks2Cohort, ks2ReadingProgress: -4, ks2WritingProgress: -4, ks2MathsProgress: -4 }, standing: ofstedStanding({ row: 2 }), asOf: AS_OF });
    expect(RISK_TERMS.ks2Progress.value(input(10))).toBeCloseTo(2, 12);
    expect(RISK_TERMS.ks2Progress.value(input(90))).toBeCloseTo(3.6, 12);
  });

  it('hold every "worse is higher" coefficient at or above zero, in both models', () => {
    for (const terms of [INSPECTION_RISK_MODEL.belowGood.terms, INSPECTION_RISK_MODEL.selection.terms]) {
      for (const [id, coefficient] of Object.entries(terms)) if (RISK_TERMS[id as keyof typeof RISK_TERMS].worse === 'higher' && id !== 'outstanding') expect(coefficient, id).toBeGreaterThanOrEqual(0);
    }
    expect(INSPECTION_RISK_MODEL.belowGood.terms.outstanding ?? 0).toBeGreaterThanOrEqual(0);
    expect(INSPECTION_RISK_MODEL.belowGood.standing.inadequate).toBeGreaterThanOrEqual(INSPECTION_RISK_MODEL.belowGood.standing['requires-improvement']);
    expect(INSPECTION_RISK_MODEL.belowGood.standing['requires-improvement']).toBeGreaterThanOrEqual(0);
  });
});

describe('the model file', () => {
  it('is checked when it loads: a malformed model is a named error, not a wrong number', () => {
    expect(checkRiskModel(JSON.parse(JSON.stringify(INSPECTION_RISK_MODEL)))).toEqual(INSPECTION_RISK_MODEL);
    expect(() => checkRiskModel({ ...INSPECTION_RISK_MODEL, intervals: { inadequate: INSPECTION_RISK_MODEL.intervals.inadequate } })).toThrow(RiskModelError);
    expect(() => checkRiskModel({ ...INSPECTION_RISK_MODEL, belowGood: { ...INSPECTION_RISK_MODEL.belowGood, terms: { attendance: 0.2 } } })).toThrow(/belowGood/);
  });
});

describe('apportion: whole points that add up to the rounded total', () => {
  it.each([
    { parts: [0.4, 0.4, 0.4], expected: [1, 0, 0] },
    { parts: [30.6, 20.7, -5.2], expected: [30, 21, -5] },
    { parts: [-3.5, -3.5], expected: [-3, -4] },
    { parts: [12, 7], expected: [12, 7] },
  ])('$parts → $expected', ({ parts, expected }) => {
    expect(apportion(parts)).toEqual(expected);
    expect(apportion(parts).reduce((s, x) => s + x, 0)).toBe(Math.round(parts.reduce((s, x) => s + x, 0)));
  });
});
