import { describe, expect, it } from 'vitest';
import { categorise, compileFramework } from '../../../core/engine';
import { southwark } from '../../../core/frameworks/southwark';
import type { Facts } from '../../../core/facts';
import type { AreaGrade } from '../../../core/fields';
import { NEUTRAL_FACTS, runConformance, type ConformanceCase } from '../../support/conformance';

const fw = compileFramework(southwark);
const AREAS = ['areaLeadership', 'areaGovernance', 'areaCurriculum', 'areaOutcomes', 'areaEarlyYears', 'areaStaffing', 'areaPersonalDevelopment', 'areaBehaviour', 'areaSend', 'areaSafeguarding', 'areaAttendance', 'areaCapacity'] as const;
const all = (grade: AreaGrade, except: Partial<Record<(typeof AREAS)[number], AreaGrade>> = {}): Partial<Facts> =>
  Object.fromEntries(AREAS.map((a) => [a, except[a] ?? grade]));
const A1 = 'Appendix 1';

const cases: ConformanceCase[] = [
  { name: 'every area A, judged good: A, partnership pathway', citation: `${A1}, A: "Overall effectiveness is at least good and there are no current significant concerns"`, facts: all('A'), expect: { category: 'A', supportAmount: null } },
  { name: 'mostly A with two non-critical areas B: still A (best fit)', citation: `${A1}: "Please note that this is a best fit model"`, facts: all('A', { areaOutcomes: 'B', areaAttendance: 'B' }), expect: { category: 'A' } },
  { name: 'most areas B: B, up to 3 DCPs', citation: 'Table two, B: "up to 3 dedicated contact points a year"', facts: all('B', { areaSafeguarding: 'A' }), expect: { category: 'B', supportAmount: 3 } },
  { name: 'governance B caps an otherwise A school at B (critical)', citation: `${A1} note: "critical criteria, e.g. ... governance ... will influence the final judgement"`, facts: all('A', { areaGovernance: 'B' }), expect: { category: 'B', reasons: ['areaGovernance-B'] } },
  { name: 'safeguarding ineffective decides alone: D', citation: `${A1}, D: "Safeguarding is ineffective"`, facts: all('A', { areaSafeguarding: 'D' }), expect: { category: 'D', reasons: ['areaSafeguarding-D'] } },
  { name: 'senior leadership ineffective decides alone: D', citation: `${A1}, D: "Senior leadership is ineffective."`, facts: all('A', { areaLeadership: 'D' }), expect: { category: 'D', reasons: ['areaLeadership-D'] } },
  { name: 'quality of education C: at least C', citation: `${A1} note: "quality of education" is critical`, facts: all('A', { areaCurriculum: 'C' }), expect: { category: 'C' } },
  { name: 'a non-critical area D alone does not decide', citation: `${A1}: best fit; EYFS is not a critical criterion`, facts: all('A', { areaEarlyYears: 'D' }), expect: { category: 'A' } },
  { name: 'half C, half A: the more concerning middle, C', citation: `${A1}: best fit (our reading: ties to the greater concern)`, facts: all('A', { areaOutcomes: 'C', areaEarlyYears: 'C', areaStaffing: 'C', areaPersonalDevelopment: 'C', areaBehaviour: 'C', areaSend: 'C', areaAttendance: 'C' }), expect: { category: 'C' } },
  { name: 'judged RI by Ofsted: C, TRIP', citation: 'Table One, C: "The school was or is likely to be judged as requiring improvement by OFSTED"', facts: { ...all('A'), ofstedBand: 'requires-improvement' }, expect: { category: 'C', reasons: ['ofsted-ri'], supportAmount: 3 } },
  { name: 'judged inadequate: D, intervention pathway', citation: 'Table One, D: "Schools judged by Ofsted to be inadequate"', facts: { ...all('B'), ofstedBand: 'inadequate', inCategoryOfConcern: true }, expect: { category: 'D', reasons: ['ofsted-inadequate'] } },
  { name: 'new head: at least B', citation: 'Table One, B: "such as for new HTs"', facts: { ...all('A'), monthsInPost: 4 }, expect: { category: 'B', reasons: ['new-head'] } },
  { name: 'improving from RI: B', citation: 'Table One, B: "improving from RI"', facts: { ...all('A'), previousOfstedBand: 'requires-improvement' }, expect: { category: 'B', reasons: ['improving-from-ri'] } },
  { name: 'inspection due within 6 months: B (preparation for Ofsted)', citation: 'Table One, B: "preparation for OFSTED"', facts: { ...all('A'), monthsUntilInspectionDue: 5 }, expect: { category: 'B', reasons: ['preparation-for-ofsted'] } },
  { name: 'no area judgements, judged good: A', citation: 'Table One, A (Ofsted evidence only)', facts: {}, expect: { category: 'A' } },
  { name: 'academy in C: concerns raised with the RD', citation: 'Table two: "Concerns raised with RD"; \u00a77.1', facts: { ...all('C'), isAcademy: true }, expect: { category: 'C', offerFor: 'academy', supportAmount: null } },
];

runConformance(fw, cases);

describe('Southwark: pathways', () => {
  it('lists Appendix 2 actions for each pathway', () => {
    const d = categorise(fw, { ...NEUTRAL_FACTS, ...all('A', { areaSafeguarding: 'D' }) });
    expect(d.support.actions).toEqual(expect.arrayContaining(['Warning notice issued', 'Federation or MAT brokered']));
    const c = categorise(fw, { ...NEUTRAL_FACTS, ofstedBand: 'requires-improvement' });
    expect(c.support.actions).toContain('Action plan for rapid improvement');
  });
  it('every area criterion cites Appendix 1 in the policy\'s words', () => {
    for (const c of southwark.criteria.filter((x) => x.id.startsWith('area'))) expect(c.citation.section).toMatch(/^Appendix 1/);
  });
});
