/**
 * Parameters as an analyst sets them, and as a run uses them.
 *
 * A framework parameter has one default, or values dated from the day each is in force (as OpenFisca and
 * PolicyEngine keep legislation): a run uses the value in force at its as-of date, so a backtest as of
 * 2018 uses 2018's national averages, and next year's figure is one dated line in the file. Before its
 * first date a parameter takes its earliest value, and says so.
 *
 * An analyst's values (`name=value`, from a command line, a file or the task pane) are checked here, one
 * message per bad name, type or range, and never thrown: they come from people. Names with a national
 * prefix (`windows.goodEarliestMonths`) set the inspection windows, the report-card mapping and the risk
 * model (core/nationalParameters.ts); the rest set the framework's own.
 */
import { fromIsoDate, toIsoDate, type CalendarDate } from './dates';
import type { NationalParameters } from './deriveFacts';
import type { CompiledFramework } from './engine';
import type { ParameterDef, Reference, Scalar } from './framework';
import { didYouMean } from './frameworkCheck';
import { isNationalName, nationalParameter, nationalWith, NATIONAL_PARAMETERS } from './nationalParameters';

/** Resolved parameter values, by name. */
export type Parameters = Readonly<Record<string, number | string | boolean>>;

/** The value of a parameter at a date, and why that one. */
export interface ValueInForce {
  readonly value: Scalar;
  /** The date it is in force from; `null` for a parameter with one default. */
  readonly since: string | null;
  readonly reference: Reference | null;
  /** The as-of date is before the first dated value, so the earliest applies. */
  readonly beforeFirst: boolean;
}

const datedCache = new WeakMap<ParameterDef, readonly (readonly [CalendarDate, string, Scalar])[]>();

/** A parameter's dated values, earliest first. */
function datedValues(p: ParameterDef): readonly (readonly [CalendarDate, string, Scalar])[] {
  let dated = datedCache.get(p);
  if (!dated) {
    dated = Object.entries(p.values ?? {}).map(([d, v]) => [fromIsoDate(d)!, d, v] as const).sort((a, b) => a[0] - b[0]);
    datedCache.set(p, dated);
  }
  return dated;
}

/** The value of a parameter in force at `asOf`. */
export function valueInForce(p: ParameterDef, asOf: CalendarDate): ValueInForce {
  const dated = datedValues(p);
  if (dated.length === 0) return { value: p.default!, since: null, reference: null, beforeFirst: false };
  let chosen = dated[0]!;
  for (const d of dated) if (d[0] <= asOf) chosen = d;
  return { value: chosen[2], since: chosen[1], reference: p.references?.[chosen[1]] ?? null, beforeFirst: chosen[0] > asOf };
}

/** "61 (in force from 2024-09-01: Key stage 2 attainment ...)": which value applied and why. */
export function valueInForceText(p: ParameterDef, asOf: CalendarDate): string {
  const v = valueInForce(p, asOf);
  if (v.since === null) return String(v.value);
  const why = v.beforeFirst ? `the earliest value, from ${v.since}: ${toIsoDate(asOf)} is before it` : `in force from ${v.since}`;
  return `${String(v.value)} (${why}${v.reference ? `; ${v.reference.title}` : ''})`;
}

/** The kind of value a parameter takes. */
export function parameterKind(p: ParameterDef): 'number' | 'string' | 'boolean' {
  return typeof (p.default ?? datedValues(p)[0]?.[2] ?? 0) as 'number' | 'string' | 'boolean';
}

const defaultsCache = new WeakMap<CompiledFramework, Map<number, Parameters>>();

/** Every parameter's value in force at `asOf`: one object per framework and date, so results can be cached by it. */
export function defaultsAt(fw: CompiledFramework, asOf: CalendarDate): Parameters {
  let byDate = defaultsCache.get(fw);
  if (!byDate) defaultsCache.set(fw, (byDate = new Map()));
  let params = byDate.get(asOf);
  if (!params) {
    params = Object.freeze(Object.fromEntries(Object.entries(fw.definition.parameters).map(([k, p]) => [k, valueInForce(p, asOf).value])));
    byDate.set(asOf, params);
  }
  return params;
}

/** The latest value of every parameter: what a framework compiles its `defaults` from, when no date is given. */
export function latestDefaults(parameters: Readonly<Record<string, ParameterDef>>): Parameters {
  return Object.fromEntries(Object.entries(parameters).map(([k, p]) => {
    const dated = datedValues(p);
    return [k, dated.length ? dated[dated.length - 1]![2] : p.default!];
  }));
}

/** A value as typed (text from a command line or a cell) read as the kind the parameter takes; `undefined` when it cannot be. */
function asKind(raw: unknown, kind: 'number' | 'string' | 'boolean'): Scalar | undefined {
  if (kind === 'number') {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : NaN;
    return Number.isFinite(n) ? n : undefined;
  }
  if (kind === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    const t = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    return ['true', 'yes', 'y', '1'].includes(t) ? true : ['false', 'no', 'n', '0'].includes(t) ? false : undefined;
  }
  return typeof raw === 'string' ? raw.trim() : undefined;
}

