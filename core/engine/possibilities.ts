/**
 * The possibility evaluators the worst case runs (worstCase.ts), compiled once per framework beside the
 * evaluators: on a closed fact a condition's compiled outcome, on a fact a school's missing cells open the
 * set of outcomes it could have (true, false, unknown) whatever those cells held.
 */
import type { FactKey } from '../facts';
import type { Condition, FactCondition, FrameworkDefinition } from '../framework';
import type { Parameters } from '../parameters';
import * as types from './types';
import type { CompiledCategory, CompiledCriterion, Evaluator, Outcomes, Possible } from './types';

// Bound once: under CommonJS interop (tsx, vitest) an imported binding is a getter, read at every use
// otherwise, and the possibility evaluators use these for every school with missing evidence.
const { ANY, F, isParamRef, outcomeOf, T, U } = types;

/**
 * Compiles each criterion's and each category rule's possibility evaluator: on a closed fact, the compiled
 * evaluator's outcome; on an open one, what it could be. Also marks the criteria that test one fact for
 * different values (of which at most one fires, as a best fit's worst case needs to know).
 */
export function compilePossibilities(
  def: FrameworkDefinition,
  criteria: readonly CompiledCriterion[],
  categories: readonly CompiledCategory[],
  compiled: { readonly evaluatorOf: ReadonlyMap<Condition, Evaluator>; readonly slotByFact: ReadonlyMap<FactKey, number>; readonly criterionIndex: ReadonlyMap<string, number> },
): void {
  const { evaluatorOf, slotByFact, criterionIndex } = compiled;
  const compilePossible = (cond: Condition): Possible => {
    if ('criterion' in cond) {
      const i = criterionIndex.get(cond.criterion)!;
      return (w) => w.possible[i]!;
    }
    if ('not' in cond) {
      const inner = compilePossible(cond.not);
      return (w) => {
        const m = inner(w);
        return (m & U) | (m & T ? F : 0) | (m & F ? T : 0);
      };
    }
    if ('all' in cond || 'any' in cond) return possibleJunction(('all' in cond ? cond.all : cond.any).map(compilePossible), 'any' in cond);
    if ('atLeast' in cond) {
      const parts = cond.of.map(compilePossible);
      const n = cond.atLeast;
      return (w) => {
        const need = isParamRef(n) ? Number(w.p[n.param]) : n;
        let canYes = 0;
        let mustYes = 0;
        let cannotNo = 0;
        let canUnknown = false;
        for (const part of parts) {
          const m = part(w);
          if (m & T) canYes++;
          if (m === T) mustYes++;
          if (!(m & F)) cannotNo++;
          if (m & U) canUnknown = true;
        }
        return (canYes >= need ? T : 0) | (cannotNo < need ? F : 0) | (canUnknown && mustYes < need ? U : 0);
      };
    }
    const evaluate = evaluatorOf.get(cond)!;
    const slot = slotByFact.get(cond.fact)!;
    const inRange = rangeOutcomes(cond);
    return (w) => {
      const o = w.open[w.openAt + slot];
      if (o === 0) return outcomeOf(evaluate(w.v, w.p, w.fired));
      return o === 2 && inRange ? inRange(w.lo[slot]!, w.hi[slot]!, w.p) : ANY;
    };
  };
  for (const c of criteria) {
    c.possible = compilePossible(c.def.when);
    c.slotsRead = c.facts.map((f) => slotByFact.get(f)!);
  }
  // Criteria that each test one fact for a different value cannot fire together.
  const byTestedFact = new Map<FactKey, CompiledCriterion[]>();
  for (const c of criteria) {
    const w = c.def.when;
    if ('fact' in w && w.op === 'eq' && !isParamRef(w.value) && !Array.isArray(w.value)) byTestedFact.set(w.fact, [...(byTestedFact.get(w.fact) ?? []), c]);
  }
  for (const [fact, group] of byTestedFact) {
    const values = group.map((c) => (c.def.when as FactCondition).value);
    if (group.length > 1 && new Set(values).size === values.length) for (const c of group) c.exclusiveFact = fact;
  }
  for (const cat of categories) cat.possibleWhen = cat.def.when ? compilePossible(cat.def.when) : null;
}

/** `all` (`isAny` false) and `any` over possible outcomes: the Kleene junction of every combination of its parts'. */
function possibleJunction(parts: readonly Possible[], isAny: boolean): Possible {
  // For `any` the roles of true and false swap.
  const yes = isAny ? F : T;
  const no = isAny ? T : F;
  return (w) => {
    let allCanYes = true;
    let someCanNo = false;
    let someCanUnknown = false;
    let allCanYesOrUnknown = true;
    for (const part of parts) {
      const m = part(w);
      if (!(m & yes)) allCanYes = false;
      if (m & no) someCanNo = true;
      if (m & U) someCanUnknown = true;
      if (!(m & (yes | U))) allCanYesOrUnknown = false;
    }
    return (allCanYes ? yes : 0) | (someCanNo ? no : 0) | (someCanUnknown && allCanYesOrUnknown ? U : 0);
  };
}

/** For a comparison with a number: its outcomes when the fact is somewhere in `lo`..`hi`; `null` for other operators. */
function rangeOutcomes(cond: FactCondition): ((lo: number, hi: number, p: Parameters) => Outcomes) | null {
  const op = cond.op;
  if (op !== 'lt' && op !== 'lte' && op !== 'gt' && op !== 'gte') return null;
  const operand = cond.value;
  const limit = (p: Parameters) => (isParamRef(operand) ? p[operand.param] : operand);
  return (lo, hi, p) => {
    const x = limit(p);
    if (typeof x !== 'number') return ANY;
    switch (op) {
      case 'gte': return (hi >= x ? T : 0) | (lo < x ? F : 0);
      case 'gt': return (hi > x ? T : 0) | (lo <= x ? F : 0);
      case 'lt': return (lo < x ? T : 0) | (hi >= x ? F : 0);
      default: return (lo <= x ? T : 0) | (hi > x ? F : 0);
    }
  };
}
