/**
 * Compiling a framework: its conditions become nodes of one program (program.ts), each criterion in an
 * order where those it refers to come first, each category with the criteria its rule rests on. The
 * definition is checked first (core/frameworkCheck.ts): `compileFramework` throws
 * `FrameworkDefinitionError` for a malformed one, and everything below may take it as sound.
 *
 * A node reads facts by slot from `v` (the facts the framework reads, copied out of the school's facts
 * once per school): an array index, where `facts[key]` with a different key at each node would be a
 * megamorphic lookup.
 *
 * The explainers (explain.ts) and the worst case's possibility evaluators (worstCase.ts) are compiled
 * beside the evaluators, reusing them.
 */
import { FACT_KEYS, factNumber, readSlots } from '../factShape';
import { DERIVED_FACT_SOURCES, factLabel, type FactKey } from '../facts';
import { FIELDS, normaliseKey, type FieldKey } from '../fields';
import { FrameworkDefinitionError, type Condition, type FrameworkDefinition, type FrameworkOrigin } from '../framework';
import { parseFramework } from '../frameworkCheck';
import { latestDefaults } from '../parameters';
import { compileExplainers, defaultReason, reasonReferences, type ExplainFor } from './explain';
import { addComparison, addCriterion, addJunction, addNot, finishProgram, newProgram, operandsFor, run } from './program';
import { ANY, NONE, type CompiledCategory, type CompiledCriterion, type CompiledFramework, type Evaluator, type Truth } from './types';
import { compilePossibilities } from './possibilities';

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

  // Every condition is a node of one program (program.ts); its evaluator runs that node. The explainers
  // and the worst case reuse the evaluators rather than compile again.
  const program = newProgram();
  const evaluatorOf = new Map<Condition, Evaluator>();
  const evaluatorOfNode = (node: number): Evaluator => (v, p, fired) => run(program, node, v, operandsFor(program, p), fired);
  const compileCondition = (cond: Condition, facts: Set<FactKey>, refs: Set<number>): number => {
    const node = compileNode(cond, facts, refs);
    evaluatorOf.set(cond, evaluatorOfNode(node));
    return node;
  };
  const compileNode = (cond: Condition, facts: Set<FactKey>, refs: Set<number>): number => {
    if ('criterion' in cond) {
      const i = criterionIndex.get(cond.criterion)!;
      const target = compileCriterion(i);
      target.facts.forEach((f) => facts.add(f));
      refs.add(i);
      target.refersTo.forEach((r) => refs.add(r));
      return addCriterion(program, i);
    }
    if ('all' in cond) return addJunction(program, 'all', cond.all.map((c) => compileCondition(c, facts, refs)));
    if ('any' in cond) return addJunction(program, 'any', cond.any.map((c) => compileCondition(c, facts, refs)));
    if ('not' in cond) return addNot(program, compileCondition(cond.not, facts, refs));
    if ('atLeast' in cond) return addJunction(program, 'atLeast', cond.of.map((c) => compileCondition(c, facts, refs)), cond.atLeast);
    facts.add(cond.fact);
    return addComparison(program, cond.op, slotOf(cond.fact), cond.value);
  };

  const compileCriterion = (i: number): CompiledCriterion => {
    const done = compiled[i];
    if (done) return done;
    const c = def.criteria[i]!;
    const facts = new Set<FactKey>();
    const refs = new Set<number>();
    const node = compileCondition(c.when, facts, refs);
    const factList = [...facts];
    const result: CompiledCriterion = { def: c, index: i, node, evaluate: evaluatorOf.get(c.when)!, possible: () => ANY, slotsRead: NONE, facts: factList, refersTo: [...refs], reasonRefs: reasonReferences(c.when, criterionIndex), labels: factList.map(factLabel), indicatesRank: c.indicates === undefined ? -1 : rankById.get(c.indicates)!,
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
    const whenNode = c.when ? compileCondition(c.when, new Set(), refs) : -1;
    const variants = (c.variants ?? []).map((v) => ({ id: v.id, label: v.label, node: compileCondition(v.when, otherFacts, new Set()), when: evaluatorOf.get(v.when)!, shown: Object.freeze({ id: v.id, label: v.label }) }));
    if (c.support.academy) otherFacts.add('isAcademy');
    return { def: c, rank, when: c.when ? evaluatorOf.get(c.when)! : null, whenNode, possibleWhen: null, criteria: [...refs], reasonRefs: c.when ? reasonReferences(c.when, criterionIndex) : [], variants, defaultReason: Object.freeze(defaultReason(c)),
      id: c.id, label: c.label, colour: c.colour, textColour: c.textColour };
  });

  const additional = (def.additional ?? []).map((a) => ({
    def: a, node: compileCondition(a.when, otherFacts, new Set()), when: evaluatorOf.get(a.when)!, shown: Object.freeze({ id: a.id, label: a.label, offer: a.offer, citation: a.citation }),
  }));
  const defaults = latestDefaults(def.parameters);
  const categoryByKey = new Map<string, CompiledCategory>();
  for (const c of categories) {
    categoryByKey.set(normaliseKey(c.def.id), c);
    categoryByKey.set(normaliseKey(c.def.label), c);
  }

  // Every condition is compiled by now: the slots and the program are final.
  const entries = [...categories.flatMap((c) => [c.whenNode, ...c.variants.map((x) => x.node)]), ...additional.map((a) => a.node)].filter((n) => n >= 0);
  finishProgram(program, criteria.map((c) => c.node), entries);

  const slotNumbers = slots.map(factNumber);
  const slotOfFact = new Int32Array(FACT_KEYS.length).fill(-1);
  slotNumbers.forEach((n, slot) => (slotOfFact[n] = slot));
  explainFor = compileExplainers(def, criterionIndex, evaluatorOf, (school) => {
    // The school is evaluated again once for all its reasons: the hot path keeps no copy of its outcomes.
    const v: unknown[] = new Array(slots.length);
    readSlots(school.facts, slotOfFact, v);
    const fired: Truth[] = new Array(criteria.length);
    for (const c of order) fired[c.index] = c.evaluate(v, school.params, fired);
    return { v, fired };
  });
  compilePossibilities(def, criteria, categories, { evaluatorOf, slotByFact, criterionIndex });

  return { definition: def, id: def.id, version: def.version, firstMatch: def.selection.kind === 'firstMatch', origin, program, criteria: order, inDefinitionOrder: criteria, criterionIndex, rankOf: Int32Array.from(criteria, (c) => c.indicatesRank), criticalOf: Uint8Array.from(criteria, (c) => (c.critical ? 1 : 0)), categories, defaultRank, additional, defaults, categoryByKey, otherFacts: [...otherFacts], slotNumbers, slotFacts: slots, slotOfFact,
    scratch: {
      // Packed arrays (`Array.from`, not `new Array(n)`, which stays holey): every read skips a hole check.
      fired: Array.from({ length: criteria.length }, (): Truth => undefined), v: Array.from({ length: slots.length }, (): unknown => undefined),
      nodes: new Uint8Array(program.kind.length), support: { params: null, resolved: [] }, firedAt: new Int32Array(criteria.length), decides: new Uint8Array(criteria.length), counts: new Int32Array(categories.length),
      possible: new Uint8Array(criteria.length), certain: new Int32Array(categories.length), additionalLists: new Map(),
    },
    supportByParams: new WeakMap(),
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
      if (Object.hasOwn(FIELDS, f)) used.add(f as FieldKey);
      else DERIVED_FACT_SOURCES[f as keyof typeof DERIVED_FACT_SOURCES].forEach((k) => used.add(k));
    }
  }
  return [...used];
}

/** Ranks of two category ids of a framework (for movements: up, down, same). */
export function categoryRank(fw: CompiledFramework, id: string): number | undefined {
  return fw.categoryByKey.get(normaliseKey(id))?.rank;
}

