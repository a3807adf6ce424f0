/**
 * Checking a framework file before the engine sees it. Two passes, one list of issues: the zod schema
 * (core/framework.ts) checks shapes and names; then what refers to what is checked against the whole
 * file (a criterion, a category, a parameter, an enum value), which a schema cannot see. Every issue
 * names its JSON path, the value found, what was expected and, for a misspelt name, the nearest one:
 *
 *   criteria[3].when.all[1].fact: "atendanceConcern" is not a fact; did you mean "attendanceConcern"?
 *
 * Issues are values: the CLI prints them, the task pane lists them, and a built-in with one throws at
 * load (core/frameworkFile.ts).
 */
import type { $ZodIssue } from 'zod/v4/core';
import { factValueKind, type FactKey } from './facts';
import {
  CONDITION_FACTS, CONDITION_KINDS, frameworkSchema, isoDateSchema,
  type Condition, type FrameworkDefinition, type ParamRef, type ParameterDef, type SupportOffer,
} from './framework';

/** One thing wrong with a framework file. */
export interface FrameworkIssue {
  /** JSON path: `criteria[3].when.all[1].fact`; empty for the file itself. */
  readonly path: string;
  /** What the file holds there (`undefined` when it is missing). */
  readonly value: unknown;
  /** What was expected, in words. */
  readonly expected: string;
  /** The nearest valid name, for a misspelt one. */
  readonly suggestion?: string;
  /** One line for the analyst: path, value, what was expected, and the suggestion. */
  readonly message: string;
}

/** A parsed, checked definition, or every issue found. */
export type FrameworkParse = { readonly ok: true; readonly definition: FrameworkDefinition } | { readonly ok: false; readonly issues: readonly FrameworkIssue[] };

type Path = readonly (string | number)[];

/** Parses and checks a framework file's content (already read as JSON). */
export function parseFramework(input: unknown): FrameworkParse {
  const parsed = frameworkSchema.safeParse(input);
  if (parsed.success) {
    const issues = checkReferences(parsed.data);
    return issues.length ? { ok: false, issues } : { ok: true, definition: parsed.data };
  }
  const issues = schemaIssues(parsed.error.issues, input);
  // The references too, so one pass lists everything: as far as the file's shape lets them be followed,
  // and not where the schema already found the place wrong.
  let references: FrameworkIssue[] = [];
  try {
    references = checkReferences(input as FrameworkDefinition);
  } catch {
    // A shape too broken to follow: the schema's issues say why.
  }
  const wrong = issues.map((i) => i.path);
  const within = (path: string, place: string) => place === '' || path === place || path.startsWith(`${place}.`) || path.startsWith(`${place}[`);
  return { ok: false, issues: [...issues, ...references.filter((r) => !wrong.some((w) => within(r.path, w) || within(w, r.path)))] };
}

// ---------------------------------------------------------------------------------------------- messages

/** `criteria[3].when.all[1].fact`. */
export function pathText(path: Path): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function issue(path: Path, value: unknown, expected: string, options: { notA?: string; suggestion?: string } = {}): FrameworkIssue {
  const where = pathText(path) || '(the file)';
  const hint = options.suggestion === undefined ? '' : `; did you mean ${JSON.stringify(options.suggestion)}?`;
  const message = options.notA !== undefined && value !== undefined
    ? `${where}: ${shown(value)} is not ${options.notA}${hint || `; expected ${expected}`}`
    : `${where}: ${shown(value)}; expected ${expected}${hint}`;
  return { path: pathText(path), value, expected, ...(options.suggestion === undefined ? {} : { suggestion: options.suggestion }), message };
}

/** The known name nearest to a misspelt one, when it is near enough to be what was meant. */
export function didYouMean(wrong: string, known: Iterable<string>): string | undefined {
  const lower = wrong.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    if (k.toLowerCase() === lower) return k;
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(wrong.length / 4)) ? best : undefined;
}

