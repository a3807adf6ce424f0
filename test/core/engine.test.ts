import { describe, expect, it } from 'vitest';
import { categorise, compileFramework, describeCondition, resolveParameters, type Parameters } from '../../core/engine';
import { fromIsoDate } from '../../core/dates';
import type { Facts } from '../../core/facts';
import { FrameworkDefinitionError, type FrameworkDefinition } from '../../core/framework';

const cite = (section: string) => ({ section, quote: `quote of ${section}` });
const offer = (amount: number | null, extra: object = {}) => ({
  amount, unit: 'days' as const, bound: 'up to' as const, noneReason: amount === null ? 'the policy sets none' : undefined,
  actions: ['visit'], cadence: 'termly', informed: ['headteacher'], citation: cite('S1'), ...extra,
});

/** A small framework that exercises every construct of the definition language. */
const toy: FrameworkDefinition = {
  id: 'toy', name: 'Toy framework', authority: 'Toyshire', version: '1', summary: 'test', docs: 'docs/x.md',
  source: { title: 'Toy', year: '2024', file: 'toy.txt' },
  parameters: {
    minConcerns: { default: 2, description: 'concerns for amber', min: 1, max: 10 },
    redDays: { default: 20, description: 'days for red', min: 0, max: 100 },
  },
  criteria: [
    { id: 'good', label: 'Good or better', when: { fact: 'ofstedBand', op: 'eq', value: 'good-or-better' }, citation: cite('T1'), indicates: 'green' },
    { id: 'ri', label: 'Requires improvement', when: { fact: 'ofstedBand', op: 'eq', value: 'requires-improvement' }, citation: cite('T2'), indicates: 'amber' },
    { id: 'inad', label: 'Inadequate', when: { fact: 'ofstedBand', op: 'eq', value: 'inadequate' }, citation: cite('T3'), indicates: 'red', critical: true },
    {
      id: 'concerns', label: 'Several concerns',
      when: { atLeast: { param: 'minConcerns' }, of: [{ fact: 'attainmentConcern', op: 'isTrue' }, { fact: 'progressConcern', op: 'isTrue' }, { fact: 'leadershipConcern', op: 'isTrue' }] },
      citation: cite('T4'), indicates: 'amber',
    },
    { id: 'safeguarding', label: 'Safeguarding concern', when: { fact: 'safeguardingConcern', op: 'isTrue' }, citation: cite('T5'), indicates: 'red', critical: true },
    { id: 'amberAndNew', label: 'Concerns under a new head', when: { all: [{ criterion: 'concerns' }, { fact: 'monthsInPost', op: 'lt', value: 12 }] }, citation: cite('T6') },
  ],
  categories: [
    { id: 'green', label: 'Green', colour: '#00B050', textColour: '#000000', description: 'fine', support: { maintained: offer(1) } },
    { id: 'amber', label: 'Amber', colour: '#FFC000', textColour: '#000000', description: 'some', when: { any: [{ criterion: 'ri' }, { criterion: 'concerns' }] }, support: { maintained: offer(5), academy: offer(null) } },
    {
      id: 'red', label: 'Red', colour: '#FF0000', textColour: '#FFFFFF', description: 'much', when: { any: [{ criterion: 'inad' }, { criterion: 'safeguarding' }] },
      variants: [{ id: 'sg', label: 'Safeguarding-led', when: { fact: 'safeguardingConcern', op: 'isTrue' }, citation: cite('T5') }],
      support: { maintained: offer({ param: 'redDays' } as unknown as number) },
    },
  ],
  selection: { kind: 'firstMatch', default: 'green' },
  additional: [{ id: 'newHead', label: 'New headteacher visit', when: { fact: 'monthsInPost', op: 'lt', value: 6 }, offer: 'one visit', citation: cite('T7') }],
};

const base: Facts = { row: 2, ofstedBand: 'good-or-better', ofstedSource: 'legacy-grade', inCategoryOfConcern: false, previousOfstedBand: 'good-or-better', inspectionRisk: 'low', inspectionRiskScore: 10, concernCount: 0, riseStuck: false };
const fw = compileFramework(toy);
const AS_OF = fromIsoDate('2026-11-01')!;
const run = (facts: Partial<Facts>, params?: Record<string, number>) =>
  categorise(fw, { ...base, ...facts }, { trace: true, params: params && (resolveParameters(fw, params, AS_OF) as { ok: true; params: Parameters }).params });

describe('first match', () => {
  it.each([
    [{}, 'green'],
    [{ ofstedBand: 'requires-improvement' as const }, 'amber'],
    [{ ofstedBand: 'inadequate' as const }, 'red'],
    [{ attainmentConcern: true, progressConcern: true }, 'amber'],
    [{ attainmentConcern: true }, 'green'],
    [{ safeguardingConcern: true, ofstedBand: 'requires-improvement' as const }, 'red'],
  ])('%j gives %s', (facts, expected) => {
    expect(run(facts).category).toBe(expected);
  });

  it('gives the deciding criteria as reasons, with the values seen and the citation', () => {
    const r = run({ ofstedBand: 'requires-improvement' });
    expect(r.reasons.map((x) => x.criterion)).toEqual(['ri']);
    expect(r.reasons[0]!.text).toBe('Requires improvement (Ofsted standing: Requires improvement) [T2]');
  });

  it('explains the default category by the criteria that indicate it', () => {
    expect(run({}).reasons.map((x) => x.criterion)).toEqual(['good']);
  });

  it('reads parameters: a lower threshold changes the result', () => {
    expect(run({ attainmentConcern: true }, { minConcerns: 1 }).category).toBe('amber');
  });
});

