/**
 * The engine evaluates conditions as nodes of one program (core/engine/program.ts), with `all`, `any` and
 * "at least" stopping at the first part that decides them, and parameters resolved once per parameters
 * object. These tests hold it to a plain reading of the three-valued rules, written out here over the
 * condition data, on generated conditions and schools, and hold that a change of parameters shows.
 */
import { describe, expect, it } from 'vitest';
import { categorise, compileFramework } from '../../../core/engine';
import { evaluateAll, operandsFor, run } from '../../../core/engine/program';
import { F, T, U } from '../../../core/engine/types';
import { factAt } from '../../../core/factShape';
import type { Facts } from '../../../core/facts';
import type { Condition, FrameworkDefinition } from '../../../core/framework';
import type { Parameters } from '../../../core/parameters';
import { seededRandom } from '../../../scripts/seededRandom';

type Truth = boolean | undefined;
const cite = (section: string) => ({ section, quote: `quote of ${section}` });
const offer = { amount: null, noneReason: 'none set', actions: [], cadence: 'termly', informed: [], citation: cite('S') };
const parameter = (value: number) => ({ default: value, min: 0, max: 100, unit: 'n', description: 'd', citation: cite('P') });

/** The rules as the policy reads them: Kleene logic over the condition data, every part evaluated. */
function reference(cond: Condition, facts: Facts, params: Parameters, fired: ReadonlyMap<string, Truth>): Truth {
  const each = (list: Condition[]) => list.map((c) => reference(c, facts, params, fired));
  if ('criterion' in cond) return fired.get(cond.criterion);
  if ('all' in cond) {
    const ts = each(cond.all);
    return ts.includes(false) ? false : ts.includes(undefined) ? undefined : true;
  }
  if ('any' in cond) {
    const ts = each(cond.any);
    return ts.includes(true) ? true : ts.includes(undefined) ? undefined : false;
  }
  if ('not' in cond) {
    const t = reference(cond.not, facts, params, fired);
    return t === undefined ? undefined : !t;
  }
  if ('atLeast' in cond) {
    const ts = each(cond.of);
    const need = typeof cond.atLeast === 'number' ? cond.atLeast : Number(params[cond.atLeast.param]);
    const yes = ts.filter((t) => t === true).length;
    const unknown = ts.filter((t) => t === undefined).length;
    return yes >= need ? true : yes + unknown < need ? false : undefined;
  }
  const x = facts[cond.fact];
  const w = typeof cond.value === 'object' && cond.value !== null && !Array.isArray(cond.value) ? params[cond.value.param] : cond.value;
  switch (cond.op) {
    case 'present': return x !== undefined;
    case 'absent': return x === undefined;
    case 'isTrue': return x === undefined ? undefined : x === true;
    case 'isFalse': return x === undefined ? undefined : x === false;
    case 'eq': return x === undefined ? undefined : x === w;
    case 'ne': return x === undefined ? undefined : x !== w;
    case 'in': return x === undefined ? undefined : (w as unknown[]).includes(x);
    case 'notIn': return x === undefined ? undefined : !(w as unknown[]).includes(x);
    default: {
      if (typeof x !== 'number' || typeof w !== 'number') return undefined;
      return cond.op === 'lt' ? x < w : cond.op === 'lte' ? x <= w : cond.op === 'gt' ? x > w : x >= w;
    }
  }
}

const TRENDS = ['improving', 'stable', 'declining'] as const;

