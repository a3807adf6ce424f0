/**
 * The one evaluator of every framework. `compileFramework` checks a definition once (a malformed one
 * throws `FrameworkDefinitionError` at load time) and turns its conditions into closures;
 * `categorise` then evaluates every criterion on one school's facts, picks the category by the
 * framework's selection rule, resolves the support offer and returns the whole trace.
 *
 * Logic is three-valued (Kleene): a comparison on a blank fact is unknown, `all` is false if any part is
 * false, `any` is true if any part is true. A criterion fires only on evidence, never on a blank.
 *
 * The worst case: given the facts a school's missing cells open (core/missingEvidence.ts), each condition
 * is also evaluated to the set of outcomes it could have (true, false, unknown) whatever those cells held,
 * by possibility evaluators compiled beside the evaluators and reusing them on every fact that is not
 * open. The most concerning category whose rule could hold is the worst case; where it is more
 * concerning than the category, the result is provisional. Only rows with a missing cell pay for it.
 */
import { toUkDate, type CalendarDate } from './dates';
import { factAt, FACT_KEYS } from './factShape';
import { DERIVED_FACT_LABELS, DERIVED_FACT_SOURCES, factLabel, type FactKey, type Facts } from './facts';
import { inFieldOrder, type Unknowns } from './missingEvidence';
import { FIELDS, normaliseKey, type FieldKey } from './fields';
import {
  FrameworkDefinitionError,
  type CategoryDef, type Citation, type Condition, type Criterion, type FactCondition, type FrameworkDefinition, type FrameworkOrigin, type ParamRef, type Scalar, type SupportOffer,
} from './framework';
import { latestDefaults, type Parameters } from './parameters';
import { problem, type Problem } from './problems';
import type { Categorisation, CriterionTrace, Reason, ResolvedSupport, WorstCase } from './result';

export { resolveParameters, type Parameters } from './parameters';

type Truth = boolean | undefined;

/** One school's evaluation, shared by its reasons: what their text is worded from, when it is read. */
interface Evaluation {
  readonly facts: Facts;
  readonly params: Parameters;
  /** The criteria's outcomes, worked out again on the first reason read. */
  again: { readonly v: readonly unknown[]; readonly fired: readonly Truth[] } | null;
}
/**
 * A compiled condition. It reads facts by slot from `v` (the facts the framework reads, copied out of
 * the school's facts once): closures made from one literal share V8's feedback, so `facts[key]` with a
 * different key in each would be a megamorphic lookup on every node, an array index is not.
 */
type Evaluator = (v: readonly unknown[], params: Parameters, fired: readonly Truth[]) => Truth;

/** The outcomes a condition could have, as bits: true, false, unknown. */
type Outcomes = number;
const T = 1;
const F = 2;
const U = 4;
const ANY = T | F;
const outcomeOf = (t: Truth): Outcomes => (t === true ? T : t === false ? F : U);

/**
 * A school with open facts, as the possibility evaluators read it: the facts (`v`), the criteria's
 * outcomes (`fired`), and per slot whether it is closed (0), any value (1) or a number in `lo`..`hi` (2).
 */
interface OpenSchool {
  readonly v: readonly unknown[];
  readonly p: Parameters;
  readonly fired: readonly Truth[];
  readonly open: Uint8Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** Each criterion's possible outcomes, filled in evaluation order. */
  readonly possible: Uint8Array;
}
/** The outcomes a condition could have on a school with open facts. */
type Possible = (w: OpenSchool) => Outcomes;

interface CompiledCriterion {
  readonly def: Criterion;
  readonly index: number;
  readonly evaluate: Evaluator;
  /** Its possible outcomes where facts are open (the worst case). */
  possible: Possible;
  /** The slots of the facts it reads (as `facts`): where none is open, its possible outcome is its outcome. */
  slotsRead: readonly number[];
  /** Facts the criterion reads, directly or through the criteria it refers to. */
  readonly facts: readonly FactKey[];
  /** Criteria this one refers to (for reasons: what made it fire). */
  readonly refersTo: readonly number[];
  /** The facts that made it fire on a school: the conditions that agree with its outcome (for reasons). */
  readonly explain: (school: Evaluation) => ReadonlySet<FactKey>;
  /** Each fact's label, worked out once: reasons are built for every fired criterion of every row. */
  readonly labels: readonly string[];
  /** Rank of the category it indicates (-1: none). */
  readonly indicatesRank: number;
  /**
   * The fact it tests for one value ("Outcomes judged C"), where other criteria test the same fact for
   * other values: of those, at most one fires, which the worst case of a best fit needs to know.
   */
  exclusiveFact: FactKey | null;
  /** Copied from `def`: definitions are literals of many shapes, and the hot path reads one shape. */
  readonly id: string;
  readonly label: string;
  readonly citation: Citation;
  readonly critical: boolean;
}

