import { describe, expect, it } from 'vitest';
import { BENCH_AS_OF, englandRegister } from '../../../bench/englandRegister';
import { categorise, compileFramework } from '../../../core/engine';
import type { Facts } from '../../../core/facts';
import type { FrameworkDefinition } from '../../../core/framework';
import { frameworkById } from '../../../core/frameworks';
import type { Unknowns } from '../../../core/missingEvidence';
import { categoriseRegister } from '../../../core/register';

const cite = (section: string) => ({ section, quote: `quote of ${section}` });
const offer = { amount: null, noneReason: 'none set', actions: [], cadence: 'termly', informed: [], citation: cite('S') };

/**
 * Herefordshire's shape in miniature: medium when a factor fires or too few low-risk indicators can hold
 * (a `not` over the indicators); high when several factors fire (at least two of the factors).
 */
const def: FrameworkDefinition = {
  id: 'reasons', name: 'Reasons', authority: 'Testshire', version: '1', summary: '', source: { title: 'T', year: '2026' },
  parameters: {},
  criteria: [
    { id: 'experienced', label: 'Experienced leadership', when: { fact: 'monthsInPost', op: 'gte', value: 24 }, citation: cite('Low'), indicates: 'low' },
    { id: 'steady', label: 'Steady trend', when: { fact: 'attainmentTrend', op: 'eq', value: 'stable' }, citation: cite('Low'), indicates: 'low' },
    { id: 'too-few', label: 'Too few low-risk indicators', when: { not: { atLeast: 2, of: [{ criterion: 'experienced' }, { criterion: 'steady' }] } }, citation: cite('Low') },
    { id: 'falling-roll', label: 'Falling roll', when: { fact: 'fallingRoll', op: 'isTrue' }, citation: cite('Medium') },
    { id: 'governance', label: 'Governor support', when: { fact: 'governanceConcern', op: 'isTrue' }, citation: cite('Medium') },
    { id: 'several', label: 'Several factors', when: { atLeast: 2, of: [{ criterion: 'falling-roll' }, { criterion: 'governance' }] }, citation: cite('High') },
    { id: 'floor', label: 'Below floor', when: { fact: 'ks2RwmExpectedPct', op: 'lt', value: 60 }, citation: cite('High') },
  ],
  categories: [
    { id: 'low', label: 'Low', colour: '#00B050', textColour: '#000000', description: '', support: { maintained: offer } },
    { id: 'medium', label: 'Medium', colour: '#FFC000', textColour: '#000000', description: '', when: { any: [{ criterion: 'falling-roll' }, { criterion: 'governance' }, { criterion: 'too-few' }] }, support: { maintained: offer } },
    { id: 'high', label: 'High', colour: '#FF0000', textColour: '#FFFFFF', description: '', when: { any: [{ criterion: 'floor' }, { criterion: 'several' }] }, support: { maintained: offer } },
  ],
  selection: { kind: 'firstMatch', default: 'low' },
};
const fw = compileFramework(def);
const base: Facts = { row: 2, ofstedBand: 'good-or-better', ofstedSource: 'legacy-grade', inCategoryOfConcern: false, previousOfstedBand: 'good-or-better', inspectionRisk: 'low', inspectionRiskScore: 10, concernCount: 0, riseStuck: false, monthsInPost: 60, attainmentTrend: 'stable' };
const reasonsOf = (facts: Partial<Facts>) => {
  const r = categorise(fw, { ...base, ...facts });
  return { category: r.category, reasons: r.reasons.map((x) => x.criterion) };
};

describe('reasons for a first-match category', () => {
  it('leave out criteria reached only under "not": an indicator of low is no reason for medium', () => {
    expect(reasonsOf({ fallingRoll: true })).toEqual({ category: 'medium', reasons: ['falling-roll'] });
  });

  it('give the "not" criterion itself when it decided', () => {
    expect(reasonsOf({ monthsInPost: 6 })).toEqual({ category: 'medium', reasons: ['too-few'] });
  });

  it('leave out criteria reached only through one that did not fire: one factor is no reason for high', () => {
    expect(reasonsOf({ fallingRoll: true, ks2RwmExpectedPct: 50 })).toEqual({ category: 'high', reasons: ['floor'] });
  });

  it('follow a criterion that fired to those it rests on', () => {
    expect(reasonsOf({ fallingRoll: true, governanceConcern: true })).toEqual({ category: 'high', reasons: ['falling-roll', 'governance', 'several'] });
  });

  it('keep the fired low-risk indicators as the reasons of the default category', () => {
    expect(reasonsOf({})).toEqual({ category: 'low', reasons: ['experienced', 'steady'] });
  });
});