/** A generated framework: criteria over a number, an enum and two flags, each later one may refer to earlier ones. */
function generated(seed: number): FrameworkDefinition {
  const random = seededRandom(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const leaf = (): Condition => {
    switch (pick(['number', 'param', 'enum', 'list', 'flag', 'given'] as const)) {
      case 'number': return { fact: 'monthsInPost', op: pick(['lt', 'lte', 'gt', 'gte', 'eq', 'ne'] as const), value: Math.floor(random() * 40) };
      case 'param': return { fact: 'ks2RwmExpectedPct', op: pick(['lt', 'gte', 'eq'] as const), value: { param: 'floor' } };
      case 'enum': return { fact: 'attainmentTrend', op: pick(['eq', 'ne'] as const), value: pick(TRENDS) };
      case 'list': return { fact: 'attainmentTrend', op: pick(['in', 'notIn'] as const), value: [pick(TRENDS), pick(TRENDS)] };
      case 'flag': return { fact: pick(['fallingRoll', 'governanceConcern'] as const), op: pick(['isTrue', 'isFalse'] as const) };
      default: return { fact: pick(['monthsInPost', 'fallingRoll'] as const), op: pick(['present', 'absent'] as const) };
    }
  };
  const condition = (depth: number, earlier: readonly string[]): Condition => {
    const kind = depth > 2 ? 'leaf' : pick(['leaf', 'leaf', 'all', 'any', 'not', 'atLeast', 'criterion', 'guarded'] as const);
    const parts = () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => condition(depth + 1, earlier));
    switch (kind) {
      case 'all': return { all: parts() };
      case 'any': return { any: parts() };
      case 'not': return { not: condition(depth + 1, earlier) };
      case 'atLeast': {
        const of = parts();
        return { atLeast: random() < 0.3 ? { param: 'need' } : 1 + Math.floor(random() * of.length), of };
      }
      case 'criterion': return earlier.length ? { criterion: pick(earlier) } : leaf();
      // "Given and ..." and "blank or ...", which the program makes one node.
      case 'guarded': {
        const given = random() < 0.5;
        const compared = pick([{ fact: 'monthsInPost', op: 'lt', value: 12 }, { fact: 'fallingRoll', op: 'isTrue' }, { fact: 'fallingRoll', op: 'isFalse' }] as const);
        return given ? { all: [{ fact: compared.fact, op: 'present' }, compared] } : { any: [{ fact: compared.fact, op: 'absent' }, compared] };
      }
      default: return leaf();
    }
  };
  const ids: string[] = [];
  const criteria = Array.from({ length: 8 }, (_, i) => {
    const when = condition(0, ids);
    ids.push(`c${i}`);
    return { id: `c${i}`, label: `Criterion ${i}`, when, citation: cite(`S${i}`) };
  });
  return {
    id: `generated-${seed}`, name: 'Generated', authority: 'Testshire', version: '1', summary: '', source: { title: 'T', year: '2026' },
    parameters: { floor: parameter(60), need: parameter(2) },
    criteria,
    categories: [
      { id: 'low', label: 'Low', colour: '#00B050', textColour: '#000000', description: '', support: { maintained: offer } },
      { id: 'high', label: 'High', colour: '#FF0000', textColour: '#FFFFFF', description: '', when: { any: [{ criterion: 'c6' }, { criterion: 'c7' }] }, support: { maintained: offer } },
    ],
    selection: { kind: 'firstMatch', default: 'low' },
  };
}

function school(random: () => number): Facts {
  const maybe = <T,>(x: T): T | undefined => (random() < 0.25 ? undefined : x);
  return {
    row: 2, ofstedBand: 'good-or-better', ofstedSource: 'legacy-grade', inCategoryOfConcern: false, previousOfstedBand: 'good-or-better', inspectionRisk: 'low', inspectionRiskScore: 10, concernCount: 0, riseStuck: false,
    monthsInPost: maybe(Math.floor(random() * 40)), ks2RwmExpectedPct: maybe(Math.floor(random() * 100)), attainmentTrend: maybe(TRENDS[Math.floor(random() * 3)]!),
    fallingRoll: maybe(random() < 0.5), governanceConcern: maybe(random() < 0.5),
  };
}

const OUTCOME = { fired: true, 'not-fired': false, unknown: undefined } as const;

/** An outcome of `evaluateAll` (bits) as `run` gives it; a node left unwritten (0) is neither. */
const truth = (bits: number): Truth | 'unwritten' => (bits === T ? true : bits === F ? false : bits === U ? undefined : 'unwritten');