interface CompiledCategory {
  readonly def: CategoryDef;
  readonly rank: number;
  readonly when: Evaluator | null;
  /** The rule's possible outcomes where facts are open. */
  possibleWhen: Possible | null;
  /** Criteria the category's rule refers to (transitively): its possible reasons. */
  readonly criteria: readonly number[];
  readonly variants: readonly { readonly id: string; readonly label: string; readonly when: Evaluator; readonly shown: { readonly id: string; readonly label: string } }[];
  /** The reason given when nothing more concerning applies (only the default category uses it). */
  readonly defaultReason: Reason;
}

/** A checked framework, ready to evaluate. */
export interface CompiledFramework {
  readonly definition: FrameworkDefinition;
  /** Built in, or a file (for the run's provenance). */
  readonly origin: FrameworkOrigin;
  /** In evaluation order: a criterion after those it refers to. */
  readonly criteria: readonly CompiledCriterion[];
  /** In the definition's order, for reasons and the trace. */
  readonly inDefinitionOrder: readonly CompiledCriterion[];
  readonly categories: readonly CompiledCategory[];
  readonly defaultRank: number;
  readonly additional: readonly { readonly def: NonNullable<FrameworkDefinition['additional']>[number]; readonly when: Evaluator; readonly shown: Categorisation['additional'][number] }[];
  readonly defaults: Parameters;
  /** Category lookup by normalised id or label (for overrides and SUPPORTDAYS). */
  readonly categoryByKey: ReadonlyMap<string, CompiledCategory>;
  /** Facts read by variants, additional offers and academies' offers (not by criteria). */
  readonly otherFacts: readonly FactKey[];
  /** The fact number (for `factAt`) of each slot: `v[i]` is fact `slotNumbers[i]` of the school. */
  readonly slotNumbers: readonly number[];
  /** The fact of each slot. */
  readonly slotFacts: readonly FactKey[];
  /** Working arrays of `categorise`, one per framework (evaluation is synchronous). */
  readonly scratch: { readonly fired: Truth[]; readonly v: unknown[]; readonly open: Uint8Array; readonly lo: Float64Array; readonly hi: Float64Array; readonly possible: Uint8Array };
  /** Resolved support offers by parameter set, then category and status (see `supportFor`). */
  readonly supportByParams: WeakMap<Parameters, ResolvedSupport[]>;
}

const COLOUR = /^#[0-9A-Fa-f]{6}$/;
const COMPARE = { lt: (a: number, b: number) => a < b, lte: (a: number, b: number) => a <= b, gt: (a: number, b: number) => a > b, gte: (a: number, b: number) => a >= b } as const;
const isParamRef = (v: unknown): v is ParamRef => typeof v === 'object' && v !== null && !Array.isArray(v) && 'param' in v;
const isKnownFact = (k: string): k is FactKey => k in FIELDS || k in DERIVED_FACT_LABELS;
const FACT_NUMBER: ReadonlyMap<string, number> = new Map(FACT_KEYS.map((k, i) => [k, i]));

