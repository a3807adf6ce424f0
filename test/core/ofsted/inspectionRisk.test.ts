import { describe, expect, it } from 'vitest';
import { fromIsoDate, type CalendarDate } from '../../../core/dates';
import type { SchoolRecord } from '../../../core/fields';
import { inspectionRisk, INSPECTION_RISK_DEFAULTS } from '../../../core/ofsted/inspectionRisk';
import { ofstedStanding } from '../../../core/ofsted/standing';

const d = (iso: string) => fromIsoDate(iso) as CalendarDate;
const AS_OF = d('2026-01-15');
const risk = (fields: Omit<SchoolRecord, 'row'>, params = {}) => {
  const r: SchoolRecord = { row: 2, ...fields };
  return inspectionRisk(r, ofstedStanding(r), AS_OF, params);
};

describe('inspectionRisk', () => {
  it.each([
    // Recently outstanding with strong results: the least likely to be found below good.
    { why: 'outstanding last year, strong KS2', fields: { ofstedGrade: 'outstanding', inspectionDate: d('2025-02-01'), ks2RwmExpectedPct: 80, ks2ReadingProgress: 3, ks2WritingProgress: 3, ks2MathsProgress: 3 }, level: 'low' },
    { why: 'good two years ago, average results', fields: { ofstedGrade: 'good', inspectionDate: d('2024-01-10'), ks2RwmExpectedPct: 62, ks2ReadingProgress: 0, ks2WritingProgress: 0, ks2MathsProgress: 0 }, level: 'low' },
    // RI after RI with weak progress: "stuck" and weak, the riskiest.
    { why: 'RI twice, KS2 progress -3', fields: { ofstedGrade: 'requires-improvement', previousOfstedGrade: 'requires-improvement', inspectionDate: d('2024-03-01'), ks2RwmExpectedPct: 45, ks2ReadingProgress: -3, ks2WritingProgress: -3, ks2MathsProgress: -3 }, level: 'high' },
    { why: 'secondary, good, Progress 8 -0.8, due', fields: { phase: 'secondary', ofstedGrade: 'good', inspectionDate: d('2021-11-10'), ks4Progress8: -0.8 }, level: 'high' },
  ] as const)('$why → $level', ({ fields, level }) => {
    expect(risk(fields).level).toBe(level);
  });

  it('explains each indicator that counted, with its points', () => {
    const r = risk({ ofstedGrade: 'good', inspectionDate: d('2022-01-10'), ungradedInspectionDate: d('2024-05-01'), ungradedOutcome: 'concerns-graded-next', headteacherInterim: true });
    expect(r.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^Last judged good \(\+5\)$/), expect.stringMatching(/Ungraded inspection raised concerns.*\(\+25\)/), expect.stringMatching(/Interim headteacher \(\+5\)/)]));
  });

  it('lets strong results lower the score below the base', () => {
    const base = risk({ ofstedGrade: 'outstanding', inspectionDate: d('2025-06-01') }).score;
    const strong = risk({ ofstedGrade: 'outstanding', inspectionDate: d('2025-06-01'), ks2Cohort: 60, ks2ReadingProgress: 4, ks2WritingProgress: 4, ks2MathsProgress: 4 }).score;
    expect(strong).toBeLessThan(base);
  });

  it('counts small cohorts\' results less (cohort / (cohort + 10))', () => {
    const weak = { ofstedGrade: 'good', inspectionDate: d('2025-06-01'), ks2ReadingProgress: -4, ks2WritingProgress: -4, ks2MathsProgress: -4 } as const;
    const large = risk({ ...weak, ks2Cohort: 90 }).score - risk({ ofstedGrade: 'good', inspectionDate: d('2025-06-01') }).score;
    const small = risk({ ...weak, ks2Cohort: 10 }).score - risk({ ofstedGrade: 'good', inspectionDate: d('2025-06-01') }).score;
    expect(large).toBe(Math.round(12 * 0.9));
    expect(small).toBe(6);
  });

  it('takes partial parameters', () => {
    const r = { ofstedGrade: 'good', inspectionDate: d('2025-06-01') } as const;
    expect(risk(r, { base: 0 }).score).toBe(INSPECTION_RISK_DEFAULTS.standing.good);
    expect(risk(r, { levels: { highFrom: 10, mediumFrom: 5 } }).level).toBe('high');
  });
});