describe('a blank in a reason line (issue 15)', () => {
  const blanks: FrameworkDefinition = {
    ...def,
    id: 'blanks',
    criteria: [
      { id: 'low', label: 'Low attainment', when: { fact: 'yearsLowAttainment', op: 'gte', value: 3 }, citation: cite('Low') },
      // "No evidence of capacity": a trend that is not improving, or none given.
      { id: 'no-capacity', label: 'No evidence of capacity', when: { all: [{ criterion: 'low' }, { any: [{ fact: 'attainmentTrend', op: 'absent' }, { fact: 'attainmentTrend', op: 'ne', value: 'improving' }] }] }, citation: cite('High') },
      { id: 'flagged', label: 'Flagged leadership', when: { all: [{ fact: 'leadershipConcern', op: 'present' }, { fact: 'leadershipConcern', op: 'isTrue' }] }, citation: cite('High') },
      { id: 'not-flagged-low', label: 'Low, leadership not flagged', when: { all: [{ criterion: 'low' }, { not: { criterion: 'flagged' } }] }, citation: cite('Medium') },
    ],
    categories: [
      def.categories[0]!,
      { ...def.categories[1]!, when: { criterion: 'not-flagged-low' } },
      { ...def.categories[2]!, when: { criterion: 'no-capacity' } },
    ],
  };
  const bfw = compileFramework(blanks);
  const textOf = (facts: Partial<Facts>, id: string) => categorise(bfw, { ...base, ...facts }).reasons.find((r) => r.criterion === id)?.text;

  it('says a blank the rule asks for: the line is not the same as the one it rests on', () => {
    expect(textOf({ yearsLowAttainment: 4, attainmentTrend: undefined }, 'no-capacity')).toBe('No evidence of capacity (Years of low attainment: 4; Attainment trend: blank) [High]');
    expect(textOf({ yearsLowAttainment: 4, attainmentTrend: undefined }, 'low')).toBe('Low attainment (Years of low attainment: 4) [Low]');
    expect(textOf({ yearsLowAttainment: 4, attainmentTrend: 'stable' }, 'no-capacity')).toBe('No evidence of capacity (Years of low attainment: 4; Attainment trend: Stable) [High]');
  });

  it('does not give a blank that only kept another rule from holding (a "given" under a not)', () => {
    const r = categorise(bfw, { ...base, yearsLowAttainment: 4, attainmentTrend: 'improving', leadershipConcern: undefined });
    expect(r.category).toBe('medium');
    expect(r.reasons.find((x) => x.criterion === 'not-flagged-low')!.text).toBe('Low, leadership not flagged (Years of low attainment: 4) [Medium]');
  });
});

describe('reasons worded when read', () => {
  // A reason keeps its school's evaluation and its criterion's id; its words are kept by criterion with the
  // evaluation. Reading them late, out of order and between schools must give each reason its own.
  const schools: Partial<Facts>[] = [
    { fallingRoll: true, governanceConcern: true, ks2RwmExpectedPct: 50, monthsInPost: 30 },
    { fallingRoll: true, governanceConcern: true, ks2RwmExpectedPct: 40, monthsInPost: 40, attainmentTrend: 'declining' },
  ];
  const words = (r: ReturnType<typeof categorise>) => [...r.reasons, ...r.notes].map((x) => [x.criterion, x.seen, x.text]);

  it('gives each reason its own words, whatever is read first', () => {
    const expected = schools.map((s) => words(categorise(fw, { ...base, ...s })));
    const results = schools.map((s) => categorise(fw, { ...base, ...s }));
    // Later reasons first, the second school first, `text` before `seen`.
    const late = results.map((r) => [...r.reasons, ...r.notes]).reverse().map((list) => [...list].reverse().map((x) => [x.criterion, x.text, x.seen]));
    const read = late.reverse().map((list) => list.reverse().map(([id, text, seen]) => [id, seen, text]));
    expect(read).toEqual(expected);
    expect(expected[0]!.length).toBeGreaterThan(2);
    expect(expected[0]).not.toEqual(expected[1]);
    expect(JSON.parse(JSON.stringify(results[1]!.reasons))).toEqual(JSON.parse(JSON.stringify(categorise(fw, { ...base, ...schools[1]! }).reasons)));
  });
});

describe('a categorisation without reasons', () => {
  it('is the same but for empty reasons and notes, for a caller that reads only the category', () => {
    for (const facts of [{}, { fallingRoll: true }, { fallingRoll: true, governanceConcern: true, ks2RwmExpectedPct: 40 }] as Partial<Facts>[]) {
      const full = categorise(fw, { ...base, ...facts });
      const bare = categorise(fw, { ...base, ...facts }, { reasons: false });
      expect(bare).toEqual({ ...full, reasons: [], notes: [] });
    }
  });
  it('has a worst case without its missing cells', () => {
    const unknowns = new Map([['ks2RwmExpectedPct', { fields: ['ks2RwmExpectedPct'] }]]) as Unknowns;
    const full = categorise(fw, base, { unknowns });
    const bare = categorise(fw, base, { unknowns, reasons: false });
    expect(full.worstCase).toEqual({ category: 'high', label: 'High', missing: ['ks2RwmExpectedPct'] });
    expect(bare).toEqual({ ...full, reasons: [], notes: [], worstCase: { ...full.worstCase, missing: [] } });
  });
});

describe('a register run without reasons (RISKCATEGORY)', () => {
  it('gives each row the category and provisional result a full run gives, without reasons or missing cells', () => {
    const { header, rows } = englandRegister(300);
    for (const id of ['southwark', 'oldham']) {
      const framework = frameworkById(id)!;
      const full = categoriseRegister(framework, header, rows, { asOf: BENCH_AS_OF, headerRowNumber: 1 });
      const bare = categoriseRegister(framework, header, rows, { asOf: BENCH_AS_OF, headerRowNumber: 1, reasons: false });
      expect(full.rows.some((r) => r.provisional !== null)).toBe(true);
      bare.rows.forEach((r, i) => {
        const f = full.rows[i]!;
        expect(r.result && { ...r.result, reasons: [], notes: [], worstCase: r.result.worstCase && { ...r.result.worstCase, missing: [] } }).toEqual(f.result && { ...f.result, reasons: [], notes: [], worstCase: f.result.worstCase && { ...f.result.worstCase, missing: [] } });
        expect(r.result?.reasons ?? []).toEqual([]);
        expect(r.provisional && { ...r.provisional, missing: [] }).toEqual(f.provisional && { ...f.provisional, missing: [] });
      });
    }
  });
});