/** Checks a framework definition and compiles it. Throws `FrameworkDefinitionError` when it is malformed. */
export function compileFramework(def: FrameworkDefinition, origin: FrameworkOrigin = { kind: 'built-in' }): CompiledFramework {
  const fail = (message: string): never => {
    throw new FrameworkDefinitionError(def.id, message);
  };
  if (!/^[a-z][a-z0-9-]*$/.test(def.id)) fail('id must be lower-case letters, digits and hyphens');
  if (def.categories.length < 2) fail('needs at least two categories');

  const rankById = new Map<string, number>();
  def.categories.forEach((c, i) => {
    if (rankById.has(c.id)) fail(`category "${c.id}" is declared twice`);
    if (!COLOUR.test(c.colour) || !COLOUR.test(c.textColour)) fail(`category "${c.id}" colours must be #RRGGBB`);
    rankById.set(c.id, i);
  });
  const defaultRank = rankById.get(def.selection.default) ?? fail(`default category "${def.selection.default}" is not declared`);

  for (const [name, p] of Object.entries(def.parameters)) {
    if (typeof p.default === 'number' && ((p.min !== undefined && p.default < p.min) || (p.max !== undefined && p.default > p.max))) {
      fail(`parameter "${name}" default ${p.default} is outside ${p.min}..${p.max}`);
    }
  }
  const checkParam = (ref: ParamRef, where: string) => {
    if (!(ref.param in def.parameters)) fail(`${where} refers to unknown parameter "${ref.param}"`);
  };

  const criterionIndex = new Map<string, number>();
  def.criteria.forEach((c, i) => {
    if (criterionIndex.has(c.id)) fail(`criterion "${c.id}" is declared twice`);
    criterionIndex.set(c.id, i);
    if (!c.citation.section || !c.citation.quote) fail(`criterion "${c.id}" has no citation`);
    if (c.indicates !== undefined && !rankById.has(c.indicates)) fail(`criterion "${c.id}" indicates unknown category "${c.indicates}"`);
    if (def.selection.kind === 'bestFit' && c.critical && c.indicates === undefined) fail(`critical criterion "${c.id}" must say which category it indicates`);
  });

  const slots: FactKey[] = [];
  const slotByFact = new Map<FactKey, number>();
  const slotOf = (fact: FactKey): number => {
    let i = slotByFact.get(fact);
    if (i === undefined) slotByFact.set(fact, (i = slots.push(fact) - 1));
    return i;
  };
  const compiled: (CompiledCriterion | undefined)[] = new Array(def.criteria.length);
  const visiting = new Set<number>();

  // Every condition's evaluator, as compiled: the explainers below reuse them rather than compile again.
  const evaluatorOf = new Map<Condition, Evaluator>();
  const compileCondition = (cond: Condition, where: string, facts: Set<FactKey>, refs: Set<number>, criteriaOnly: boolean): Evaluator => {
    const evaluate = compileNode(cond, where, facts, refs, criteriaOnly);
    evaluatorOf.set(cond, evaluate);
    return evaluate;
  };
  const compileNode = (cond: Condition, where: string, facts: Set<FactKey>, refs: Set<number>, criteriaOnly: boolean): Evaluator => {
    if ('criterion' in cond) {
      const i = criterionIndex.get(cond.criterion) ?? fail(`${where} refers to unknown criterion "${cond.criterion}"`);
      const target = compileCriterion(i);
      target.facts.forEach((f) => facts.add(f));
      refs.add(i);
      target.refersTo.forEach((r) => refs.add(r));
      return (_f, _p, fired) => fired[i];
    }
    if ('all' in cond) return junction(cond.all.map((c) => compileCondition(c, where, facts, refs, criteriaOnly)), false);
    if ('any' in cond) return junction(cond.any.map((c) => compileCondition(c, where, facts, refs, criteriaOnly)), true);
    if ('not' in cond) {
      // Compiled even for "not (criterion)", which reads the outcome directly: compiling records the facts
      // and criteria it depends on.
      const inner = compileCondition(cond.not, where, facts, refs, criteriaOnly);
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
      const parts = cond.of.map((c) => compileCondition(c, where, facts, refs, criteriaOnly));
      const n = cond.atLeast;
      if (isParamRef(n)) checkParam(n, where);
      else if (!Number.isInteger(n) || n < 1 || n > parts.length) fail(`${where}: "at least ${n} of ${parts.length}" is impossible`);
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
    if (criteriaOnly) fail(`${where} must be written in terms of criteria (each with its citation), not facts`);
    return compileFactCondition(cond, where, facts);
  };

  const compileFactCondition = (cond: FactCondition, where: string, facts: Set<FactKey>): Evaluator => {
    if (!isKnownFact(cond.fact)) fail(`${where} reads unknown fact "${cond.fact}"`);
    facts.add(cond.fact);
    const key = slotOf(cond.fact);
    const operand = cond.value;
    if (isParamRef(operand)) checkParam(operand, where);
    checkEnumOperand(cond, where);
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
        if (!Array.isArray(operand)) fail(`${where}: "${cond.op}" needs a list`);
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
        if (operand === undefined || Array.isArray(operand)) fail(`${where}: "${op}" needs one value`);
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

  // A misspelt enum value would silently never match: check operands against the field's allowed values.
  const checkEnumOperand = (cond: FactCondition, where: string) => {
    if (!(cond.fact in FIELDS) || isParamRef(cond.value) || cond.value === undefined) return;
    const type = FIELDS[cond.fact as FieldKey].type;
    if (type.kind !== 'enum') return;
    const values = Array.isArray(cond.value) ? cond.value : [cond.value];
    for (const v of values) if (!type.values.includes(String(v))) fail(`${where}: "${String(v)}" is not a value of ${cond.fact}`);
  };

  const compileCriterion = (i: number): CompiledCriterion => {
    const done = compiled[i];
    if (done) return done;
    const c = def.criteria[i]!;
    if (visiting.has(i)) fail(`criterion "${c.id}" refers to itself through other criteria`);
    visiting.add(i);
    const facts = new Set<FactKey>();
    const refs = new Set<number>();
    const evaluate = compileCondition(c.when, `criterion "${c.id}"`, facts, refs, false);
    visiting.delete(i);
    const factList = [...facts];
    const result: CompiledCriterion = { def: c, index: i, evaluate, possible: () => ANY, slotsRead: NONE, facts: factList, refersTo: [...refs], labels: factList.map(factLabel), indicatesRank: c.indicates === undefined ? -1 : rankById.get(c.indicates)!,
      id: c.id, label: c.label, citation: c.citation, critical: c.critical === true, exclusiveFact: null,
      explain: (school) => explainCriterion(i, school),
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
    const where = `category "${c.id}"`;
    if (def.selection.kind === 'firstMatch' && c.id !== def.selection.default && !c.when) fail(`${where} has no rule`);
    const when = c.when ? compileCondition(c.when, where, new Set(), refs, true) : null;
    const variants = (c.variants ?? []).map((v) => ({ id: v.id, label: v.label, when: compileCondition(v.when, `variant "${v.id}"`, otherFacts, new Set(), false), shown: Object.freeze({ id: v.id, label: v.label }) }));
    if (c.support.academy) otherFacts.add('isAcademy');
    checkOffer(c.support.maintained, where);
    if (c.support.academy) checkOffer(c.support.academy, `${where} (academies)`);
    return { def: c, rank, when, possibleWhen: null, criteria: [...refs], variants, defaultReason: Object.freeze(defaultReason(c)) };
  });

  function checkOffer(offer: SupportOffer, where: string) {
    if (isParamRef(offer.amount)) checkParam(offer.amount, where);
    if (offer.amount === null && !offer.noneReason) fail(`${where}: an offer without a number must say why (noneReason)`);
    if (offer.amount !== null && !offer.unit) fail(`${where}: an offer with a number needs a unit`);
  }

  const additional = (def.additional ?? []).map((a) => ({
    def: a, when: compileCondition(a.when, `offer "${a.id}"`, otherFacts, new Set(), false), shown: Object.freeze({ id: a.id, label: a.label, offer: a.offer, citation: a.citation }),
  }));
  const defaults = latestDefaults(def.parameters);
  const categoryByKey = new Map<string, CompiledCategory>();
  for (const c of categories) {
    categoryByKey.set(normaliseKey(c.def.id), c);
    categoryByKey.set(normaliseKey(c.def.label), c);
  }

  /*
   * Explaining a fired criterion: the facts of the conditions whose outcome agrees with what was wanted
   * of them ("any" of ten flags fired: the flags that were Yes, not the nine that were No). Built here,
   * run only when a reason's text is read, so it costs nothing on the hot path.
   */
  type Explainer = (v: readonly unknown[], p: Parameters, fired: readonly Truth[], want: boolean, out: Set<FactKey>) => void;
  const explainers: Explainer[] = [];
  const compileExplainer = (cond: Condition): Explainer => {
    if ('criterion' in cond) {
      const i = criterionIndex.get(cond.criterion)!;
      return (v, p, fired, want, out) => explainers[i]!(v, p, fired, want, out);
    }
    if ('not' in cond) {
      const inner = compileExplainer(cond.not);
      return (v, p, fired, want, out) => inner(v, p, fired, !want, out);
    }
    if ('all' in cond || 'any' in cond || 'atLeast' in cond) {
      const list = 'all' in cond ? cond.all : 'any' in cond ? cond.any : cond.of;
      const parts = list.map((c) => ({ evaluate: evaluatorOf.get(c)!, explain: compileExplainer(c) }));
      return (v, p, fired, want, out) => {
        for (const part of parts) if (part.evaluate(v, p, fired) === want) part.explain(v, p, fired, want, out);
      };
    }
    const evaluate = evaluatorOf.get(cond)!;
    return (v, p, fired, want, out) => {
      if (evaluate(v, p, fired) === want) out.add(cond.fact);
    };
  };
  def.criteria.forEach((c, i) => (explainers[i] = compileExplainer(c.when)));

  // Possibility evaluators: on a closed fact, the compiled evaluator's outcome; on an open one, what it could be.
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

  // Every condition is compiled by now: the slots are final.
  const slotNumbers = slots.map((k) => FACT_NUMBER.get(k)!);
  function explainCriterion(i: number, school: Evaluation): ReadonlySet<FactKey> {
    // The school is evaluated again once for all its reasons: the hot path keeps no copy of its outcomes.
    if (!school.again) {
      const v = slotNumbers.map((n) => factAt(school.facts, n));
      const fired: Truth[] = new Array(criteria.length);
      for (const c of order) fired[c.index] = c.evaluate(v, school.params, fired);
      school.again = { v, fired };
    }
    const out = new Set<FactKey>();
    explainers[i]!(school.again.v, school.params, school.again.fired, true, out);
    return out;
  }

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

/** Options of one evaluation. */
export interface CategoriseOptions {
  /** Resolved parameters (default: the policy's). */
  readonly params?: Parameters;
  /** Include every criterion's outcome in `trace` (costs a little; the Reasons column does not need it). */
  readonly trace?: boolean;
  /** The facts the school's missing cells open (core/missingEvidence.ts): the worst case is worked out over them. */
  readonly unknowns?: Unknowns | null;
}

/** Evaluates a framework on one school's facts. Never throws on data; never changes `facts`. */
export function categorise(fw: CompiledFramework, facts: Facts, options: CategoriseOptions = {}): Categorisation {
  const params = options.params ?? fw.defaults;
  const def = fw.definition;
  // Scratch arrays reused from school to school: every slot is written before it is read, and nothing
  // returned keeps them.
  const { fired, v } = fw.scratch;
  const slots = fw.slotNumbers;
  // Read once per school: a module import may be a getter under CommonJS interop (tsx, vitest), once per fact is measurable.
  const at = factAt;
  for (let i = 0; i < slots.length; i++) v[i] = at(facts, slots[i]!);
  // The criteria that fired, kept in definition order as they come (evaluation order differs only where a
  // criterion refers to a later one): reasons and best fit then walk a handful, not every criterion.
  const firedList: CompiledCriterion[] = [];
  for (const c of fw.criteria) {
    const t = c.evaluate(v, params, fired);
    fired[c.index] = t;
    if (t === true) insertInOrder(firedList, c);
  }

  let rank: number;
  let deciding: number[];
  if (def.selection.kind === 'firstMatch') {
    rank = fw.defaultRank;
    for (let r = fw.categories.length - 1; r >= 0; r--) {
      const cat = fw.categories[r]!;
      if (cat.when && cat.when(v, params, fired) === true) {
        rank = r;
        break;
      }
    }
    const cat = fw.categories[rank]!;
    // The default category has no rule: what decided it is the fired criteria that indicate it.
    deciding = cat.when ? cat.criteria.filter((i) => fired[i] === true) : firedList.filter((c) => c.indicatesRank === rank).map((c) => c.index);
  } else {
    ({ rank, deciding } = bestFit(fw, firedList));
  }

  const computed = fw.categories[rank]!;
  const warnings: Problem[] = [];
  const override = facts.categoryOverride === undefined ? null : readOverride(fw, facts, warnings);
  const chosen = override ?? computed;
  const variant = chosen.variants.length === 0 ? null : (chosen.variants.find((x) => x.when(v, params, fired) === true) ?? null);

  const reasons: Reason[] = [];
  const notes: Reason[] = [];
  // In the definition's order, the order the policy gives them. Reasons are made lazily: their text is
  // built only when a shell reads it (RISKCATEGORY never does).
  const school: Evaluation = { facts, params, again: null };
  for (const c of firedList) {
    (deciding.includes(c.index) ? reasons : notes).push(new FiredReason(c, school));
  }
  if (reasons.length === 0 && rank === fw.defaultRank) reasons.push(computed.defaultReason);

  return {
    framework: def.id,
    frameworkVersion: def.version,
    category: chosen.def.id,
    label: chosen.def.label,
    colour: chosen.def.colour,
    textColour: chosen.def.textColour,
    variant: variant ? variant.shown : null,
    computedCategory: computed.def.id,
    override: override ? { category: override.def.id, reason: facts.overrideReason ?? '' } : null,
    support: supportFor(fw, chosen, facts.isAcademy === true, params),
    additional: additionalFor(fw, v, params, fired),
    reasons,
    notes,
    trace: options.trace ? fw.inDefinitionOrder.map((c) => traceOf(c, facts, fired[c.index])) : NONE,
    warnings: warnings.length ? warnings : NONE,
    // An analyst's override stands: the worst case is of the rules' category, so only without one.
    worstCase: options.unknowns && override === null ? worstCase(fw, v, params, fired, firedList, rank, options.unknowns) : null,
  };
}

/**
 * The most concerning category the school's open facts could give, with the missing cells that could
 * give it; `null` when it is the category itself (the result is not provisional).
 */
function worstCase(fw: CompiledFramework, v: readonly unknown[], params: Parameters, fired: readonly Truth[], firedList: readonly CompiledCriterion[], rank: number, unknowns: Unknowns): WorstCase | null {
  const { open, lo, hi, possible } = fw.scratch;
  let anyOpen = false;
  for (let i = 0; i < fw.slotFacts.length; i++) {
    const u = unknowns.get(fw.slotFacts[i]!);
    if (u === undefined) open[i] = 0;
    else if (u.range) {
      open[i] = 2;
      lo[i] = u.range[0];
      hi[i] = u.range[1];
      anyOpen = true;
    } else {
      open[i] = 1;
      anyOpen = true;
    }
  }
  if (!anyOpen) return null;
  const school: OpenSchool = { v, p: params, fired, open, lo, hi, possible };
  for (const c of fw.criteria) possible[c.index] = readsOpen(c.slotsRead, open) ? c.possible(school) : outcomeOf(fired[c.index]);
  const couldFire = (i: number) => (possible[i]! & T) !== 0 && fired[i] !== true;

  let worst = rank;
  const why = new Set<number>();
  if (fw.definition.selection.kind === 'firstMatch') {
    for (let r = fw.categories.length - 1; r > rank; r--) {
      const cat = fw.categories[r]!;
      if (cat.possibleWhen && (cat.possibleWhen(school) & T) !== 0) {
        if (worst === rank) worst = r;
        for (const i of cat.criteria) if (couldFire(i)) why.add(i);
      }
    }
  } else {
    // Evidence that holds whatever the blanks held, and evidence that could be there or not (a criterion
    // that fired on a number the blanks could move, too).
    const certain = firedList.filter((c) => possible[c.index] === T);
    const extra = fw.inDefinitionOrder.filter((c) => c.indicatesRank >= 0 && (possible[c.index]! & T) !== 0 && possible[c.index] !== T);
    worst = Math.max(rank, worstBestFit(fw, certain, extra));
    if (worst <= rank) return null;
    for (const c of extra) {
      if (c.indicatesRank <= rank || fired[c.index] === true) continue;
      why.add(c.index);
      for (const i of c.refersTo) why.add(i);
    }
  }
  if (worst <= rank) return null;
  const fields = new Set<FieldKey>();
  for (const i of why) for (const f of fw.inDefinitionOrder[i]!.facts) unknowns.get(f)?.fields.forEach((x) => fields.add(x));
  // Every criterion that could lift the school reads an open fact; this is a guard, never the rule.
  if (fields.size === 0) for (const u of unknowns.values()) u.fields.forEach((x) => fields.add(x));
  const cat = fw.categories[worst]!.def;
  return { category: cat.id, label: cat.label, missing: inFieldOrder(fields) };
}

/** Does a criterion read a slot that is open? */
function readsOpen(slots: readonly number[], open: Uint8Array): boolean {
  for (const s of slots) if (open[s] !== 0) return true;
  return false;
}

/**
 * Best fit at its worst: the most concerning median the evidence could have, `certain` evidence and some
 * of the `extra` (criteria that could fire, or not), and the highest floor any critical one could set.
 * Adding evidence below the median can only lower it, so for each category the extra evidence from it up
 * is tried; of criteria that cannot fire together (one area's grades), only the most concerning.
 */
function worstBestFit(fw: CompiledFramework, certain: readonly CompiledCriterion[], extra: readonly CompiledCriterion[]): number {
  let worst = bestFit(fw, certain).rank;
  const fired: number[] = new Array(fw.categories.length).fill(0);
  for (const c of certain) if (c.indicatesRank >= 0) fired[c.indicatesRank]!++;
  // Each extra piece of evidence by its rank; of criteria that cannot fire together, the most concerning.
  const ranks: number[] = [];
  const mostConcerning = new Map<FactKey, number>();
  let floor = -1;
  for (const c of extra) {
    if (c.critical && c.indicatesRank > floor) floor = c.indicatesRank;
    if (c.exclusiveFact === null) ranks.push(c.indicatesRank);
    else if ((mostConcerning.get(c.exclusiveFact) ?? -1) < c.indicatesRank) mostConcerning.set(c.exclusiveFact, c.indicatesRank);
  }
  ranks.push(...mostConcerning.values());
  for (let t = 0; t < fw.categories.length; t++) {
    const counts = fired.slice();
    for (const r of ranks) if (r >= t) counts[r]!++;
    const lifted = medianRank(counts, fw.defaultRank);
    if (lifted > worst) worst = lifted;
  }
  return Math.max(worst, floor);
}

/** The median of evidence counted by rank, the more concerning middle of an even count; `none` without evidence. */
function medianRank(counts: readonly number[], none: number): number {
  let total = 0;
  for (const n of counts) total += n;
  if (total === 0) return none;
  const position = (total - 1) >> 1;
  let seen = 0;
  for (let r = counts.length - 1; r >= 0; r--) {
    seen += counts[r]!;
    if (seen > position) return r;
  }
  return none;
}

const NONE: readonly never[] = Object.freeze([]);

function additionalFor(fw: CompiledFramework, v: readonly unknown[], params: Parameters, fired: readonly Truth[]): Categorisation['additional'] {
  let out: Categorisation['additional'][number][] | null = null;
  for (const a of fw.additional) if (a.when(v, params, fired) === true) (out ??= []).push(a.shown);
  return out ?? NONE;
}

/**
 * The support offer of a category, resolved once per category, status and parameter set: it depends on
 * nothing else, and 25,000 schools share a handful of offers.
 */
function supportFor(fw: CompiledFramework, cat: CompiledCategory, isAcademy: boolean, params: Parameters): ResolvedSupport {
  let resolved = fw.supportByParams.get(params);
  if (!resolved) fw.supportByParams.set(params, (resolved = []));
  return (resolved[cat.rank * 2 + (isAcademy ? 1 : 0)] ??= Object.freeze(resolveSupport(cat.def, isAcademy, params)));
}

/** Inserts a fired criterion into a list kept in definition order (it arrives nearly in order). */
function insertInOrder(list: CompiledCriterion[], c: CompiledCriterion): void {
  let i = list.length;
  list.push(c);
  while (i > 0 && list[i - 1]!.index > c.index) {
    list[i] = list[i - 1]!;
    i--;
  }
  list[i] = c;
}

/**
 * Best fit: each fired criterion is one piece of evidence for the category it indicates; the result is
 * the median of the evidence, the more concerning middle when the count is even (the cautious reading).
 * A median, not a plurality, so that moving one piece of evidence towards concern can never give a less
 * concerning result. A fired critical criterion is a floor.
 */
function bestFit(fw: CompiledFramework, firedList: readonly CompiledCriterion[]): { rank: number; deciding: number[] } {
  // Counting by rank instead of sorting the evidence: a framework has a handful of categories.
  const counts: number[] = new Array(fw.categories.length).fill(0);
  const evidence: CompiledCriterion[] = [];
  let floor = -1;
  for (const c of firedList) {
    const r = c.indicatesRank;
    if (r < 0) continue;
    counts[r]!++;
    evidence.push(c);
    if (c.critical && r > floor) floor = r;
  }
  let rank = medianRank(counts, fw.defaultRank);
  const lifted = floor > rank;
  if (lifted) rank = floor;
  const deciding: number[] = [];
  for (const c of evidence) if (c.indicatesRank === rank && (!lifted || c.critical)) deciding.push(c.index);
  return { rank, deciding };
}

function readOverride(fw: CompiledFramework, facts: Facts, warnings: Problem[]): CompiledCategory | null {
  const raw = facts.categoryOverride;
  if (raw === undefined || raw.trim() === '') return null;
  const found = fw.categoryByKey.get(normaliseKey(raw));
  if (!found) {
    warnings.push(problem({
      kind: 'unknown-category', severity: 'warning', row: facts.row, column: FIELDS.categoryOverride.label, field: 'categoryOverride', value: raw,
      expected: `one of ${fw.categories.map((c) => `${c.def.id} (${c.def.label})`).join(', ')}; the override was ignored`,
    }));
    return null;
  }
  if (!facts.overrideReason?.trim()) {
    warnings.push(problem({
      kind: 'missing-value', severity: 'warning', row: facts.row, column: FIELDS.overrideReason.label, field: 'overrideReason', value: '',
      expected: 'the reason for the override, so the School Improvement Group can see why; the override was applied',
    }));
  }
  return found;
}

function resolveSupport(cat: CategoryDef, isAcademy: boolean, params: Parameters): ResolvedSupport {
  const academyDiffers = cat.support.academy !== undefined;
  const offer = isAcademy && cat.support.academy ? cat.support.academy : cat.support.maintained;
  const amount = offer.amount === null ? null : isParamRef(offer.amount) ? Number(params[offer.amount.param]) : offer.amount;
  return {
    amount,
    unit: amount === null ? null : (offer.unit ?? null),
    bound: amount === null ? null : (offer.bound ?? 'exactly'),
    noneReason: amount === null ? (offer.noneReason ?? null) : null,
    actions: offer.actions,
    cadence: offer.cadence,
    informed: offer.informed,
    citation: offer.citation,
    offerFor: isAcademy && academyDiffers ? 'academy' : 'maintained',
    academyDiffers,
    summary: supportSummary(amount, offer),
  };
}

/** "Up to 20 officer days a year", "3 visits a year", "No set number: ...". */
export function supportSummary(amount: number | null, offer: Pick<SupportOffer, 'unit' | 'bound' | 'noneReason'>): string {
  if (amount === null) return `No set number of days: ${offer.noneReason ?? 'the policy sets none'}`;
  const unit = amount === 1 && offer.unit ? offer.unit.replace(/s$/, '') : offer.unit;
  const bound = offer.bound === 'up to' ? 'Up to ' : offer.bound === 'at least' ? 'At least ' : '';
  return `${bound}${amount} ${unit} a year`;
}

/** A fired criterion as a reason; `seen` and `text` are built on first read and kept. */
class FiredReason implements Reason {
  readonly criterion: string;
  readonly label: string;
  readonly citation: Citation;
  #seen: string | undefined;
  #text: string | undefined;
  readonly #c: CompiledCriterion;
  readonly #school: Evaluation;

  constructor(c: CompiledCriterion, school: Evaluation) {
    this.criterion = c.id;
    this.label = c.label;
    this.citation = c.citation;
    this.#c = c;
    this.#school = school;
  }

  get seen(): string {
    if (this.#seen === undefined) {
      let seen = '';
      const c = this.#c;
      const facts = this.#school.facts;
      const why = c.explain(this.#school);
      for (let i = 0; i < c.facts.length; i++) {
        const value = facts[c.facts[i]!];
        if (value === undefined || !why.has(c.facts[i]!)) continue;
        seen += `${seen ? '; ' : ''}${c.labels[i]}: ${formatFact(c.facts[i]!, value)}`;
      }
      this.#seen = seen;
    }
    return this.#seen;
  }

  get text(): string {
    return (this.#text ??= `${this.label}${this.seen ? ` (${this.seen})` : ''} [${this.citation.section}]`);
  }

  /** A plain object for JSON and structured clone (getters are not own properties). */
  toJSON(): Reason {
    return { criterion: this.criterion, label: this.label, seen: this.seen, citation: this.citation, text: this.text };
  }
}

/** Why the default category: nothing more concerning applies (cited to the category's own offer). */
function defaultReason(cat: CategoryDef): Reason {
  const label = 'No criterion for a more concerning category applies';
  const citation = cat.support.maintained.citation;
  return { criterion: '(default)', label, seen: '', citation, text: `${label} [${citation.section}]` };
}

function traceOf(c: CompiledCriterion, facts: Facts, t: Truth): CriterionTrace {
  return {
    criterion: c.def.id,
    outcome: t === true ? 'fired' : t === false ? 'not-fired' : 'unknown',
    missing: c.facts.filter((k) => facts[k] === undefined).map((k) => factLabel(k)),
  };
}

const DATE_FACTS = new Set<string>(['lastInspectionDate', 'inspectionDueFrom', 'inspectionDueBy']);

/** A fact's value as an analyst reads it: dates dd/mm/yyyy, Yes/No, words for enum values. */
export function formatFact(key: FactKey, value: unknown): string {
  if (value === undefined) return '(blank)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return DATE_KEYS.has(key) ? toUkDate(value as CalendarDate) : String(value);
  if (typeof value === 'string' && (ENUM_KEYS.has(key) || /^[a-z]+(-[a-z]+)+$/.test(value))) return humanise(value);
  return String(value);
}

// Which facts are dates and which are enums, worked out once rather than per reason.
const DATE_KEYS: ReadonlySet<string> = new Set([...DATE_FACTS, ...(Object.keys(FIELDS) as FieldKey[]).filter((k) => FIELDS[k].type.kind === 'date')]);
// Derived facts with word values are enums too: "Ofsted standing: Inadequate", not "inadequate".
const DERIVED_ENUM_KEYS = ['ofstedBand', 'previousOfstedBand', 'ofstedSource', 'ofstedEquivalentGrade', 'inspectionRisk'] as const satisfies readonly FactKey[];
const ENUM_KEYS: ReadonlySet<string> = new Set([...DERIVED_ENUM_KEYS, ...(Object.keys(FIELDS) as FieldKey[]).filter((k) => FIELDS[k].type.kind === 'enum')]);

function humanise(value: string): string {
  if (value === 'requires-improvement') return 'Requires improvement';
  const words = value.replace(/-/g, ' ');
  return words.length > 1 ? words[0]!.toUpperCase() + words.slice(1) : words;
}

/**
 * What a condition expects, in words, without running it ("Ofsted standing is Requires improvement",
 * "at least 5 of: ..."). Parameters are shown with their values.
 */
export function describeCondition(fw: CompiledFramework, cond: Condition, params: Parameters = fw.defaults): string {
  const d = (c: Condition): string => describeCondition(fw, c, params);
  if ('criterion' in cond) return fw.definition.criteria.find((c) => c.id === cond.criterion)?.label ?? cond.criterion;
  if ('all' in cond) return cond.all.map(d).join(' and ');
  if ('any' in cond) return `${cond.any.length > 1 ? 'any of: ' : ''}${cond.any.map(d).join('; ')}`;
  if ('not' in cond) return `not (${d(cond.not)})`;
  if ('atLeast' in cond) {
    const n = isParamRef(cond.atLeast) ? params[cond.atLeast.param] : cond.atLeast;
    return `at least ${n} of ${cond.of.length}: ${cond.of.map(d).join('; ')}`;
  }
  const label = factLabel(cond.fact);
  const v = isParamRef(cond.value) ? params[cond.value.param] : cond.value;
  const show = (x: unknown) => (Array.isArray(x) ? x.map((y) => formatFact(cond.fact, y)).join(' or ') : formatFact(cond.fact, x));
  switch (cond.op) {
    case 'present': return `${label} is given`;
    case 'absent': return `${label} is blank`;
    case 'isTrue': return `${label} is Yes`;
    case 'isFalse': return `${label} is No`;
    case 'eq': case 'in': return `${label} is ${show(v)}`;
    case 'ne': case 'notIn': return `${label} is not ${show(v)}`;
    case 'lt': return `${label} is below ${show(v)}`;
    case 'lte': return `${label} is at most ${show(v)}`;
    case 'gt': return `${label} is above ${show(v)}`;
    case 'gte': return `${label} is at least ${show(v)}`;
  }
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
