/**
 * The one evaluator of every framework. `compileFramework` checks a definition once (a malformed one
 * throws `FrameworkDefinitionError` at load time) and turns its conditions into closures;
 * `categorise` then evaluates every criterion on one school's facts, picks the category by the
 * framework's selection rule, resolves the support offer and returns the whole trace.
 *
 * Logic is three-valued (Kleene): a comparison on a blank fact is unknown, `all` is false if any part is
 * false, `any` is true if any part is true. A criterion fires only on evidence, never on a blank.
 */
import { toUkDate, type CalendarDate } from './dates';
import { DERIVED_FACT_LABELS, DERIVED_FACT_SOURCES, factLabel, type FactKey, type Facts } from './facts';
import { FIELDS, normaliseKey, type FieldKey } from './fields';
import {
  FrameworkDefinitionError,
  type CategoryDef, type Condition, type Criterion, type FactCondition, type FrameworkDefinition, type Operand, type ParamRef, type Scalar, type SupportOffer,
} from './framework';
import { problem, type Problem } from './problems';
import type { Categorisation, CriterionTrace, Reason, ResolvedSupport } from './result';

/** Resolved parameter values, by name. */
export type Parameters = Readonly<Record<string, number | string | boolean>>;

type Truth = boolean | undefined;
type Evaluator = (facts: Facts, params: Parameters, fired: readonly Truth[]) => Truth;

interface CompiledCriterion {
  readonly def: Criterion;
  readonly index: number;
  readonly evaluate: Evaluator;
  /** Facts the criterion reads, directly or through the criteria it refers to. */
  readonly facts: readonly FactKey[];
  /** Criteria this one refers to (for reasons: what made it fire). */
  readonly refersTo: readonly number[];
  /** Each fact's label, worked out once: reasons are built for every fired criterion of every row. */
  readonly labels: readonly string[];
  /** Rank of the category it indicates (-1: none). */
  readonly indicatesRank: number;
}

interface CompiledCategory {
  readonly def: CategoryDef;
  readonly rank: number;
  readonly when: Evaluator | null;
  /** Criteria the category's rule refers to (transitively): its possible reasons. */
  readonly criteria: readonly number[];
  readonly variants: readonly { readonly id: string; readonly label: string; readonly when: Evaluator }[];
}

/** A checked framework, ready to evaluate. */
export interface CompiledFramework {
  readonly definition: FrameworkDefinition;
  /** In evaluation order: a criterion after those it refers to. */
  readonly criteria: readonly CompiledCriterion[];
  /** In the definition's order, for reasons and the trace. */
  readonly inDefinitionOrder: readonly CompiledCriterion[];
  readonly categories: readonly CompiledCategory[];
  readonly defaultRank: number;
  readonly additional: readonly { readonly def: NonNullable<FrameworkDefinition['additional']>[number]; readonly when: Evaluator }[];
  readonly defaults: Parameters;
  /** Category lookup by normalised id or label (for overrides and SUPPORTDAYS). */
  readonly categoryByKey: ReadonlyMap<string, CompiledCategory>;
  /** Facts read by variants, additional offers and academies' offers (not by criteria). */
  readonly otherFacts: readonly FactKey[];
}

const COLOUR = /^#[0-9A-Fa-f]{6}$/;
const isParamRef = (v: unknown): v is ParamRef => typeof v === 'object' && v !== null && !Array.isArray(v) && 'param' in v;
const isKnownFact = (k: string): k is FactKey => k in FIELDS || k in DERIVED_FACT_LABELS;