/** Levenshtein distance with adjacent transpositions counted as one edit ("atendance", "attednance"). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

// ------------------------------------------------------------------------------------ the schema's issues

/** What a name at this place is, for "is not a fact". */
const NOUN_BY_KEY: Readonly<Record<string, string>> = {
  fact: 'a fact', op: 'an operator', unit: 'a support unit', bound: 'a bound ("up to", "at least" or "exactly")', kind: 'a selection rule ("firstMatch" or "bestFit")', fields: 'a register field',
};
/** What a union at this place holds, where none of its forms matched. */
const UNION_BY_KEY: Readonly<Record<string, string>> = {
  value: 'a value, a list of values, or {"param": name}',
  amount: 'a number of days, {"param": name}, or null where the policy sets none',
  atLeast: 'a whole number of at least 1, or {"param": name}',
  default: 'a number, a text or true/false',
};
const CONDITION_EXPECTED = 'a condition: an object with one of "fact" (with "op"), "all", "any", "not", "atLeast" (with "of") or "criterion"';

function at(input: unknown, path: Path): unknown {
  let v = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function isConditionPlace(path: Path): boolean {
  const last = path[path.length - 1];
  const before = path[path.length - 2];
  return last === 'when' || last === 'not' || (typeof last === 'number' && (before === 'all' || before === 'any' || before === 'of'));
}

/** The schema's issues as the analyst's: one per problem, a union's narrowed to the form that was meant. */
function schemaIssues(raw: readonly $ZodIssue[], input: unknown, prefix: Path = []): FrameworkIssue[] {
  const out: FrameworkIssue[] = [];
  for (const r of raw) {
    const path = [...prefix, ...(r.path as (string | number)[])];
    const value = at(input, path);
    const last = String(path[path.length - 1] ?? '');
    switch (r.code) {
      case 'invalid_union': {
        const branches = r.errors;
        // A condition says which form it is by its key; anything else takes the form with the fewest, deepest problems.
        const kind = value !== null && typeof value === 'object' && isConditionPlace(path) ? CONDITION_KINDS.findIndex((k) => k in (value as object)) : -1;
        const scored = branches.map((b, i) => ({ i, score: b.filter((x) => x.path.length === 0 || x.code === 'invalid_type' && x.path.length === 1 && x.input === undefined).length * 100 + b.length }));
        const best = kind >= 0 ? { i: kind, score: 0 } : scored.sort((a, b) => a.score - b.score)[0];
        if (best && best.score < 100) out.push(...schemaIssues(branches[best.i]!, input, path));
        else out.push(issue(path, value, isConditionPlace(path) ? CONDITION_EXPECTED : (UNION_BY_KEY[last] ?? 'a valid value')));
        break;
      }
      case 'invalid_value': {
        const values = r.values.map(String);
        const noun = NOUN_BY_KEY[last] ?? NOUN_BY_KEY[String(path[path.length - 2] ?? '')];
        out.push(issue(path, value, values.length <= 8 ? `one of ${values.map((v) => JSON.stringify(v)).join(', ')}` : `${noun ?? 'a valid name'} (the schema lists them)`, {
          notA: noun ?? 'a valid value', suggestion: typeof value === 'string' ? didYouMean(value, values) : undefined,
        }));
        break;
      }
      case 'unrecognized_keys':
        for (const key of r.keys) {
          const known = knownKeys(value);
          const suggestion = didYouMean(key, known);
          const expected = known.length ? `one of the fields ${known.join(', ')}` : 'a field of this object';
          out.push({ path: pathText([...path, key]), value: key, expected, ...(suggestion ? { suggestion } : {}), message: `${pathText([...path, key])}: "${key}" is not a field here${suggestion ? `; did you mean "${suggestion}"?` : ` (${expected})`}` });
        }
        break;
      case 'too_small':
      case 'too_big': {
        const bound = r.code === 'too_small' ? r.minimum : r.maximum;
        const words = r.origin === 'string' ? (r.code === 'too_small' && Number(bound) === 1 ? 'a text, not empty' : `a text of ${r.code === 'too_small' ? 'at least' : 'at most'} ${bound} characters`)
          : r.origin === 'array' ? `a list of ${r.code === 'too_small' ? 'at least' : 'at most'} ${bound}` : `a number ${r.code === 'too_small' ? 'of at least' : 'of at most'} ${bound}`;
        out.push(issue(path, value, words));
        break;
      }
      case 'invalid_type':
        out.push(issue(path, value, value === undefined ? `${article(r.expected)} (required)` : article(r.expected)));
        break;
      case 'invalid_key':
        out.push(keyIssue(path, r.issues));
        break;
      default:
        out.push(issue(path, value, r.message.replace(/^Invalid (string|input): /i, '').replace(/^must match pattern .*$/, 'a valid value')));
    }
  }
  return out;
}

/**
 * A key of a record the schema refuses, with its own rule and the key as it was probably meant: a
 * parameter's name ("attendance-low": letters and digits, "attendanceLow") or a dated value's date
 * ("01/09/2026": yyyy-mm-dd, "2026-09-01", read the British way).
 */
function keyIssue(path: Path, inner: readonly { code?: string; format?: string; message?: string }[]): FrameworkIssue {
  const key = String(path[path.length - 1]);
  if (inner.some((i) => i.code === 'invalid_format' && i.format === 'date')) {
    const d = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(key);
    const iso = d && `${d[3]}-${d[2]!.padStart(2, '0')}-${d[1]!.padStart(2, '0')}`;
    const meant = iso && isoDateSchema.safeParse(iso).success ? ` ("${iso}" if ${Number(d![1])} ${MONTHS[Number(d![2]) - 1]} ${d![3]} was meant)` : '';
    return issue(path, key, `a date written yyyy-mm-dd${meant}`);
  }
  const rule = inner.map((i) => i.message).filter((m) => m && !/^Invalid/.test(m)).join('; ') || 'a valid name';
  // The name with its accents, spaces, hyphens and underscores taken out, in camelCase as the built-ins write names.
  const words = key.normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('').replace(/^[0-9]+/, '');
  const named = path[path.length - 2] === 'parameters';
  return issue(path, key, `${rule}${name && name !== key ? `, such as "${name}"` : ''}`, { notA: named ? 'a parameter name' : 'a valid name' });
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return 'an object';
  if (type === 'boolean') return 'true or false';
  return `a ${type}`;
}

/** Fields of each object the file holds, found by the keys it has: what an unknown key may have meant. */
function knownKeys(obj: unknown): string[] {
  if (obj === null || typeof obj !== 'object') return [];
  const has = (k: string) => k in (obj as object);
  const shapes: readonly (readonly string[])[] = [
    Object.keys(frameworkSchema.shape),
    ['id', 'label', 'when', 'citation', 'indicates', 'critical'],
    ['id', 'label', 'colour', 'textColour', 'description', 'when', 'variants', 'support'],
    ['amount', 'unit', 'bound', 'noneReason', 'actions', 'cadence', 'informed', 'citation'],
    ['default', 'values', 'references', 'description', 'unit', 'min', 'max', 'standIn', 'citation'],
    ['fact', 'op', 'value'], ['atLeast', 'of'], ['all'], ['any'], ['not'], ['criterion'], ['section', 'quote'], ['title', 'href'], ['title', 'year', 'file', 'href'], ['kind', 'default'],
    ['id', 'label', 'when', 'offer', 'citation'], ['maintained', 'academy'], ['oneOf', 'optional'], ['fields', 'as'], ['fields', 'why'],
  ];
  // The shape sharing the most keys with the object is the one it was meant to be.
  let best: readonly string[] = [];
  let bestCount = 0;
  for (const s of shapes) {
    const count = s.filter(has).length;
    if (count > bestCount) {
      best = s;
      bestCount = count;
    }
  }
  return [...best];
}

// ------------------------------------------------------------------------------- what refers to what

/** Checks a definition that has the schema's shape: every reference resolves, every rule can be evaluated. */
export function checkReferences(def: FrameworkDefinition): FrameworkIssue[] {
  const out: FrameworkIssue[] = [];
  const categoryIds = def.categories.map((c) => c.id);
  const criterionIds = def.criteria.map((c) => c.id);
  const paramNames = Object.keys(def.parameters);
  const firstMatch = def.selection.kind === 'firstMatch';

  const unique = (ids: readonly string[], where: string) => ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) out.push(issue([where, i, 'id'], id, `an id not used before in ${where}`));
  });
  unique(categoryIds, 'categories');
  unique(criterionIds, 'criteria');
  const category = (path: Path, id: string) => {
    if (!categoryIds.includes(id)) out.push(issue(path, id, categoryIds.length ? `one of the categories: ${categoryIds.join(', ')}` : 'a category (this framework lists none)', { notA: 'a category of this framework', suggestion: didYouMean(id, categoryIds) }));
  };
  category(['selection', 'default'], def.selection.default);
  out.push(...categoryOrder(def));

  for (const [name, p] of Object.entries(def.parameters)) out.push(...checkParameter(['parameters', name], p));
  const paramRef = (path: Path, ref: ParamRef) => {
    if (!Object.hasOwn(def.parameters, ref.param)) out.push(issue([...path, 'param'], ref.param, paramNames.length ? `one of the parameters: ${paramNames.join(', ')}` : 'a parameter (this framework declares none)', { notA: 'a parameter of this framework', suggestion: didYouMean(ref.param, paramNames) }));
  };
  // Own properties only: a name the author wrote ("constructor", "toString") is never one of Object's.
  const parameter = (name: string): ParameterDef | undefined => (Object.hasOwn(def.parameters, name) ? def.parameters[name] : undefined);
  const paramKind = (ref: ParamRef) => {
    const p = parameter(ref.param);
    const v = p?.default ?? Object.values(p?.values ?? {})[0];
    // A number written as text is said at the parameter; its kind is then left unknown here, not said twice.
    return v === undefined || meantAsNumber(p!, v) ? undefined : typeof v;
  };

  const condition = (path: Path, cond: Condition, criteriaOnly: boolean) => {
    // Followed only as far as the shape allows (the schema reports the rest).
    if (cond === null || typeof cond !== 'object') return;
    if ('criterion' in cond) {
      if (!criterionIds.includes(cond.criterion)) out.push(issue([...path, 'criterion'], cond.criterion, 'the id of a criterion of this framework', { notA: 'a criterion of this framework', suggestion: didYouMean(cond.criterion, criterionIds) }));
      return;
    }
    if ('all' in cond) return cond.all?.forEach((c, i) => condition([...path, 'all', i], c, criteriaOnly));
    if ('any' in cond) return cond.any?.forEach((c, i) => condition([...path, 'any', i], c, criteriaOnly));
    if ('not' in cond) return condition([...path, 'not'], cond.not, criteriaOnly);
    if ('atLeast' in cond) {
      if (typeof cond.atLeast === 'number') {
        if (cond.atLeast > cond.of.length) out.push(issue([...path, 'atLeast'], cond.atLeast, `at most ${cond.of.length}, the number of conditions in "of"`));
      } else paramRef([...path, 'atLeast'], cond.atLeast);
      return cond.of?.forEach((c, i) => condition([...path, 'of', i], c, criteriaOnly));
    }
    if (!('fact' in cond) || !CONDITION_FACTS.includes(cond.fact)) return;
    if (criteriaOnly) {
      out.push(issue([...path, 'fact'], cond.fact, 'a category\'s rule written in terms of criteria ({"criterion": id}), each with its citation, not facts'));
      return;
    }
    factCondition(path, cond);
  };

  const factCondition = (path: Path, cond: Extract<Condition, { fact: FactKey }>) => {
    const { fact, op, value } = cond;
    const kind = factValueKind(fact);
    const valuePath = [...path, 'value'];
    const noValue = op === 'isTrue' || op === 'isFalse' || op === 'present' || op === 'absent';
    if (noValue) {
      if (value !== undefined) out.push(issue(valuePath, value, `no value: "${op}" takes none`));
      if ((op === 'isTrue' || op === 'isFalse') && kind.kind !== 'boolean') out.push(issue([...path, 'op'], op, `an operator for ${fact}, which is not yes/no: eq, ne, in, notIn${kind.kind === 'number' || kind.kind === 'date' ? ', lt, lte, gt, gte' : ''}, present or absent`));
      return;
    }
    if (value === undefined) return out.push(issue(valuePath, value, `a value for "${op}" to compare ${fact} with`));
    const list = op === 'in' || op === 'notIn';
    if (list !== Array.isArray(value)) return out.push(issue(valuePath, value, list ? `a list of values for "${op}"` : `one value for "${op}" (a list goes with "in" or "notIn")`));
    if (typeof value === 'object' && !Array.isArray(value)) {
      paramRef(path.concat('value'), value);
      const t = paramKind(value);
      if ((op === 'lt' || op === 'lte' || op === 'gt' || op === 'gte') && t !== undefined && t !== 'number') out.push(issue([...valuePath, 'param'], value.param, `a number parameter for "${op}"`));
      // A text parameter compared with a fact of fixed values: every value it may take must be one of them.
      const choices = parameter(value.param)?.choices;
      if (kind.kind === 'enum' && choices) {
        for (const c of choices) if (!kind.values.includes(c)) out.push(issue([...valuePath, 'param'], value.param, `a parameter whose choices are values of ${fact} (${kind.values.join(', ')}); "${c}" is not`));
      }
      return;
    }
    const values = Array.isArray(value) ? value : [value];
    values.forEach((v, i) => {
      const p = Array.isArray(value) ? [...valuePath, i] : valuePath;
      if (op === 'lt' || op === 'lte' || op === 'gt' || op === 'gte') {
        if (typeof v !== 'number') out.push(issue(p, v, `a number for "${op}"`));
      } else if (kind.kind === 'enum') {
        if (!kind.values.includes(String(v))) out.push(issue(p, v, `one of ${kind.values.map((x) => JSON.stringify(x)).join(', ')}`, { notA: `a value of ${fact}`, suggestion: didYouMean(String(v), kind.values) }));
      } else if (kind.kind === 'boolean' && typeof v !== 'boolean') out.push(issue(p, v, `true or false (${fact} is yes/no)`));
      else if ((kind.kind === 'number' || kind.kind === 'date') && typeof v !== 'number') out.push(issue(p, v, `a number (${fact} is a number)`));
    });
  };

  def.criteria.forEach((c, i) => {
    condition(['criteria', i, 'when'], c.when, false);
    if (c.indicates !== undefined) category(['criteria', i, 'indicates'], c.indicates);
    if (c.critical && c.indicates === undefined) out.push(issue(['criteria', i, 'indicates'], undefined, 'the category a critical criterion lifts the result to'));
  });
  out.push(...criterionCycles(def));
  // Best fit without evidence: every school is the default. Where the categories have rules, first match was meant.
  const noEvidence = !firstMatch && def.criteria.every((c) => c.indicates === undefined);
  const rules = def.categories.some((c) => c.when);
  if (noEvidence) {
    out.push(issue(['selection', 'kind'], def.selection.kind, `criteria that say which category each is evidence for ("indicates"): best fit weighs only those, so with none every school is the default "${def.selection.default}"`, rules ? { suggestion: 'firstMatch' } : {}));
  }
  out.push(...statusIssues(def));

  const offer = (path: Path, o: SupportOffer) => {
    if (o.amount !== null && typeof o.amount === 'object') paramRef([...path, 'amount'], o.amount);
    if (o.amount === null && !o.noneReason) out.push(issue([...path, 'noneReason'], undefined, 'why the policy sets no number (an offer without a number must say why)'));
    if (o.amount !== null && !o.unit) out.push(issue([...path, 'unit'], undefined, `the unit of the amount: ${['days', 'officer days', 'visits', 'contact points'].join(', ')}`));
  };
  def.categories.forEach((c, i) => {
    const path = ['categories', i];
    if (c.when && !firstMatch) {
      if (!noEvidence) out.push(issue([...path, 'when'], c.when, 'no "when" with "bestFit": the category comes from the criteria that indicate it, and a category\'s rule would be ignored'));
    } else if (c.when && c.id === def.selection.default) out.push(issue([...path, 'when'], c.when, `no "when" on the default "${c.id}": it is the category when no other category's rule holds`));
    else if (c.when) condition([...path, 'when'], c.when, firstMatch);
    else if (firstMatch && c.id !== def.selection.default && categoryIds.includes(def.selection.default)) out.push(issue([...path, 'when'], undefined, `the rule for "${c.id}" (first match: every category but the default "${def.selection.default}" needs one)`));
    (c.variants ?? []).forEach((v, j) => condition([...path, 'variants', j, 'when'], v.when, false));
    offer([...path, 'support', 'maintained'], c.support.maintained);
    if (c.support.academy) offer([...path, 'support', 'academy'], c.support.academy);
  });
  (def.additional ?? []).forEach((a, i) => condition(['additional', i, 'when'], a.when, false));
  return out;
}

