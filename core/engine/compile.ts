/**
 * Compiling a framework: its conditions become closures over a school's facts, each criterion in an
 * order where those it refers to come first, each category with the criteria its rule rests on. The
 * definition is checked first (core/frameworkCheck.ts): `compileFramework` throws
 * `FrameworkDefinitionError` for a malformed one, and everything below may take it as sound.
 *
 * A closure reads facts by slot from `v` (the facts the framework reads, copied out of the school's facts
 * once per school): closures made from one literal share V8's feedback, so `facts[key]` with a different
 * key in each would be a megamorphic lookup on every node, an array index is not. Each operator and
 * operand kind gets its own closure, so the hot path never dispatches on either.
 *
 * The explainers (explain.ts) and the worst case's possibility evaluators (worstCase.ts) are compiled
 * beside the evaluators, reusing them.
 */
import { factAt, FACT_KEYS } from '../factShape';
import { DERIVED_FACT_SOURCES, factLabel, type FactKey } from '../facts';
import { FIELDS, normaliseKey, type FieldKey } from '../fields';
import { FrameworkDefinitionError, type Condition, type FactCondition, type FrameworkDefinition, type FrameworkOrigin, type Scalar } from '../framework';
import { parseFramework } from '../frameworkCheck';
import { latestDefaults } from '../parameters';
import { compileExplainers, defaultReason, reasonReferences, type ExplainFor } from './explain';
import { ANY, isParamRef, NONE, type CompiledCategory, type CompiledCriterion, type CompiledFramework, type Evaluator, type Truth } from './types';
import { compilePossibilities } from './worstCase';

const COMPARE = { lt: (a: number, b: number) => a < b, lte: (a: number, b: number) => a <= b, gt: (a: number, b: number) => a > b, gte: (a: number, b: number) => a >= b } as const;
const FACT_NUMBER: ReadonlyMap<string, number> = new Map(FACT_KEYS.map((k, i) => [k, i]));

/** Checks a framework definition and compiles it. Throws `FrameworkDefinitionError`, naming every problem, when it is malformed. */
export function compileFramework(def: FrameworkDefinition, origin: FrameworkOrigin = { kind: 'built-in' }): CompiledFramework {
  const parsed = parseFramework(def);
  if (!parsed.ok) throw new FrameworkDefinitionError(String((def as { id?: unknown }).id), parsed.issues.map((i) => i.message).join('\n'));
  return compileChecked(parsed.definition, origin);
}