/** Checks a framework definition and compiles it. Throws `FrameworkDefinitionError` when it is malformed. */
export function compileFramework(def: FrameworkDefinition): CompiledFramework {
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

  const compiled: (CompiledCriterion | undefined)[] = new Array(def.criteria.length);
  const visiting = new Set<number>();

  const compileCondition = (cond: Condition, where: string, facts: Set<FactKey>, refs: Set<number>, criteriaOnly: boolean): Evaluator => {
    if ('criterion' in cond) {
      const i = criterionIndex.get(cond.criterion) ?? fail(`${where} refers to unknown criterion "${cond.criterion}"`);
      const target = compileCriterion(i);
      target.facts.forEach((f) => facts.add(f));
      refs.add(i);
      target.refersTo.forEach((r) => refs.add(r));
      return (_f, _p, fired) => fired[i];
    }
    if ('all' in cond) {
      const parts = cond.all.map((c) => compileCondition(c, where, facts, refs, criteriaOnly));
      return (f, p, fired) => {
        let unknown = false;
        for (const part of parts) {
          const t = part(f, p, fired);
          if (t === false) return false;
          if (t === undefined) unknown = true;
        }
        return unknown ? undefined : true;
      };
    }
    if ('any' in cond) {
      const parts = cond.any.map((c) => compileCondition(c, where, facts, refs, criteriaOnly));
      return (f, p, fired) => {
        let unknown = false;
        for (const part of parts) {
          const t = part(f, p, fired);
          if (t === true) return true;
          if (t === undefined) unknown = true;
        }
        return unknown ? undefined : false;
      };
    }
    if ('not' in cond) {
      const inner = compileCondition(cond.not, where, facts, refs, criteriaOnly);
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
    const key = cond.fact;
    const operand = cond.value;
    if (isParamRef(operand)) checkParam(operand, where);
    checkEnumOperand(cond, where);
    const valueOf = (p: Parameters): Operand | undefined => (isParamRef(operand) ? p[operand.param] : operand);
    switch (cond.op) {
      case 'present':
        return (f) => f[key] !== undefined;
      case 'absent':
        return (f) => f[key] === undefined;
      case 'isTrue':
        return (f) => (f[key] === undefined ? undefined : f[key] === true);
      case 'isFalse':
        return (f) => (f[key] === undefined ? undefined : f[key] === false);
      case 'eq':
      case 'ne': {
        const positive = cond.op === 'eq';
        return (f, p) => {
          const v = f[key];
          return v === undefined ? undefined : (v === valueOf(p)) === positive;
        };
      }
      case 'in':
      case 'notIn': {
        if (!Array.isArray(operand)) fail(`${where}: "${cond.op}" needs a list`);
        const set = new Set<unknown>(operand as readonly Scalar[]);
        const positive = cond.op === 'in';
        return (f) => {
          const v = f[key];
          return v === undefined ? undefined : set.has(v) === positive;
        };
      }
      default: {
        const op = cond.op;
        if (operand === undefined || Array.isArray(operand)) fail(`${where}: "${op}" needs one value`);
        return (f, p) => {
          const v = f[key];
          const w = valueOf(p);
          if (typeof v !== 'number' || typeof w !== 'number') return undefined;
          return op === 'lt' ? v < w : op === 'lte' ? v <= w : op === 'gt' ? v > w : v >= w;
        };
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
    const result: CompiledCriterion = { def: c, index: i, evaluate, facts: factList, refersTo: [...refs], labels: factList.map(factLabel), indicatesRank: c.indicates === undefined ? -1 : rankById.get(c.indicates)! };
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
    const variants = (c.variants ?? []).map((v) => ({ id: v.id, label: v.label, when: compileCondition(v.when, `variant "${v.id}"`, otherFacts, new Set(), false) }));
    if (c.support.academy) otherFacts.add('isAcademy');
    checkOffer(c.support.maintained, where);
    if (c.support.academy) checkOffer(c.support.academy, `${where} (academies)`);
    return { def: c, rank, when, criteria: [...refs], variants };
  });

  function checkOffer(offer: SupportOffer, where: string) {
    if (isParamRef(offer.amount)) checkParam(offer.amount, where);
    if (offer.amount === null && !offer.noneReason) fail(`${where}: an offer without a number must say why (noneReason)`);
    if (offer.amount !== null && !offer.unit) fail(`${where}: an offer with a number needs a unit`);
  }

  const additional = (def.additional ?? []).map((a) => ({ def: a, when: compileCondition(a.when, `offer "${a.id}"`, otherFacts, new Set(), false) }));
  const defaults = Object.fromEntries(Object.entries(def.parameters).map(([k, p]) => [k, p.default]));
  const categoryByKey = new Map<string, CompiledCategory>();
  for (const c of categories) {
    categoryByKey.set(normaliseKey(c.def.id), c);
    categoryByKey.set(normaliseKey(c.def.label), c);
  }

  return { definition: def, criteria: order, inDefinitionOrder: criteria, categories, defaultRank, additional, defaults, categoryByKey, otherFacts: [...otherFacts] };
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

/**
 * Resolves an authority's parameter values over the policy defaults. Bad values are returned as
 * messages, not thrown: they come from a settings sheet or a command line.
 */
export function resolveParameters(
  fw: CompiledFramework,
  overrides: Readonly<Record<string, unknown>> = {},
): { ok: true; params: Parameters } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const params: Record<string, number | string | boolean> = { ...fw.defaults };
  for (const [name, raw] of Object.entries(overrides)) {
    const def = fw.definition.parameters[name];
    if (!def) {
      errors.push(`"${name}" is not a parameter of ${fw.definition.name}; expected one of: ${Object.keys(fw.definition.parameters).join(', ')}.`);
      continue;
    }
    const want = typeof def.default;
    const value = want === 'number' && typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof value !== want || (typeof value === 'number' && !Number.isFinite(value))) {
      errors.push(`Parameter "${name}" is ${JSON.stringify(raw)}; expected a ${want}.`);
    } else if (typeof value === 'number' && ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max))) {
      errors.push(`Parameter "${name}" is ${value}; expected a number from ${def.min ?? '-∞'} to ${def.max ?? '∞'}.`);
    } else {
      params[name] = value as number | string | boolean;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, params };
}