/** "90%", "90", " 0.9 ": a number written as text. */
const NUMBER_TEXT = /^\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)\s*%?\s*$/;

/** A number written as text ("90%", "90") or as true/false, where the parameter's range or the "%" says a number was meant: said at the value (checkParameter), so not again where a rule compares with it. */
function meantAsNumber(p: { readonly min?: number; readonly max?: number }, v: unknown): boolean {
  const ranged = p.min !== undefined || p.max !== undefined;
  return typeof v === 'boolean' ? ranged : typeof v === 'string' && NUMBER_TEXT.test(v) && (ranged || v.includes('%'));
}

/** A parameter's own consistency: one default or dated values, each with its source, within its range. */
function checkParameter(path: Path, p: ParameterDef): FrameworkIssue[] {
  const out: FrameworkIssue[] = [];
  const dated = p.values ? Object.entries(p.values) : [];
  if ((p.default === undefined) === (p.values === undefined)) {
    out.push(issue(path, undefined, p.default === undefined ? 'a "default", or dated "values"' : 'either a "default" or dated "values", not both'));
  }
  if (p.values && dated.length === 0) out.push(issue([...path, 'values'], p.values, 'at least one dated value'));
  const values: [Path, unknown][] = [...(p.default === undefined ? [] : [[[...path, 'default'], p.default] as [Path, unknown]]), ...dated.map(([d, v]) => [[...path, 'values', d], v] as [Path, unknown])];
  const types = new Set(values.map(([, v]) => typeof v));
  if (types.size > 1) out.push(issue([...path, 'values'], p.values, 'values of one type (all numbers, all texts or all true/false)'));
  const ranged = p.min !== undefined || p.max !== undefined;
  const meantNumber = (v: unknown) => meantAsNumber(p, v);
  // A range backwards is said once, and its values' own problems beside it (each is checked against no range then).
  const backwards = p.min !== undefined && p.max !== undefined && p.min > p.max;
  if (backwards) out.push(issue([...path, 'min'], p.min, `a number no more than "max" (${p.max}): the range is from "min" to "max"`));
  for (const [at, v] of values) {
    if (typeof v === 'number' && !backwards && ((p.min !== undefined && v < p.min) || (p.max !== undefined && v > p.max))) out.push(issue(at, v, `a number from ${p.min ?? '-∞'} to ${p.max ?? '∞'} (the parameter's range)`));
    else if (meantNumber(v)) out.push(issue(at, v, `a number${ranged ? ` from ${p.min ?? '-∞'} to ${p.max ?? '∞'}` : ''}${typeof v !== 'string' ? '' : v.includes('%') ? ' (without %)' : ' (without quotes)'}`));
  }
  for (const [date] of dated) if (!p.references || !Object.hasOwn(p.references, date)) out.push(issue([...path, 'references', date], undefined, `the source of the value dated ${date} (each dated value needs one)`));
  for (const date of Object.keys(p.references ?? {})) if (!p.values || !Object.hasOwn(p.values, date)) out.push(issue([...path, 'references', date], p.references![date], `a reference dated as one of the values (${dated.map(([d]) => d).join(', ') || 'none'})`));
  if (ranged && types.size === 1 && !types.has('number') && !values.some(([, v]) => meantNumber(v))) out.push(issue([...path, p.min !== undefined ? 'min' : 'max'], p.min ?? p.max, 'no range: the parameter is not a number'));
  if (p.choices) {
    if (types.size === 1 && !types.has('string')) out.push(issue([...path, 'choices'], p.choices, 'no choices: the parameter is not a text'));
    else for (const [at, v] of values) if (typeof v === 'string' && !p.choices.includes(v)) out.push(issue(at, v, `one of the parameter's choices: ${p.choices.join(', ')}`, { notA: 'one of its choices', suggestion: didYouMean(v, p.choices) }));
  }
  return out;
}

