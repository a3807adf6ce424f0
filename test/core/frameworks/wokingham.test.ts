import { describe, expect, it } from 'vitest';
import { categorise, compileFramework } from '../../../core/engine';
import { wokingham } from '../../../core/frameworks/wokingham';
import { NEUTRAL_FACTS, runConformance, type ConformanceCase } from '../../support/conformance';

const fw = compileFramework(wokingham);
const T = '\u00a75 table';

const cases: ConformanceCase[] = [
  { name: 'locally assessed strong good: gold, three visits', citation: `${T}: "Gold: Locally assessed outstanding or strong good ... Three visits a year"`, facts: { laJudgement: 'strong-good' }, expect: { category: 'gold', reasons: ['la-outstanding-or-strong-good'], supportAmount: 3 } },
  { name: 'outstanding with no local assessment: gold', citation: `${T}: "Gold: Locally assessed outstanding" (Ofsted outstanding stands in, our reading)`, facts: { ofstedEquivalentGrade: 'outstanding' }, expect: { category: 'gold' } },
  { name: 'locally assessed good: green, three visits', citation: `${T}: "Green: Locally assessed good schools ... Three visits a year"`, facts: { laJudgement: 'good' }, expect: { category: 'green', reasons: ['la-good'], supportAmount: 3 } },
  { name: 'Ofsted good, no local assessment: green', citation: `${T}: Green (our reading)`, facts: {}, expect: { category: 'green' } },
  { name: 'judged RI: purple, up to 20 officer days', citation: `${T}: "Purple ... Following an OFSTED Section 5 Requires Improvement outcome"; "up to 20 officer days"`, facts: { ofstedBand: 'requires-improvement' }, expect: { category: 'purple', reasons: ['ofsted-ri'], supportAmount: 20 } },
  { name: 'locally assessed RI: purple', citation: `${T}: "Purple: Locally assessed vulnerable schools"`, facts: { laJudgement: 'requires-improvement' }, expect: { category: 'purple', reasons: ['la-ri'] } },
  { name: 'governance issues: purple', citation: '\u00a75: "governance and leadership issues"', facts: { governanceConcern: true }, expect: { category: 'purple', reasons: ['leadership-governance'] } },
  { name: 'finance and HR concerns: purple', citation: '\u00a75: "financial data; HR; information"', facts: { concernCount: 2, financeConcern: true, hrConcern: true }, expect: { category: 'purple', reasons: ['several-concerns'] } },
  { name: 'one finance concern on a strong-good school: still gold', citation: '\u00a75 (our reading: two concerns make a school vulnerable)', facts: { laJudgement: 'strong-good', concernCount: 1, financeConcern: true }, expect: { category: 'gold' } },
  { name: 'judged inadequate: red, up to 40 officer days and a School Improvement Board', citation: `${T}: "Red: Local high priority schools ... up to 40 officer days"`, facts: { ofstedBand: 'inadequate', inCategoryOfConcern: true }, expect: { category: 'red', reasons: ['ofsted-inadequate'], supportAmount: 40 } },
  { name: 'safeguarding concern: red', citation: '\u00a71: "effective support and challenge ... when an unacceptable standard of education is identified"', facts: { safeguardingConcern: true, laJudgement: 'strong-good' }, expect: { category: 'red', reasons: ['safeguarding'] } },
  { name: 'purple with a different allocation', citation: 'parameter purpleOfficerDays', facts: { ofstedBand: 'requires-improvement' }, params: { purpleOfficerDays: 15 }, expect: { category: 'purple', supportAmount: 15 } },
  { name: 'academy: annual SIO visit, not the local categories\' support', citation: '\u00a76: "SIOs will visit annually"', facts: { isAcademy: true, laJudgement: 'good' }, expect: { category: 'green', offerFor: 'academy', supportAmount: 1 } },
  { name: 'new head in a maintained school: LA Section 5 review', citation: '\u00a74.3: "All new headteachers will be offered a LA \u2018Section 5\u2019 review in the first term"', facts: { isAcademy: false, monthsInPost: 2 }, expect: { category: 'green', additional: ['new-headteacher-review'] } },
  { name: 'securely good but judged RI: review to confirm', citation: '\u00a74.3: "securely \u2018good\u2019 and the current Ofsted judgement \u2018requires improvement\u2019"', facts: { isAcademy: false, laJudgement: 'good', ofstedBand: 'requires-improvement' }, expect: { category: 'purple', additional: ['securely-good-review'] } },
];

runConformance(fw, cases);

describe('Wokingham: support offers', () => {
  it('summarises purple and red in officer days', () => {
    expect(categorise(fw, { ...NEUTRAL_FACTS, ofstedBand: 'requires-improvement' }).support.summary).toBe('Up to 20 officer days a year');
    expect(categorise(fw, { ...NEUTRAL_FACTS, ofstedBand: 'inadequate' }).support.summary).toBe('Up to 40 officer days a year');
  });
  it('raises concerns about a purple or red academy with the DfE', () => {
    const r = categorise(fw, { ...NEUTRAL_FACTS, isAcademy: true, ofstedBand: 'inadequate' });
    expect(r.support.informed).toContain('Department for Education');
  });
});