describe('three-valued logic', () => {
  it('does not fire on blanks, and the trace says which facts were missing', () => {
    const r = run({ attainmentConcern: true });
    const t = r.trace.find((x) => x.criterion === 'concerns')!;
    expect(t.outcome).toBe('unknown');
    expect(t.missing).toEqual(['Progress concern', 'Leadership concern']);
  });

  it('is false, not unknown, once too few can still be true', () => {
    const r = run({ attainmentConcern: false, progressConcern: false });
    expect(r.trace.find((x) => x.criterion === 'concerns')!.outcome).toBe('not-fired');
  });

  it('evaluates criteria that refer to other criteria', () => {
    const r = run({ attainmentConcern: true, progressConcern: true, monthsInPost: 3 });
    expect(r.notes.map((x) => x.criterion)).toContain('amberAndNew');
    expect(r.additional.map((x) => x.id)).toEqual(['newHead']);
  });

  it('reports every criterion in the trace, never stopping early', () => {
    expect(run({ ofstedBand: 'inadequate' }).trace).toHaveLength(toy.criteria.length);
  });
});

describe('support offers', () => {
  it('resolves parameters and academies\' different offer', () => {
    expect(run({ ofstedBand: 'inadequate' }).support).toMatchObject({ amount: 20, summary: 'Up to 20 days a year' });
    expect(run({ ofstedBand: 'inadequate' }, { redDays: 30 }).support.amount).toBe(30);
    const academy = run({ ofstedBand: 'requires-improvement', isAcademy: true }).support;
    expect(academy).toMatchObject({ amount: null, offerFor: 'academy', academyDiffers: true });
    expect(academy.summary).toBe('No set number of days: the policy sets none');
  });

  it('picks the first variant that holds', () => {
    expect(run({ safeguardingConcern: true }).variant).toEqual({ id: 'sg', label: 'Safeguarding-led' });
  });
});

describe('analyst overrides', () => {
  it('win over the rules and keep the computed category and reason', () => {
    const r = run({ ofstedBand: 'inadequate', categoryOverride: 'amber', overrideReason: 'New head, strong plan' });
    expect(r).toMatchObject({ category: 'amber', computedCategory: 'red', override: { category: 'amber', reason: 'New head, strong plan' } });
  });

  it('match the label as well as the id, ignoring case', () => {
    expect(run({ categoryOverride: ' RED ', overrideReason: 'x' }).category).toBe('red');
  });

  it('that name no category are ignored with a warning naming the row and value', () => {
    const r = run({ categoryOverride: 'purple', overrideReason: 'x' });
    expect(r.category).toBe('green');
    expect(r.warnings[0]!.message).toMatch(/^Row 2, column "Category override": "purple" is not a category of this framework; expected one of green \(Green\)/);
  });

  it('without a reason apply but warn', () => {
    const r = run({ categoryOverride: 'red' });
    expect(r.category).toBe('red');
    expect(r.warnings.map((w) => w.kind)).toEqual(['missing-value']);
  });
});

describe('best fit', () => {
  const bf = compileFramework({ ...toy, id: 'toybf', selection: { kind: 'bestFit', default: 'green' }, categories: toy.categories.map(({ when: _w, ...c }) => c) });
  const fit = (facts: Partial<Facts>) => categorise(bf, { ...base, ...facts });
  it('picks the category with most evidence', () => {
    expect(fit({ ofstedBand: 'requires-improvement', attainmentConcern: true, progressConcern: true }).category).toBe('amber');
  });
  it('breaks ties toward the greater concern', () => {
    // good (green) vs concerns (amber): one vote each.
    expect(fit({ attainmentConcern: true, progressConcern: true }).category).toBe('amber');
  });
  it('lets a critical criterion decide alone', () => {
    const r = fit({ safeguardingConcern: true });
    expect(r.category).toBe('red');
    expect(r.reasons.map((x) => x.criterion)).toEqual(['safeguarding']);
  });
});

