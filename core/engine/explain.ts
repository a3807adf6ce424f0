/**
 * Explaining a result: the reasons (each fired criterion with the values that made it fire and its
 * citation), the trace of every criterion, and what a condition expects, in words, without running it.
 *
 * A reason names the facts of the conditions whose outcome agrees with what was wanted of them ("any" of
 * ten flags fired: the flags that were Yes, not the nine that were No). The explainers are compiled with
 * the framework, but run only when a reason's text is read, so they cost nothing on the hot path.
 */
import { monthsText, toUkDate, type CalendarDate } from '../dates';
import { factLabel, type FactKey, type Facts } from '../facts';
import { FIELDS, type FieldKey } from '../fields';
import type { CategoryDef, Citation, Condition, FrameworkDefinition } from '../framework';
import type { Parameters } from '../parameters';
import type { CriterionTrace, Reason } from '../result';
import { isParamRef, T, type CompiledCriterion, type CompiledFramework, type Evaluation, type Evaluator, type Truth } from './types';

/** The facts that made criterion `i` fire on a school. */
export type ExplainFor = (i: number, school: Evaluation) => ReadonlySet<FactKey>;

/**
 * Compiles an explainer per criterion, reusing the compiled evaluators; `again` evaluates a school once
 * more for all its reasons (the hot path keeps no copy of its outcomes).
 */
export function compileExplainers(
  def: FrameworkDefinition,
  criterionIndex: ReadonlyMap<string, number>,
  evaluatorOf: ReadonlyMap<Condition, Evaluator>,
  again: (school: Evaluation) => NonNullable<Evaluation['again']>,
): ExplainFor {
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
    // "Given" failing under a `not` is a blank that only kept another rule from holding: no evidence for this one.
    const blankOnlyUnderNot = cond.op === 'present';
    return (v, p, fired, want, out) => {
      if (evaluate(v, p, fired) === want && (want || !blankOnlyUnderNot)) out.add(cond.fact);
    };
  };
  def.criteria.forEach((c, i) => (explainers[i] = compileExplainer(c.when)));
  return (i, school) => {
    school.again ??= again(school);
    const out = new Set<FactKey>();
    explainers[i]!(school.again.v, school.params, school.again.fired, true, out);
    return out;
  };
}

/**
 * The criteria a condition rests on as reasons: those it refers to directly, through `all`, `any` and
 * "at least", but not under `not`. A criterion that must not hold is evidence against the rule, never a
 * reason for it: Herefordshire's medium ("fewer than three low-risk indicators can hold") refers to the
 * low-risk indicators, and "Experienced leadership" is no reason for a school to be medium.
 */
export function reasonReferences(cond: Condition, criterionIndex: ReadonlyMap<string, number>): number[] {
  const out: number[] = [];
  const walk = (c: Condition): void => {
    if ('criterion' in c) {
      const i = criterionIndex.get(c.criterion)!;
      if (!out.includes(i)) out.push(i);
    } else if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else if ('atLeast' in c) c.of.forEach(walk);
  };
  walk(cond);
  return out;
}

/**
 * The criteria that decided a first-match category: those its rule rests on (`roots`) that fired, and,
 * through each of them, those it rests on that fired too. A criterion reached only through one that did
 * not fire decided nothing ("several factors" needs three: with one, that one is no reason for high).
 * Sets `decides[i]` to 1 for each: a mark rather than a list, so a criterion reached twice is found in one
 * read. Criterion `i` fired where `bits[at[i]]` is `T` (the program's outcome bits, program.ts):
 * `categorise` makes each criterion's `true`, `false` or `undefined` only for the trace and the worst case.
 */
export function decidingCriteria(criteria: readonly CompiledCriterion[], roots: readonly number[], bits: Uint8Array, at: readonly number[], decides: Uint8Array): void {
  // Depth first, with a stack rather than a closure: it runs per school. The stack is shared (evaluation
  // is synchronous, and it is empty again on return).
  const stack = STACK;
  // Empty on every normal return; emptied here too, so a walk stopped by an exception leaves nothing behind.
  stack.length = 0;
  for (let k = roots.length - 1; k >= 0; k--) stack.push(roots[k]!);
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (bits[at[i]!] !== FIRED || decides[i] === 1) continue;
    decides[i] = 1;
    const refs = criteria[i]!.reasonRefs;
    for (let k = refs.length - 1; k >= 0; k--) stack.push(refs[k]!);
  }
}