/**
 * The engine reads the categories from the least concern to the most (a later one is more concerning:
 * first match tries them from the last, best fit takes the more concerning middle, a blank is provisional
 * towards a later one). A list written most concern first ("Red, Amber, Green") runs, with every result
 * wrong; what gives it away is the default, where a school goes with no rule against it, last: then no
 * category would be more concerning than a school with no concern. A default anywhere else is taken as
 * written, since categories of less concern than the default may come before it (Wokingham's "gold",
 * or several such tiers): a list reversed with its default in the middle is not caught here, only by
 * its cases.
 */
function categoryOrder(def: FrameworkDefinition): FrameworkIssue[] {
  const ids = def.categories.map((c) => c.id);
  if (ids.length < 2 || ids.indexOf(def.selection.default) !== ids.length - 1) return [];
  const list = (xs: readonly string[]) => xs.map((x) => JSON.stringify(x)).join(', ');
  const expected = 'the categories from the least concern to the most';
  return [{ path: 'categories', value: ids, expected, message: `categories: ${list(ids)}, the default "${def.selection.default}" last, so no category would be more concerning than a school with no rule against it; expected ${expected} (listed most concern first? reverse them: ${list([...ids].reverse())})` }];
}

/**
 * A blank Status reads as maintained (docs/authoring-a-framework.md, "A blank Status is maintained"):
 * so no criterion a category rests on reads the status, and a blank Status never makes a result
 * provisional; elsewhere (a variant, an offer) "maintained" is `isFalse` or `absent`, never `isFalse`
 * alone, which a blank Status leaves unknown.
 */