describe('reasons', () => {
  it('are worded when read, the same each time, and serialise with their text', () => {
    const r = run({ ofstedBand: 'requires-improvement', monthsInPost: 3 });
    const reason = r.reasons[0]!;
    expect(reason.text).toBe('Requires improvement (Ofsted standing: Requires improvement) [T2]');
    expect(reason.text).toBe(reason.text);
    expect(JSON.parse(JSON.stringify(reason))).toEqual({ criterion: 'ri', label: 'Requires improvement', seen: 'Ofsted standing: Requires improvement', citation: cite('T2'), text: reason.text });
  });
  it('show the facts that made the criterion fire, not every fact it looked at', () => {
    const r = run({ attainmentConcern: true, progressConcern: true, leadershipConcern: false, monthsInPost: 3 });
    const seen = (id: string) => [...r.reasons, ...r.notes].find((x) => x.criterion === id)?.seen;
    // "At least 2 of" three flags: the two that were Yes, not the one that was No.
    expect(seen('concerns')).toBe('Attainment concern: Yes; Progress concern: Yes');
    // Through a criterion it refers to, and its own comparison.
    expect(seen('amberAndNew')).toBe('Attainment concern: Yes; Progress concern: Yes; Months headteacher in post: 3');
  });
  it('with a threshold from the parameters, explain with the parameters the school was judged by', () => {
    const r = run({ attainmentConcern: true, progressConcern: true, leadershipConcern: true }, { minConcerns: 3 });
    expect(r.reasons.find((x) => x.criterion === 'concerns')!.seen).toBe('Attainment concern: Yes; Progress concern: Yes; Leadership concern: Yes');
  });

  it('read the facts as they were: the same object is not copied, and is never changed', () => {
    const facts: Facts = { ...base, ofstedBand: 'inadequate' };
    const before = JSON.stringify(facts);
    const r = categorise(fw, facts);
    expect(r.reasons.map((x) => x.text)).toEqual(['Inadequate (Ofsted standing: Inadequate) [T3]']);
    expect(JSON.stringify(facts)).toBe(before);
  });
  it('share nothing between schools evaluated one after the other (the evaluator reuses its working arrays)', () => {
    const first = run({ ofstedBand: 'inadequate' });
    const second = run({ ofstedBand: 'good-or-better' });
    expect([first.category, second.category]).toEqual(['red', 'green']);
    expect(first.reasons.map((x) => x.criterion)).toEqual(['inad']);
    expect(first.trace.find((t) => t.criterion === 'inad')!.outcome).toBe('fired');
  });
});

describe('parameters', () => {
  it('reject unknown names, wrong types and out-of-range values as messages', () => {
    const r = resolveParameters(fw, { nope: 1, minConcerns: 'many', redDays: 500 }, AS_OF);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      expect.stringContaining('"nope" is not a parameter of Toy framework'),
      'Parameter "minConcerns" is "many"; expected a number.',
      'Parameter "redDays" is 500; expected a number from 0 to 100.',
    ]);
  });
  it('accept numbers written as text (from a settings sheet)', () => {
    expect(resolveParameters(fw, { minConcerns: '3' }, AS_OF)).toEqual({ ok: true, params: { minConcerns: 3, redDays: 20 } });
  });
});

describe('malformed definitions throw at load time', () => {
  const broken = (patch: Partial<FrameworkDefinition>) => () => compileFramework({ ...toy, ...patch });
  it.each([
    ['an unknown fact', { criteria: [{ ...toy.criteria[0]!, when: { fact: 'colour' as never, op: 'eq' as const, value: 1 } }] }, /criteria\[0\]\.when\.fact: "colour" is not a fact/],
    ['a misspelt enum value', { criteria: [{ ...toy.criteria[0]!, when: { fact: 'ofstedGrade' as const, op: 'eq' as const, value: 'goood' } }] }, /criteria\[0\]\.when\.value: "goood" is not a value of ofstedGrade; did you mean "good"\?/],
    ['a missing citation', { criteria: [{ ...toy.criteria[0]!, citation: { section: '', quote: '' } }] }, /criteria\[0\]\.citation\.section: ""; expected a text, not empty/],
    ['an unknown parameter', { criteria: [{ ...toy.criteria[0]!, when: { fact: 'concernCount' as const, op: 'gt' as const, value: { param: 'nope' } } }] }, /"nope" is not a parameter of this framework/],
    ['a cycle', { criteria: [{ ...toy.criteria[0]!, when: { criterion: 'b' } }, { ...toy.criteria[1]!, id: 'b', when: { criterion: 'good' } }] }, /"good -> b -> good"; expected criteria that do not refer to themselves/],
    ['an unknown default', { selection: { kind: 'firstMatch' as const, default: 'blue' } }, /selection\.default: "blue" is not a category of this framework/],
    ['a bad colour', { categories: [{ ...toy.categories[0]!, colour: 'green' }, ...toy.categories.slice(1)] }, /categories\[0\]\.colour: "green"; expected #RRGGBB/],
  ])('%s', (_what, patch, message) => {
    expect(broken(patch as Partial<FrameworkDefinition>)).toThrow(FrameworkDefinitionError);
    expect(broken(patch as Partial<FrameworkDefinition>)).toThrow(message);
  });
});

describe('describing a condition without running it', () => {
  it('shows thresholds with the parameter values', () => {
    expect(describeCondition(fw, toy.criteria[3]!.when)).toBe('at least 2 of 3: Attainment concern is Yes; Progress concern is Yes; Leadership concern is Yes');
    expect(describeCondition(fw, toy.categories[1]!.when!)).toBe('any of: Requires improvement; Several concerns');
  });
});