/** Compiles a definition already checked by `parseFramework` (the loader's path: it checks once). */
export function compileChecked(def: FrameworkDefinition, origin: FrameworkOrigin): CompiledFramework {
  const rankById = new Map(def.categories.map((c, i) => [c.id, i]));
  const defaultRank = rankById.get(def.selection.default)!;
  const criterionIndex = new Map(def.criteria.map((c, i) => [c.id, i]));

  // Set once every condition is compiled; read only when a reason's text is.
  let explainFor: ExplainFor = () => new Set();
  const slots: FactKey[] = [];
  const slotByFact = new Map<FactKey, number>();
  const slotOf = (fact: FactKey): number => {
    let i = slotByFact.get(fact);
    if (i === undefined) slotByFact.set(fact, (i = slots.push(fact) - 1));
    return i;
  };
  const compiled: (CompiledCriterion | undefined)[] = new Array(def.criteria.length);

  // Every condition's evaluator, as compiled: the explainers below reuse them rather than compile again.
  const evaluatorOf = new Map<Condition, Evaluator>();
  const compileCondition = (cond: Condition, facts: Set<FactKey>, refs: Set<number>): Evaluator => {
    const evaluate = compileNode(cond, facts, refs);
    evaluatorOf.set(cond, evaluate);
    return evaluate;
  };
  const compileNode = (cond: Condition, facts: Set<FactKey>, refs: Set<number>): Evaluator => {
    if ('criterion' in cond) {
      const i = criterionIndex.get(cond.criterion)!;
      const target = compileCriterion(i);
      target.facts.forEach((f) => facts.add(f));
      refs.add(i);
      target.refersTo.forEach((r) => refs.add(r));
      return (_f, _p, fired) => fired[i];
    }
    if ('all' in cond) return junction(cond.all.map((c) => compileCondition(c, facts, refs)), false);
    if ('any' in cond) return junction(cond.any.map((c) => compileCondition(c, facts, refs)), true);
    if ('not' in cond) {
      // Compiled even for "not (criterion)", which reads the outcome directly: compiling records the facts
      // and criteria it depends on.
      const inner = compileCondition(cond.not, facts, refs);
      if ('criterion' in cond.not) {
        const i = criterionIndex.get(cond.not.criterion)!;
        return (_f, _p, fired) => {
          const t = fired[i];
          return t === undefined ? undefined : !t;
        };
      }
      return (f, p, fired) => {
        const t = inner(f, p, fired);
        return t === undefined ? undefined : !t;
      };
    }
    if ('atLeast' in cond) {
      const parts = cond.of.map((c) => compileCondition(c, facts, refs));
      const n = cond.atLeast;
      return (f, p, fired) => {
        const need = isParamRef(n) ? Number(p[n.param]) : n;
        let yes = 0;
        let unknown = 0;
        for (const part of parts) {
          const t = part(f, p, fired);
          if (t === true) yes++;
          else if (t === undefined) unknown++;
        }
        if (yes >= need) return true;
        return yes + unknown < need ? false : undefined;
      };
    }
    return compileFactCondition(cond, facts);
  };

  const compileFactCondition = (cond: FactCondition, facts: Set<FactKey>): Evaluator => {
    facts.add(cond.fact);
    const key = slotOf(cond.fact);
    const operand = cond.value;
    // Each operator and operand kind gets its own closure, so the hot path never dispatches on either.
    const param = isParamRef(operand) ? operand.param : null;
    switch (cond.op) {
      case 'present':
        return (f) => f[key] !== undefined;
      case 'absent':
        return (f) => f[key] === undefined;
      case 'isTrue':
        return (f) => {
          const v = f[key];
          return v === undefined ? undefined : v === true;
        };
      case 'isFalse':
        return (f) => {
          const v = f[key];
          return v === undefined ? undefined : v === false;
        };
      case 'eq':
        if (param !== null) return (f, p) => (f[key] === undefined ? undefined : f[key] === p[param]);
        return (f) => {
          const v = f[key];
          return v === undefined ? undefined : v === operand;
        };
      case 'ne':
        if (param !== null) return (f, p) => (f[key] === undefined ? undefined : f[key] !== p[param]);
        return (f) => {
          const v = f[key];
          return v === undefined ? undefined : v !== operand;
        };
      case 'in':
      case 'notIn': {
        const list = operand as readonly Scalar[];
        // Lists in policies are short: a scan beats hashing.
        if (cond.op === 'in') {
          return (f) => {
            const v = f[key];
            return v === undefined ? undefined : list.includes(v as Scalar);
          };
        }
        return (f) => {
          const v = f[key];
          return v === undefined ? undefined : !list.includes(v as Scalar);
        };
      }
      default: {
        const op = cond.op;
        const compare = COMPARE[op];
        if (param !== null) {
          return (f, p) => {
            const v = f[key];
            const w = p[param];
            return typeof v !== 'number' || typeof w !== 'number' ? undefined : compare(v, w);
          };
        }
        if (typeof operand !== 'number') return () => undefined;
        const w = operand;
        switch (op) {
          case 'lt': return (f) => { const v = f[key]; return typeof v === 'number' ? v < w : undefined; };
          case 'lte': return (f) => { const v = f[key]; return typeof v === 'number' ? v <= w : undefined; };
          case 'gt': return (f) => { const v = f[key]; return typeof v === 'number' ? v > w : undefined; };
          default: return (f) => { const v = f[key]; return typeof v === 'number' ? v >= w : undefined; };
        }
      }
    }
  };

  const compileCriterion = (i: number): CompiledCriterion => {
    const done = compiled[i];
    if (done) return done;
    const c = def.criteria[i]!;
    const facts = new Set<FactKey>();
    const refs = new Set<number>();
    const evaluate = compileCondition(c.when, facts, refs);
    const factList = [...facts];
    const result: CompiledCriterion = { def: c, index: i, evaluate, possible: () => ANY, slotsRead: NONE, facts: factList, refersTo: [...refs], reasonRefs: reasonReferences(c.when, criterionIndex), labels: factList.map(factLabel), indicatesRank: c.indicates === undefined ? -1 : rankById.get(c.indicates)!,
      id: c.id, label: c.label, citation: c.citation, critical: c.critical === true, exclusiveFact: null,
      explain: (school) => explainFor(i, school),
    };
    compiled[i] = result;
    return result;
  };
  def.criteria.forEach((_, i) => compileCriterion(i));
  const criteria = compiled as CompiledCriterion[];
  // Referenced criteria are compiled first, so evaluating in compile order fills `fired` safely.
  const order = topologicalOrder(criteria);

  // Facts read outside the criteria: variants, additional offers, academies' offers.
  const otherFacts = new Set<FactKey>();
  const categories = def.categories.map((c, rank): CompiledCategory => {
    const refs = new Set<number>();
    const when = c.when ? compileCondition(c.when, new Set(), refs) : null;
    const variants = (c.variants ?? []).map((v) => ({ id: v.id, label: v.label, when: compileCondition(v.when, otherFacts, new Set()), shown: Object.freeze({ id: v.id, label: v.label }) }));
    if (c.support.academy) otherFacts.add('isAcademy');
    return { def: c, rank, when, possibleWhen: null, criteria: [...refs], reasonRefs: c.when ? reasonReferences(c.when, criterionIndex) : [], variants, defaultReason: Object.freeze(defaultReason(c)) };
  });

  const additional = (def.additional ?? []).map((a) => ({
    def: a, when: compileCondition(a.when, otherFacts, new Set()), shown: Object.freeze({ id: a.id, label: a.label, offer: a.offer, citation: a.citation }),
  }));
  const defaults = latestDefaults(def.parameters);
  const categoryByKey = new Map<string, CompiledCategory>();
  for (const c of categories) {
    categoryByKey.set(normaliseKey(c.def.id), c);
    categoryByKey.set(normaliseKey(c.def.label), c);
  }

  // Every condition is compiled by now: the slots are final.
  const slotNumbers = slots.map((k) => FACT_NUMBER.get(k)!);
  explainFor = compileExplainers(def, criterionIndex, evaluatorOf, (school) => {
    // The school is evaluated again once for all its reasons: the hot path keeps no copy of its outcomes.
    const v = slotNumbers.map((n) => factAt(school.facts, n));
    const fired: Truth[] = new Array(criteria.length);
    for (const c of order) fired[c.index] = c.evaluate(v, school.params, fired);
    return { v, fired };
  });
  compilePossibilities(def, criteria, categories, { evaluatorOf, slotByFact, criterionIndex });

  return { definition: def, origin, criteria: order, inDefinitionOrder: criteria, categories, defaultRank, additional, defaults, categoryByKey, otherFacts: [...otherFacts], slotNumbers, slotFacts: slots,
    scratch: {
      fired: new Array<Truth>(criteria.length).fill(undefined), v: new Array<unknown>(slots.length).fill(undefined),
      open: new Uint8Array(slots.length), lo: new Float64Array(slots.length), hi: new Float64Array(slots.length), possible: new Uint8Array(criteria.length),
    },
    supportByParams: new WeakMap(),
  };
}