const STACK: number[] = [];
// Read once: under CommonJS interop (tsx, vitest) every read of an imported binding is a getter call.
const FIRED = T;

/**
 * A fired criterion as a reason; `seen` and `text` are worded on first read and kept with the school's
 * evaluation. Four fields, its criterion found again by id when read: one is made for every fired
 * criterion of every school, and what it carries is most of what `categorise` allocates.
 */
export class FiredReason implements Reason {
  // Declared, not defined as class fields: the constructor's assignments are then the only stores.
  declare readonly criterion: string;
  declare readonly label: string;
  declare readonly citation: Citation;
  readonly #school: Evaluation;

  constructor(c: CompiledCriterion, school: Evaluation) {
    this.criterion = c.id;
    this.label = c.label;
    this.citation = c.citation;
    this.#school = school;
  }

  get seen(): string {
    const school = this.#school;
    const i = school.fw.criterionIndex.get(this.criterion)!;
    return ((school.words ??= [])[2 * i] ??= seenOf(school.fw.inDefinitionOrder[i]!, school));
  }

  get text(): string {
    const school = this.#school;
    const i = school.fw.criterionIndex.get(this.criterion)!;
    return ((school.words ??= [])[2 * i + 1] ??= `${this.label}${this.seen ? ` (${this.seen})` : ''} [${this.citation.section}]`);
  }

  /** A plain object for JSON and structured clone (getters are not own properties). */
  toJSON(): Reason {
    return { criterion: this.criterion, label: this.label, seen: this.seen, citation: this.citation, text: this.text };
  }
}

/** The facts that made criterion `c` fire on a school, with their values ("Attendance: 85; ..."). */
function seenOf(c: CompiledCriterion, school: Evaluation): string {
  let seen = '';
  const facts = school.facts;
  const why = c.explain(school);
  for (let i = 0; i < c.facts.length; i++) {
    if (!why.has(c.facts[i]!)) continue;
    // A blank the rule asks for (`absent`: "no local assessment", "no evidence of an improving trend") is
    // evidence too: said, so the line is not mistaken for one that rests only on the other facts.
    const value = facts[c.facts[i]!];
    seen += `${seen ? '; ' : ''}${c.labels[i]}: ${value === undefined ? 'blank' : formatFact(c.facts[i]!, value)}`;
  }
  return seen;
}

/** Why the default category: nothing more concerning applies (cited to the category's own offer). */
export function defaultReason(cat: CategoryDef): Reason {
  const label = 'No criterion for a more concerning category applies';
  const citation = cat.support.maintained.citation;
  return { criterion: '(default)', label, seen: '', citation, text: `${label} [${citation.section}]` };
}

/** One criterion's line of the trace: its outcome, and the facts it reads that were blank. */
export function traceOf(c: CompiledCriterion, facts: Facts, t: Truth): CriterionTrace {
  return {
    criterion: c.def.id,
    outcome: t === true ? 'fired' : t === false ? 'not-fired' : 'unknown',
    missing: c.facts.filter((k) => facts[k] === undefined).map((k) => factLabel(k)),
  };
}

const DATE_FACTS = new Set<string>(['lastInspectionDate', 'inspectionDueFrom', 'inspectionDueBy']);
// Counted by anniversaries (dates.ts monthsElapsed): 36.5 reads "over 36".
const MONTH_KEYS = new Set<string>(['monthsSinceInspection', 'monthsInPost', 'monthsUntilInspectionDue']);

/** A fact's value as an analyst reads it: dates dd/mm/yyyy, Yes/No, words for enum values. */
export function formatFact(key: FactKey, value: unknown): string {
  if (value === undefined) return '(blank)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return DATE_KEYS.has(key) ? toUkDate(value as CalendarDate) : MONTH_KEYS.has(key) ? monthsText(value) : String(value);
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
