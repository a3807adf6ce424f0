/**
 * The national parameters as an analyst sets them: the inspection windows (`windows.`), the report-card
 * mapping (`reportCards.`) and the next-inspection risk model (`risk.`), each leaf of their defaults one
 * named parameter (`windows.riLatestMonths`, `risk.standing.good`, `risk.levels.highFrom`). The names are
 * worked out from the defaults, so a parameter added to a model is settable without a change here.
 */
import type { NationalParameters } from './deriveFacts';
import { NATIONAL_DEFAULTS } from './deriveFacts';
import { REPORT_CARD_MAPPING_PARAMETERS, WINDOW_PARAMETERS } from './ofsted';

/** The prefixes, one per model. */
export const NATIONAL_PREFIXES = { windows: 'windows', reportCards: 'reportCards', risk: 'risk' } as const satisfies Record<keyof NationalParameters, string>;

/** One national parameter. */
export interface NationalParameterDef {
  /** `windows.riLatestMonths`. */
  readonly name: string;
  readonly default: number | boolean;
  readonly description: string;
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
}

/** The risk model's parameters by their first name, in words (docs/ofsted.md has the fit behind them). */
const RISK_WORDS: Readonly<Record<string, string>> = {
  base: 'Points every school starts with (the fitted intercept).',
  standing: 'Points for the latest judgement.',
  previousBelowGood: 'Points when the graded inspection before the latest was below good.',
  ungradedConcerns: 'Points when the latest ungraded inspection said a graded one comes next because of concerns.',
  timeSinceInspection: 'Good or better: points per year since the last inspection beyond fromYears, up to capYears.',
  secondaryPhase: 'Points for a secondary or all-through school.',
  ks2Progress: 'KS2 progress (mean of reading, writing and maths): a linear term against the reference.',
  ks2RwmExpected: 'KS2 % meeting the expected standard in RWM: a linear term against the reference.',
  progress8: 'Progress 8: a linear term against the reference.',
  cohortShrinkage: 'Results count in proportion cohort / (cohort + this).',
  attendance: 'Overall attendance % below the reference: a linear term.',
  persistentAbsence: 'Persistent absence % above the reference: a linear term.',
  newHead: 'A headteacher in post fewer than `months` months adds `points`.',
  interimHead: 'Points for an interim or acting headteacher.',
  concernFlags: 'Points per LA concern flag, up to the cap.',
  decliningTrend: 'Points for a declining attainment trend.',
  levels: 'Score thresholds of the High and Medium levels.',
};

function flatten(prefix: string, value: unknown, describe: (path: readonly string[]) => Omit<NationalParameterDef, 'name' | 'default'>, path: string[] = []): NationalParameterDef[] {
  if (typeof value === 'number' || typeof value === 'boolean') return [{ name: [prefix, ...path].join('.'), default: value, ...describe(path) }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => flatten(prefix, v, describe, [...path, k]));
}

const windowUnit = (name: string) => (name.endsWith('Days') ? { unit: 'days', min: 0, max: 365 } : name.endsWith('Months') ? { unit: 'months', min: 0, max: 120 } : { unit: 'school years', min: 1, max: 10 });

/** Every national parameter, with its default and range. */
export const NATIONAL_PARAMETERS: readonly NationalParameterDef[] = [
  ...flatten(NATIONAL_PREFIXES.windows, NATIONAL_DEFAULTS.windows, ([k]) => ({ description: WINDOW_PARAMETERS[k as keyof typeof WINDOW_PARAMETERS]?.source ?? k!, ...windowUnit(k!) })),
  ...flatten(NATIONAL_PREFIXES.reportCards, NATIONAL_DEFAULTS.reportCards, ([k]) => ({
    description: REPORT_CARD_MAPPING_PARAMETERS[k as keyof typeof REPORT_CARD_MAPPING_PARAMETERS]?.description ?? k!,
    ...(k === 'exceptionalShareForOutstanding' ? { min: 0, max: 1, unit: 'share' } : k === 'needsAttentionAreasForRi' ? { min: 1, max: 8, unit: 'areas' } : {}),
  })),
  ...flatten(NATIONAL_PREFIXES.risk, NATIONAL_DEFAULTS.risk, (path) => ({
    description: `${RISK_WORDS[path[0]!] ?? 'A weight of the next-inspection risk model.'}${path.length > 1 ? ` (${path.slice(1).join('.')})` : ''}`,
    ...(path[0] === 'levels' ? { unit: 'score', min: 0, max: 100 } : { min: -100, max: 100 }),
  })),
];

const BY_NAME: ReadonlyMap<string, NationalParameterDef> = new Map(NATIONAL_PARAMETERS.map((p) => [p.name, p]));

/** The national parameter of that name, if there is one. */
export function nationalParameter(name: string): NationalParameterDef | undefined {
  return BY_NAME.get(name);
}

/** Is `name` under one of the national prefixes (so an unknown one is a misspelt national parameter)? */
export function isNationalName(name: string): boolean {
  return Object.values(NATIONAL_PREFIXES).some((p) => name.startsWith(`${p}.`));
}

/** The national parameters with the given values laid over the defaults (values already checked). */
export function nationalWith(values: ReadonlyMap<string, number | boolean>): NationalParameters {
  if (values.size === 0) return NATIONAL_DEFAULTS;
  // Only the models with a value set are copied: the risk model and the windows compare their
  // parameters with their defaults object to skip a copy per school.
  const changed = new Set([...values.keys()].map((n) => n.split('.')[0]!));
  const copy = Object.fromEntries(Object.entries(NATIONAL_DEFAULTS).map(([k, v]) => [k, changed.has(k) ? structuredClone(v) : v])) as Record<string, unknown>;
  for (const [name, value] of values) {
    const keys = name.split('.');
    let node = copy;
    for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
    node[keys[keys.length - 1]!] = value;
  }
  return copy as unknown as NationalParameters;
}