function statusIssues(def: FrameworkDefinition): FrameworkIssue[] {
  const out: FrameworkIssue[] = [];
  const index = new Map(def.criteria.map((c, i) => [c.id, i]));
  // The criteria a category rests on: what first match's rules name, or best fit's evidence, and all they refer to.
  const deciding = new Set<number>();
  const decide = (i: number | undefined) => {
    if (i === undefined || deciding.has(i)) return;
    deciding.add(i);
    referredCriteria(def.criteria[i]!.when).forEach((id) => decide(index.get(id)));
  };
  if (def.selection.kind === 'firstMatch') def.categories.forEach((c) => c.when && referredCriteria(c.when).forEach((id) => decide(index.get(id))));
  else def.criteria.forEach((c, i) => c.indicates !== undefined && decide(i));

  // Null-safe: this runs on a file whose shape the schema refused too, as far as it can be followed.
  const isStatus = (c: Condition): c is Extract<Condition, { fact: FactKey }> => c !== null && typeof c === 'object' && 'fact' in c && c.fact === 'isAcademy';
  // True for a school that says it is maintained, unknown for a blank Status.
  const maintainedOnly = (c: Condition): boolean => {
    if ('not' in c) return isStatus(c.not) && (c.not.op === 'isTrue' || (c.not.op === 'eq' && c.not.value === true));
    if (!isStatus(c)) return false;
    const { op, value } = c;
    return op === 'isFalse' || ((op === 'eq' || op === 'in') && (value === false || (Array.isArray(value) && value.includes(false))))
      || ((op === 'ne' || op === 'notIn') && (value === true || (Array.isArray(value) && value.includes(true))));
  };
  const MAINTAINED = '{"any": [{"fact": "isAcademy", "op": "isFalse"}, {"fact": "isAcademy", "op": "absent"}]}';
  const walk = (path: Path, c: Condition, blankBeside: boolean, decides: boolean) => {
    if (c === null || typeof c !== 'object') return;
    if (decides && isStatus(c)) {
      out.push(issue([...path, 'fact'], c.fact, 'no status in a criterion a category rests on: a blank Status reads as maintained and never makes a result provisional (academies\' own offer goes in support.academy)'));
      return;
    }
    if (!decides && !blankBeside && maintainedOnly(c)) {
      out.push(issue(path, c, `"maintained" written as ${MAINTAINED}: a blank Status is maintained, and a blank is unknown to ${JSON.stringify(isStatus(c) ? c.op : 'not')}`));
      return;
    }
    if ('any' in c) {
      const blank = listOf(c.any).some((x) => isStatus(x) && x.op === 'absent');
      listOf(c.any).forEach((x, i) => walk([...path, 'any', i], x, blank, decides));
    } else if ('all' in c) listOf(c.all).forEach((x, i) => walk([...path, 'all', i], x, false, decides));
    else if ('atLeast' in c) listOf(c.of).forEach((x, i) => walk([...path, 'of', i], x, false, decides));
    else if ('not' in c) walk([...path, 'not'], c.not, false, decides);
  };
  def.criteria.forEach((c, i) => walk(['criteria', i, 'when'], c.when, false, deciding.has(i)));
  def.categories.forEach((c, i) => (c.variants ?? []).forEach((v, j) => walk(['categories', i, 'variants', j, 'when'], v.when, false, false)));
  (def.additional ?? []).forEach((a, i) => walk(['additional', i, 'when'], a.when, false, false));
  return out;
}