const KIND_WORDS = { number: 'a number', string: 'a text', boolean: 'true or false' } as const;

/** What a run uses: the framework's parameters, the national ones, and every value that differs from its default. */
export interface RunSettings {
  readonly params: Parameters;
  readonly national: NationalParameters;
  /** `name=value` for every parameter whose value differs from its default (in force at the as-of date), in the order given. */
  readonly changed: readonly string[];
  /** `name=value` for every parameter the analyst gave, at its default or not (a command's option for the same value is refused beside one). */
  readonly given?: readonly string[];
}

/**
 * Checks an analyst's values (`name` to a value or its text) for a framework at `asOf`: one message per
 * unknown name (with the nearest name), wrong type or value out of range. Nothing is half applied.
 */
export function resolveSettings(fw: CompiledFramework, values: Readonly<Record<string, unknown>>, asOf: CalendarDate): { ok: true; settings: RunSettings } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const defaults = defaultsAt(fw, asOf);
  const params: Record<string, Scalar> = { ...defaults };
  const national = new Map<string, number | boolean>();
  const changed: string[] = [];
  const given: string[] = [];
  const frameworkNames = Object.keys(fw.definition.parameters);
  for (const [name, raw] of Object.entries(values)) {
    const own = Object.hasOwn(fw.definition.parameters, name) ? fw.definition.parameters[name] : undefined;
    const nat = own ? undefined : nationalParameter(name);
    if (!own && !nat) {
      const known = isNationalName(name) ? NATIONAL_PARAMETERS.map((p) => p.name) : frameworkNames;
      const near = didYouMean(name, known) ?? didYouMean(name, [...frameworkNames, ...NATIONAL_PARAMETERS.map((p) => p.name)]);
      errors.push(`"${name}" is not a parameter of ${fw.definition.name}${near ? `; did you mean "${near}"?` : isNationalName(name) ? '; see `schoolrisk frameworks` for the national parameters.' : `; expected one of: ${frameworkNames.join(', ')} (or a national one: windows.*, reportCards.*, risk.*).`}`);
      continue;
    }
    const kind = own ? parameterKind(own) : typeof nat!.default === 'boolean' ? 'boolean' : 'number';
    const value = asKind(raw, kind);
    const range = own ?? nat!;
    if (value === undefined) {
      errors.push(`Parameter "${name}" is ${JSON.stringify(raw)}; expected ${KIND_WORDS[kind]}.`);
    } else if (typeof value === 'number' && ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max))) {
      errors.push(`Parameter "${name}" is ${value}; expected a number from ${range.min ?? '-∞'} to ${range.max ?? '∞'}.`);
    } else if (typeof value === 'string' && own?.choices && !own.choices.includes(value)) {
      const near = didYouMean(value, own.choices);
      errors.push(`Parameter "${name}" is ${JSON.stringify(raw)}; expected one of: ${own.choices.join(', ')}${near ? ` (did you mean "${near}"?)` : ''}.`);
    } else if (own) {
      given.push(`${name}=${String(value)}`);
      params[name] = value;
      if (value !== defaults[name]) changed.push(`${name}=${String(value)}`);
    } else {
      given.push(`${name}=${String(value)}`);
      national.set(name, value as number | boolean);
      if (value !== nat!.default) changed.push(`${name}=${String(value)}`);
    }
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, settings: { params: changed.some((c) => !isNationalName(c)) ? Object.freeze(params) : defaults, national: nationalWith(national), changed, given } };
}

/** "name=value" split at the first "=", for `--param`; `null` when there is no name or no "=". */
export function parseAssignment(text: string): [string, string] | null {
  const i = text.indexOf('=');
  if (i <= 0) return null;
  return [text.slice(0, i).trim(), text.slice(i + 1).trim()];
}

/** A parameters file's object, nested names joined by dots ({"windows": {"goodEarliestMonths": 24}} is windows.goodEarliestMonths). */
export function flattenParameters(value: Readonly<Record<string, unknown>>, prefix = ''): Record<string, unknown> {
  // Entries, not assignment: a name "__proto__" (JSON.parse keeps it as a name) stays a name, refused as unknown, not silently dropped.
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => {
    const name = prefix ? `${prefix}.${k}` : k;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.entries(flattenParameters(v as Record<string, unknown>, name)) : [[name, v]];
  }));
}

/**
 * The framework's own parameters with an analyst's values laid over those in force at `asOf`; every
 * bad name, type or range is a message. (`resolveSettings` also takes the national ones.)
 */
export function resolveParameters(fw: CompiledFramework, overrides: Readonly<Record<string, unknown>>, asOf: CalendarDate): { ok: true; params: Parameters } | { ok: false; errors: string[] } {
  const own = Object.entries(overrides).filter(([k]) => !isNationalName(k) || k in fw.definition.parameters);
  const r = resolveSettings(fw, Object.fromEntries(own), asOf);
  return r.ok ? { ok: true, params: r.settings.params } : r;
}
