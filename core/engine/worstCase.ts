/**
 * The worst case: where a school's missing cells open some facts (core/missingEvidence.ts), each
 * condition is also evaluated to the set of outcomes it could have (true, false, unknown) whatever those
 * cells held, by possibility evaluators compiled beside the evaluators and reusing them on every fact
 * that is not open. The most concerning category whose rule could hold is the worst case; where it is
 * more concerning than the category, the result is provisional. Only rows with a missing cell pay for it.
 */
import type { FactKey } from '../facts';
import type { Condition, FactCondition, FrameworkDefinition } from '../framework';
import { inFieldOrder, type UnknownFact, type Unknowns } from '../missingEvidence';
import type { FieldKey } from '../fields';
import type { Parameters } from '../parameters';
import type { WorstCase } from '../result';
import * as selection from './selection';
import * as types from './types';
import type { CompiledCategory, CompiledCriterion, CompiledFramework, Evaluator, OpenSchool, Outcomes, Possible, Truth } from './types';

// Bound once: under CommonJS interop (tsx, vitest) an imported binding is a getter, read at every use
// otherwise, and the possibility evaluators use these for every school with missing evidence.
const { ANY, F, isParamRef, outcomeOf, T, U } = types;
const { medianRank } = selection;

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
      const o = w.open[slot];
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

/**
 * What the worst case needs of a framework beyond its compiled form, worked out once per framework: the
 * slot of each fact, the criteria reading each slot (so a school's open slots mark the criteria to
 * reconsider, rather than every criterion scanning its slots), and working flags.
 */
interface Plan {
  readonly slotOf: ReadonlyMap<FactKey, number>;
  /** By slot: the indices of the criteria that read it. */
  readonly readersOf: readonly (readonly number[])[];
  /** By criterion: its exclusive fact's group (criteria of which at most one fires), or -1. */
  readonly groupOf: Int32Array;
  /** Working flags by criterion: reads an open slot; is a reason for the worst case. */
  readonly readsOpen: Uint8Array;
  readonly why: Uint8Array;
  /** Working lists: the school's open slots and what each may be. */
  readonly openSlots: Int32Array;
  readonly openFacts: UnknownFact[];
  /** Best fit's working counts by rank (certain evidence, extra evidence, both) and the exclusive groups' most concerning rank. */
  readonly fired: number[];
  readonly extraAt: number[];
  readonly counts: number[];
  readonly mostConcerning: number[];
}

const plans = new WeakMap<CompiledFramework, Plan>();

function planOf(fw: CompiledFramework): Plan {
  let plan = plans.get(fw);
  if (plan !== undefined) return plan;
  const readersOf: number[][] = fw.slotFacts.map(() => []);
  for (const c of fw.criteria) for (const s of new Set(c.slotsRead)) readersOf[s]!.push(c.index);
  const groupOf = new Int32Array(fw.inDefinitionOrder.length).fill(-1);
  const groupNumbers = new Map<FactKey, number>();
  for (const c of fw.inDefinitionOrder) {
    if (c.exclusiveFact === null) continue;
    let g = groupNumbers.get(c.exclusiveFact);
    if (g === undefined) groupNumbers.set(c.exclusiveFact, (g = groupNumbers.size));
    groupOf[c.index] = g;
  }
  plan = {
    slotOf: new Map(fw.slotFacts.map((f, i) => [f, i])),
    readersOf,
    groupOf,
    readsOpen: new Uint8Array(fw.inDefinitionOrder.length),
    why: new Uint8Array(fw.inDefinitionOrder.length),
    openSlots: new Int32Array(fw.slotFacts.length),
    openFacts: [],
    fired: fw.categories.map(() => 0),
    extraAt: fw.categories.map(() => 0),
    counts: fw.categories.map(() => 0),
    mostConcerning: Array.from({ length: groupNumbers.size }, () => -1),
  };
  plans.set(fw, plan);
  return plan;
}

/**
 * The most concerning category the school's open facts could give, with the missing cells that could
 * give it; `null` when it is the category itself (the result is not provisional).
 */