/**
 * Warnings, not errors: what a sound file holds that does nothing. A parameter no rule or offer refers to
 * is one the analyst may set, in the pane or with --param, and see nothing change.
 */
export function frameworkWarnings(def: FrameworkDefinition): FrameworkIssue[] {
  const used = new Set<string>();
  const ref = (v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as ParamRef).param === 'string') used.add((v as ParamRef).param);
  };
  const walk = (c: Condition) => {
    if (c === null || typeof c !== 'object') return;
    if ('fact' in c) ref(c.value);
    else if ('atLeast' in c) {
      ref(c.atLeast);
      listOf(c.of).forEach(walk);
    } else if ('all' in c) listOf(c.all).forEach(walk);
    else if ('any' in c) listOf(c.any).forEach(walk);
    else if ('not' in c) walk(c.not);
  };
  def.criteria.forEach((c) => walk(c.when));
  for (const c of def.categories) {
    if (c.when) walk(c.when);
    (c.variants ?? []).forEach((v) => walk(v.when));
    ref(c.support.maintained.amount);
    ref(c.support.academy?.amount);
  }
  (def.additional ?? []).forEach((a) => walk(a.when));
  return Object.keys(def.parameters).filter((name) => !used.has(name)).map((name) => {
    const expected = `{"param": ${JSON.stringify(name)}} in a rule or an offer, or no such parameter`;
    return { path: pathText(['parameters', name]), value: name, expected, message: `${pathText(['parameters', name])}: used by no rule or offer, so setting it changes nothing; expected ${expected}` };
  });
}