describe('the program', () => {
  it('gives every criterion the outcome of the plain three-valued reading, on generated conditions and schools', () => {
    const random = seededRandom(17);
    let checked = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const def = generated(seed);
      const fw = compileFramework(def);
      for (const params of [fw.defaults, { ...fw.defaults, floor: 30, need: 0 }, { ...fw.defaults, need: 3 }]) {
        for (let n = 0; n < 40; n++) {
          const facts = school(random);
          const got = categorise(fw, facts, { params, trace: true }).trace.map((t) => OUTCOME[t.outcome]);
          const fired = new Map<string, Truth>();
          for (const c of def.criteria) fired.set(c.id, reference(c.when, facts, params, fired));
          expect(got, `${def.id}, ${JSON.stringify(facts)}`).toEqual([...fired.values()]);
          checked++;
        }
      }
    }
    expect(checked).toBe(60 * 3 * 40);
  });

  it('evaluates each node alone (`run`, for the explainers and the worst case) as it does every node at once', () => {
    const random = seededRandom(29);
    let nodes = 0;
    for (let seed = 100; seed < 140; seed++) {
      const fw = compileFramework(generated(seed));
      const p = fw.program;
      for (const params of [fw.defaults, { ...fw.defaults, floor: 30, need: 1 }]) {
        const k = operandsFor(p, params);
        for (let n = 0; n < 30; n++) {
          const facts = school(random);
          const v = fw.slotNumbers.map((i) => factAt(facts, i));
          const out = new Uint8Array(p.kind.length);
          evaluateAll(p, v, k, out);
          const fired = p.rootOf.map((node) => truth(out[p.outcomeAt[node]!]!) as Truth);
          // Every criterion is written (the check of every other node below catches an unwritten one).
          expect(fired).not.toContain('unwritten');
          // Every node evaluateAll takes (a "present" a guard stands for is not taken), and every reference to one.
          const taken = new Set(p.schedule);
          for (let node = 0; node < p.kind.length; node++) {
            if (!taken.has(p.outcomeAt[node]!)) continue;
            expect(run(p, node, v, k, fired), `node ${node} of ${fw.definition.id}`).toBe(truth(out[p.outcomeAt[node]!]!));
            nodes++;
          }
        }
      }
    }
    expect(nodes).toBeGreaterThan(20_000);
  });

  it('reads a fact once for its equalities with texts, and gives each its own outcome', () => {
    // Three equalities on one fact, two of them guarded ("given and", "blank or"), and one on another fact
    // between them: `evaluateAll` takes the trend's five as one group (one header in the schedule's code).
    const trend = (value: string) => ({ fact: 'attainmentTrend', op: 'eq', value }) as const;
    const conditions: Condition[] = [
      trend('improving'), trend('stable'), { fact: 'ofstedBand', op: 'eq', value: 'good-or-better' }, trend('declining'),
      { all: [{ fact: 'attainmentTrend', op: 'present' }, trend('stable')] },
      { any: [{ fact: 'attainmentTrend', op: 'absent' }, trend('declining')] },
    ];
    const def = generated(7);
    const criteria = conditions.map((when, i) => ({ id: `c${i}`, label: `Criterion ${i}`, when, citation: cite(`S${i}`) }));
    const fw = compileFramework({ ...def, criteria, categories: [def.categories[0]!, { ...def.categories[1]!, when: { criterion: 'c5' } }] });
    const p = fw.program;
    // Two groups (the trend's and the band's): the code holds the 6 steps and a header each.
    expect(p.steps.code.length).toBe((6 + 2) * 4);
    const k = operandsFor(p, fw.defaults);
    for (const value of [...TRENDS, undefined]) {
      const facts: Facts = { ...school(seededRandom(3)), attainmentTrend: value };
      const v = fw.slotNumbers.map((i) => factAt(facts, i));
      const out = new Uint8Array(p.kind.length);
      evaluateAll(p, v, k, out);
      const got = p.criterionOutcomeAt.map((at) => truth(out[at]!));
      const is = (x: string) => (value === undefined ? undefined : value === x);
      expect(got, String(value)).toEqual([is('improving'), is('stable'), true, is('declining'), value === undefined ? false : value === 'stable', value === undefined ? true : value === 'declining']);
    }
  });

  it('gives `all` and `any` of two parts (a step of their own) the three-valued table, on every pair of outcomes', () => {
    const short = { fact: 'monthsInPost', op: 'lt', value: 12 } as const;
    const falling = { fact: 'fallingRoll', op: 'isTrue' } as const;
    const def = generated(9);
    const criteria = [{ all: [short, falling] }, { any: [short, falling] }].map((when, i) => ({ id: `c${i}`, label: `Criterion ${i}`, when, citation: cite(`S${i}`) }));
    const fw = compileFramework({ ...def, criteria, categories: [def.categories[0]!, { ...def.categories[1]!, when: { criterion: 'c1' } }] });
    const and = (x: Truth, y: Truth) => (x === false || y === false ? false : x === undefined || y === undefined ? undefined : true);
    const or = (x: Truth, y: Truth) => (x === true || y === true ? true : x === undefined || y === undefined ? undefined : false);
    for (const [months, isShort] of [[6, true], [30, false], [undefined, undefined]] as const) {
      for (const isFalling of [true, false, undefined]) {
        const facts: Facts = { ...school(seededRandom(5)), monthsInPost: months, fallingRoll: isFalling };
        const got = categorise(fw, facts, { trace: true }).trace.map((t) => OUTCOME[t.outcome]);
        expect(got, `${months} ${isFalling}`).toEqual([and(isShort, isFalling), or(isShort, isFalling)]);
      }
    }
  });

  it('evaluates a condition written twice once: one node', () => {
    const given = { fact: 'monthsInPost', op: 'gte', value: 24 } as const;
    const def = generated(5);
    const twice = compileFramework({ ...def, criteria: [{ ...def.criteria[0]!, when: { all: [given, { fact: 'fallingRoll', op: 'isTrue' }] } }, { ...def.criteria[1]!, when: { any: [given, { fact: 'fallingRoll', op: 'isTrue' }] } }, ...def.criteria.slice(2)] });
    const once = compileFramework({ ...def, criteria: [{ ...def.criteria[0]!, when: { all: [given, { fact: 'fallingRoll', op: 'isTrue' }] } }, { ...def.criteria[1]!, when: { any: [{ fact: 'monthsInPost', op: 'gte', value: 25 }, { fact: 'fallingRoll', op: 'isTrue' }] } }, ...def.criteria.slice(2)] });
    expect(once.program.kind.length - twice.program.kind.length).toBe(1);
  });

  it('resolves parameters per parameters object: a new object shows, and the first again gives the first outcome', () => {
    const fw = compileFramework(generated(3));
    const def = { ...generated(3), criteria: [{ id: 'c0', label: 'Below floor', when: { fact: 'ks2RwmExpectedPct', op: 'lt', value: { param: 'floor' } }, citation: cite('S') }, ...generated(3).criteria.slice(1)] } as FrameworkDefinition;
    const floor = compileFramework(def);
    const facts: Facts = { ...school(seededRandom(1)), ks2RwmExpectedPct: 50 };
    const outcome = (params: Parameters) => categorise(floor, facts, { params, trace: true }).trace[0]!.outcome;
    expect(outcome(floor.defaults)).toBe('fired');
    expect(outcome({ ...floor.defaults, floor: 40 })).toBe('not-fired');
    expect(outcome({ ...floor.defaults, floor: 'sixty' })).toBe('unknown');
    expect(outcome(floor.defaults)).toBe('fired');
    // Another framework's parameters in between leave this one's untouched.
    categorise(fw, facts, { params: { ...fw.defaults, floor: 0 } });
    expect(outcome(floor.defaults)).toBe('fired');
  });
});