/**
 * \`all\` (\`decisive\` false) and \`any\` (\`decisive\` true) in Kleene logic: one part with the decisive
 * outcome decides; otherwise any unknown part makes the whole unknown. Two parts, the commonest shape
 * ("given and ..."), are evaluated without the loop.
 */
function junction(parts: readonly Evaluator[], decisive: boolean): Evaluator {
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) {
    const [first, second] = parts as [Evaluator, Evaluator];
    return (f, p, fired) => {
      const a = first(f, p, fired);
      if (a === decisive) return decisive;
      const b = second(f, p, fired);
      if (b === decisive) return decisive;
      return a === undefined || b === undefined ? undefined : !decisive;
    };
  }
  return (f, p, fired) => {
    let unknown = false;
    for (const part of parts) {
      const t = part(f, p, fired);
      if (t === decisive) return decisive;
      if (t === undefined) unknown = true;
    }
    return unknown ? undefined : !decisive;
  };
}

function topologicalOrder(criteria: readonly CompiledCriterion[]): CompiledCriterion[] {
  const out: CompiledCriterion[] = [];
  const seen = new Set<number>();
  const visit = (c: CompiledCriterion) => {
    if (seen.has(c.index)) return;
    seen.add(c.index);
    c.refersTo.forEach((r) => visit(criteria[r]!));
    out.push(c);
  };
  criteria.forEach(visit);
  return out;
}

/** The record fields a framework reads (for the data dictionary and the missing-column check). */
export function fieldsUsedBy(fw: CompiledFramework): FieldKey[] {
  const used = new Set<FieldKey>();
  for (const facts of [...fw.criteria.map((c) => c.facts), fw.otherFacts]) {
    for (const f of facts) {
      if (f in FIELDS) used.add(f as FieldKey);
      else DERIVED_FACT_SOURCES[f as keyof typeof DERIVED_FACT_SOURCES].forEach((k) => used.add(k));
    }
  }
  return [...used];
}

/** Ranks of two category ids of a framework (for movements: up, down, same). */
export function categoryRank(fw: CompiledFramework, id: string): number | undefined {
  return fw.categoryByKey.get(normaliseKey(id))?.rank;
}