/** Criteria that refer to themselves through others cannot be evaluated. */
function criterionCycles(def: FrameworkDefinition): FrameworkIssue[] {
  const index = new Map(def.criteria.map((c, i) => [c.id, i]));
  const refs = def.criteria.map((c) => referredCriteria(c.when).filter((id) => index.has(id)).map((id) => index.get(id)!));
  const state = new Array<0 | 1 | 2>(def.criteria.length).fill(0);
  const out: FrameworkIssue[] = [];
  const visit = (i: number, trail: number[]) => {
    if (state[i] === 2) return;
    if (state[i] === 1) {
      const loop = [...trail.slice(trail.indexOf(i)), i].map((k) => def.criteria[k]!.id);
      out.push(issue(['criteria', i, 'when'], loop.join(' -> '), 'criteria that do not refer to themselves, directly or through others'));
      return;
    }
    state[i] = 1;
    for (const r of refs[i]!) visit(r, [...trail, i]);
    state[i] = 2;
  };
  def.criteria.forEach((_, i) => visit(i, []));
  return out;
}

/** The criteria a condition refers to by id. */
export function referredCriteria(cond: Condition, out: string[] = []): string[] {
  // Followed only as far as the shape allows: a file the schema refused is still checked for the rest.
  if (cond === null || typeof cond !== 'object') return out;
  if ('criterion' in cond) out.push(cond.criterion);
  else if ('all' in cond) listOf(cond.all).forEach((c) => referredCriteria(c, out));
  else if ('any' in cond) listOf(cond.any).forEach((c) => referredCriteria(c, out));
  else if ('not' in cond) referredCriteria(cond.not, out);
  else if ('atLeast' in cond) listOf(cond.of).forEach((c) => referredCriteria(c, out));
  return out;
}

/** A condition's list of parts, or none where a malformed file has no list there (the schema says so). */
function listOf(parts: readonly Condition[] | null | undefined): readonly Condition[] {
  return Array.isArray(parts) ? parts : [];
}