export function worstCase(fw: CompiledFramework, v: readonly unknown[], params: Parameters, fired: readonly Truth[], firedList: readonly CompiledCriterion[], rank: number, unknowns: Unknowns): WorstCase | null {
  // Nothing is more concerning than the most concerning category.
  if (rank >= fw.categories.length - 1) return null;
  const { open, lo, hi, possible } = fw.scratch;
  const plan = planOf(fw);
  const { readsOpen, why, openSlots, openFacts } = plan;
  // Every slot closed, then the school's few open facts opened, marking the criteria that read them.
  open.fill(0);
  readsOpen.fill(0);
  let opens = 0;
  for (const [fact, u] of unknowns) {
    const i = plan.slotOf.get(fact);
    if (i === undefined) continue;
    if (u.range) {
      open[i] = 2;
      lo[i] = u.range[0];
      hi[i] = u.range[1];
    } else open[i] = 1;
    openSlots[opens] = i;
    openFacts[opens++] = u;
    for (const c of plan.readersOf[i]!) readsOpen[c] = 1;
  }
  if (opens === 0) return null;
  const school: OpenSchool = { v, p: params, fired, open, lo, hi, possible };
  // A criterion that reads no open slot can only have its outcome.
  for (let i = 0; i < readsOpen.length; i++) possible[i] = outcomeOf(fired[i]);
  // Evidence that could be there or not (only a criterion reading an open slot can be uncertain), for a best fit.
  const extra: CompiledCriterion[] = [];
  // In evaluation order: a criterion's possibility may read those of the criteria it refers to.
  for (const c of fw.criteria) {
    if (readsOpen[c.index] === 0) continue;
    const m = c.possible(school);
    possible[c.index] = m;
    if (c.indicatesRank >= 0 && (m & T) !== 0 && m !== T) extra.push(c);
  }

  let worst = rank;
  why.fill(0);
  let anyWhy = false;
  if (fw.definition.selection.kind === 'firstMatch') {
    for (let r = fw.categories.length - 1; r > rank; r--) {
      const cat = fw.categories[r]!;
      if (cat.possibleWhen && (cat.possibleWhen(school) & T) !== 0) {
        if (worst === rank) worst = r;
        for (const i of cat.criteria) {
          if ((possible[i]! & T) !== 0 && fired[i] !== true) {
            why[i] = 1;
            anyWhy = true;
          }
        }
      }
    }
  } else {
    // Evidence that holds whatever the blanks held, and evidence that could be there or not (a criterion
    // that fired on a number the blanks could move, too).
    // Loops rather than callbacks: this runs for most schools, and each callback made is a function object.
    const certain: CompiledCriterion[] = [];
    for (const c of firedList) if (possible[c.index] === T) certain.push(c);
    worst = Math.max(rank, worstBestFit(fw, plan, certain, extra));
    if (worst <= rank) return null;
    for (const c of extra) {
      if (c.indicatesRank <= rank || fired[c.index] === true) continue;
      why[c.index] = 1;
      for (const i of c.refersTo) why[i] = 1;
      anyWhy = true;
    }
  }
  if (worst <= rank) return null;
  // With repeats: inFieldOrder lists each once.
  const fields: FieldKey[] = [];
  if (anyWhy) {
    // The missing cells of each open fact a reason reads (a criterion's slots are those of its facts).
    for (let k = 0; k < opens; k++) {
      for (const c of plan.readersOf[openSlots[k]!]!) {
        if (why[c] === 0) continue;
        for (const x of openFacts[k]!.fields) fields.push(x);
        break;
      }
    }
  }
  // Every criterion that could lift the school reads an open fact; this is a guard, never the rule.
  if (fields.length === 0) for (const u of unknowns.values()) for (const x of u.fields) fields.push(x);
  const cat = fw.categories[worst]!.def;
  return { category: cat.id, label: cat.label, missing: inFieldOrder(fields) };
}

/**
 * Best fit at its worst: the most concerning median the evidence could have, `certain` evidence and some
 * of the `extra` (criteria that could fire, or not), and the highest floor any critical one could set.
 * Adding evidence below the median can only lower it, so for each category the extra evidence from it up
 * is tried; of criteria that cannot fire together (one area's grades), only the most concerning.
 */
function worstBestFit(fw: CompiledFramework, plan: Plan, certain: readonly CompiledCriterion[], extra: readonly CompiledCriterion[]): number {
  const n = fw.categories.length;
  // Working arrays of the plan, emptied here: this runs for most schools of a best-fit framework.
  const { fired, extraAt, counts, mostConcerning } = plan;
  for (let r = 0; r < n; r++) fired[r] = extraAt[r] = 0;
  for (let g = 0; g < mostConcerning.length; g++) mostConcerning[g] = -1;
  // The certain evidence by rank, and its floor: best fit on it alone is the median, lifted to the floor.
  let floor = -1;
  for (const c of certain) {
    if (c.indicatesRank < 0) continue;
    fired[c.indicatesRank]!++;
    if (c.critical && c.indicatesRank > floor) floor = c.indicatesRank;
  }
  let worst = medianRank(fired, fw.defaultRank);
  // Each extra piece of evidence by its rank; of criteria that cannot fire together, the most concerning.
  for (const c of extra) {
    if (c.critical && c.indicatesRank > floor) floor = c.indicatesRank;
    const g = plan.groupOf[c.index]!;
    if (g < 0) extraAt[c.indicatesRank]!++;
    else if (mostConcerning[g]! < c.indicatesRank) mostConcerning[g] = c.indicatesRank;
  }
  for (const r of mostConcerning) if (r >= 0) extraAt[r]!++;
  for (let t = 0; t < n; t++) {
    for (let r = 0; r < n; r++) counts[r] = fired[r]! + (r >= t ? extraAt[r]! : 0);
    const lifted = medianRank(counts, fw.defaultRank);
    if (lifted > worst) worst = lifted;
  }
  return Math.max(worst, floor);
}