/** Options of one evaluation. */
export interface CategoriseOptions {
  /** Resolved parameters (default: the policy's). */
  readonly params?: Parameters;
  /** Include every criterion's outcome in `trace` (costs a little; the Reasons column does not need it). */
  readonly trace?: boolean;
}

/** Evaluates a framework on one school's facts. Never throws on data; never changes `facts`. */
export function categorise(fw: CompiledFramework, facts: Facts, options: CategoriseOptions = {}): Categorisation {
  const params = options.params ?? fw.defaults;
  const def = fw.definition;
  const fired: Truth[] = new Array(fw.criteria.length);
  for (const c of fw.criteria) fired[c.index] = c.evaluate(facts, params, fired);

  let rank: number;
  let deciding: number[];
  if (def.selection.kind === 'firstMatch') {
    rank = fw.defaultRank;
    for (let r = fw.categories.length - 1; r >= 0; r--) {
      const cat = fw.categories[r]!;
      if (cat.when && cat.when(facts, params, fired) === true) {
        rank = r;
        break;
      }
    }
    const cat = fw.categories[rank]!;
    deciding = cat.when ? cat.criteria.filter((i) => fired[i] === true) : firedIndicating(fw, fired, cat.def.id);
  } else {
    ({ rank, deciding } = bestFit(fw, fired));
  }

  const computed = fw.categories[rank]!;
  const warnings: Problem[] = [];
  const override = readOverride(fw, facts, warnings);
  const chosen = override ?? computed;
  const variant = chosen.variants.find((v) => v.when(facts, params, fired) === true) ?? null;

  const decidingSet = new Set(deciding);
  const reasons: Reason[] = [];
  const notes: Reason[] = [];
  // In the definition's order, the order the policy gives them.
  for (const c of fw.inDefinitionOrder) {
    if (fired[c.index] !== true) continue;
    (decidingSet.has(c.index) ? reasons : notes).push(reasonFor(c, facts));
  }
  if (reasons.length === 0 && rank === fw.defaultRank) reasons.push(defaultReason(computed.def));

  return {
    framework: def.id,
    frameworkVersion: def.version,
    category: chosen.def.id,
    label: chosen.def.label,
    colour: chosen.def.colour,
    textColour: chosen.def.textColour,
    variant: variant ? { id: variant.id, label: variant.label } : null,
    computedCategory: computed.def.id,
    override: override ? { category: override.def.id, reason: facts.overrideReason ?? '' } : null,
    support: resolveSupport(chosen.def, facts.isAcademy === true, params),
    additional: fw.additional.filter((a) => a.when(facts, params, fired) === true).map((a) => ({ id: a.def.id, label: a.def.label, offer: a.def.offer, citation: a.def.citation })),
    reasons,
    notes,
    trace: options.trace ? fw.inDefinitionOrder.map((c) => traceOf(c, facts, fired[c.index])) : [],
    warnings,
  };
}

function firedIndicating(fw: CompiledFramework, fired: readonly Truth[], category: string): number[] {
  return fw.criteria.filter((c) => c.def.indicates === category && fired[c.index] === true).map((c) => c.index);
}

/**
 * Best fit: each fired criterion is one piece of evidence for the category it indicates; the result is
 * the median of the evidence, the more concerning middle when the count is even (the cautious reading).
 * A median, not a plurality, so that moving one piece of evidence towards concern can never give a less
 * concerning result. A fired critical criterion is a floor.
 */
function bestFit(fw: CompiledFramework, fired: readonly Truth[]): { rank: number; deciding: number[] } {
  const ranks: number[] = [];
  let floor = -1;
  for (const c of fw.criteria) {
    if (fired[c.index] !== true || c.indicatesRank < 0) continue;
    const r = c.indicatesRank;
    ranks.push(r);
    if (c.def.critical) floor = Math.max(floor, r);
  }
  let rank = fw.defaultRank;
  if (ranks.length > 0) {
    ranks.sort((a, b) => b - a);
    rank = ranks[Math.floor((ranks.length - 1) / 2)]!;
  }
  const lifted = floor > rank;
  if (lifted) rank = floor;
  const id = fw.categories[rank]!.def.id;
  const deciding = fw.criteria
    .filter((c) => fired[c.index] === true && c.def.indicates === id && (!lifted || c.def.critical))
    .map((c) => c.index);
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

function reasonFor(c: CompiledCriterion, facts: Facts): Reason {
  let seen = '';
  for (let i = 0; i < c.facts.length; i++) {
    const value = facts[c.facts[i]!];
    if (value === undefined) continue;
    seen += `${seen ? '; ' : ''}${c.labels[i]}: ${formatFact(c.facts[i]!, value)}`;
  }
  const text = `${c.def.label}${seen ? ` (${seen})` : ''} [${c.def.citation.section}]`;
  return { criterion: c.def.id, label: c.def.label, seen, citation: c.def.citation, text };
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
const ENUM_KEYS: ReadonlySet<string> = new Set((Object.keys(FIELDS) as FieldKey[]).filter((k) => FIELDS[k].type.kind === 'enum'));

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
