import { describe, expect, it } from 'vitest';
import { categorise, compileFramework } from '../../../core/engine';
import { oldham } from '../../../core/frameworks/oldham';
import { NEUTRAL_FACTS, runConformance, type ConformanceCase } from '../../support/conformance';

const fw = compileFramework(oldham);
const I = 'Intervention: situations for possible local authority intervention';

const cases: ConformanceCase[] = [
  { name: 'good, nothing recorded: green universal support', citation: 'Monitoring and Challenge: "Green \u2013 Universal Support"', facts: {}, expect: { category: 'green', supportAmount: null } },
  { name: 'judged RI: red', citation: `${I}: "Schools judged Inadequate or Requires Improvement by Ofsted"`, facts: { ofstedBand: 'requires-improvement' }, expect: { category: 'red', reasons: ['ofsted-ri-or-inadequate'] } },
  { name: 'judged inadequate: red', citation: `${I}: "Schools judged Inadequate ..."`, facts: { ofstedBand: 'inadequate', inCategoryOfConcern: true }, expect: { category: 'red', reasons: ['ofsted-ri-or-inadequate'] } },
  { name: 'LA believes RI if inspected now: red', citation: `${I}: "Schools that the LA believes would be judged as RI or worse by Ofsted if inspected now"`, facts: { laJudgement: 'requires-improvement' }, expect: { category: 'red', reasons: ['la-believes-ri'] } },
  { name: 'management and governance both of concern: red', citation: `${I}: "serious breakdown of management or governance"`, facts: { leadershipConcern: true, governanceConcern: true }, expect: { category: 'red', reasons: ['leadership-breakdown'] } },
  { name: 'safeguarding unsatisfactory: red', citation: `${I}: "including any schools whose safeguarding arrangements are unsatisfactory"`, facts: { safeguardingEffective: false }, expect: { category: 'red', reasons: ['safety'] } },
  { name: 'low achievement for 3 years, not improving: red', citation: `${I}: "achievement of pupils is unacceptably low ... capacity to reverse this trend"`, facts: { yearsLowAttainment: 3, attainmentTrend: 'stable', concernCount: 1, attainmentConcern: true }, expect: { category: 'red', reasons: ['achievement-unacceptably-low'] } },
  { name: 'low achievement for 3 years but improving: amber, not red', citation: `${I}: capacity to reverse the trend shown (our reading)`, facts: { yearsLowAttainment: 3, attainmentTrend: 'improving', concernCount: 1, attainmentConcern: true }, expect: { category: 'amber', reasons: ['concern-flags'] } },
  { name: 'one concern flag: amber targeted support', citation: 'Monitoring and Challenge: "Amber \u2013 Targeted Support"; Schools Causing Concern Index', facts: { concernCount: 1, attendanceConcern: true }, expect: { category: 'amber', reasons: ['concern-flags'] } },
  { name: 'leadership concern alone: amber, not red', citation: `${I}: a breakdown needs management and governance (our reading)`, facts: { leadershipConcern: true, concernCount: 1 }, expect: { category: 'amber' } },
  { name: 'high inspection risk: amber', citation: 'Schools Causing Concern Index (our reading: high risk)', facts: { inspectionRiskScore: 55 }, expect: { category: 'amber', reasons: ['inspection-risk'] } },
  { name: 'declining attainment: amber', citation: 'Schools Causing Concern Index (our reading)', facts: { attainmentTrend: 'declining' }, expect: { category: 'amber', reasons: ['declining'] } },
  { name: 'two flags needed when the authority says so', citation: 'parameter amberConcernFlags', facts: { concernCount: 1, attendanceConcern: true }, params: { amberConcernFlags: 2 }, expect: { category: 'green' } },
  { name: 'academy judged RI: red, concerns to the Regional Director', citation: 'Monitoring and Challenge: "communication will be needed with the Regional Schools Commissioner"', facts: { isAcademy: true, ofstedBand: 'requires-improvement' }, expect: { category: 'red', offerFor: 'academy' } },
];

runConformance(fw, cases);

describe('Oldham: support offers', () => {
  it('sets no number of days in any category, and says why', () => {
    for (const c of oldham.categories) {
      const r = categorise(fw, { ...NEUTRAL_FACTS, categoryOverride: c.id, overrideReason: 'test' });
      expect(r.support.amount).toBeNull();
      expect(r.support.summary).toMatch(/^No set number of days: /);
    }
  });
  it('uses the authority\'s green, amber and red', () => {
    expect(oldham.categories.map((c) => [c.id, c.colour])).toEqual([['green', '#00B050'], ['amber', '#FFC000'], ['red', '#FF0000']]);
  });
});
