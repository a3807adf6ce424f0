/**
 * The national parameters as an analyst sets them: the inspection windows (`windows.`), the report-card
 * mapping (`reportCards.`) and the next-inspection risk model (`risk.`), each leaf of their defaults one
 * named parameter (`windows.goodEarliestMonths`, `risk.judgement.interimHead`, `risk.levels.highFrom`). The names are
 * worked out from the defaults, so a parameter added to a model is settable without a change here.
 */
import type { NationalParameters } from './deriveFacts';
import { NATIONAL_DEFAULTS } from './deriveFacts';
import { REPORT_CARD_MAPPING_PARAMETERS, WINDOW_PARAMETERS } from './ofsted';

/** The prefixes, one per model. */
export const NATIONAL_PREFIXES = { windows: 'windows', reportCards: 'reportCards', risk: 'risk' } as const satisfies Record<keyof NationalParameters, string>;

/** One national parameter. */
export interface NationalParameterDef {
  /** `windows.goodEarliestMonths`. */
  readonly name: string;
  readonly default: number | boolean;
  readonly description: string;
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
}

/** The risk's parameters by their first names, in words (docs/ofsted.md has the model behind them). */
const RISK_WORDS: Readonly<Record<string, string>> = {
  horizonMonths: 'Months from the as-of date within which a graded inspection is counted.',
  levels: 'Probability bands: the risk is High from highFrom and Medium from mediumFrom (a probability from 0 to 1).',
  'judgement.attendance': 'Judgement weight, log-odds per point of overall attendance % below the reference, up to maxPoints points.',
  'judgement.persistentAbsence': 'Judgement weight, log-odds per point of persistent absence % above the reference, up to maxPoints points.',
  'judgement.newHead': 'Judgement weight: a headteacher in post fewer than `months` months adds `logOdds`.',
  'judgement.interimHead': 'Judgement weight, log-odds for an interim or acting headteacher.',
  'judgement.concernFlags': 'Judgement weight, log-odds for each LA concern flag, up to the cap.',
  'judgement.decliningTrend': 'Judgement weight, log-odds for a declining attainment trend.',
  'judgement.ungradedConcerns': 'Judgement weight, log-odds when the latest ungraded inspection said a graded one comes next because of concerns.',
};

/** Parts of the defaults that are not an analyst's parameter: the fitted model and its measured intervals (data, not settings), and the rules (the `--inspection-rules` option). */
const NOT_PARAMETERS: ReadonlySet<string> = new Set(['windows.intervals', 'windows.rules', 'risk.model', 'risk.rules']);

function flatten(prefix: string, value: unknown, describe: (path: readonly string[]) => Omit<NationalParameterDef, 'name' | 'default'>, path: string[] = []): NationalParameterDef[] {
  const name = [prefix, ...path].join('.');
  if (NOT_PARAMETERS.has(name)) return [];
  if (typeof value === 'number' || typeof value === 'boolean') return [{ name, default: value, ...describe(path) }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => flatten(prefix, v, describe, [...path, k]));
}

const windowUnit = (name: string) => (
  name === 'coverage' ? { unit: 'share', min: 0.5, max: 0.99 }
    : name.endsWith('Days') ? { unit: 'days', min: 0, max: 365 } : name.endsWith('Months') ? { unit: 'months', min: 0, max: 120 } : { unit: 'school years', min: 1, max: 10 }
);

/** The range of a risk parameter, by its path under `risk.`. */
function riskRange(path: readonly string[]): Pick<NationalParameterDef, 'unit' | 'min' | 'max'> {
  const last = path[path.length - 1]!;
  if (path[0] === 'horizonMonths') return { unit: 'months', min: 1, max: 120 };
  if (path[0] === 'levels') return { unit: 'probability', min: 0, max: 1 };
  if (last === 'reference') return { unit: '%', min: 0, max: 100 };
  if (last === 'months') return { unit: 'months', min: 0, max: 120 };
  if (last === 'maxPoints') return { unit: 'points', min: 0, max: 100 };
  if (last === 'cap') return { unit: 'log-odds', min: 0, max: 10 };
  return { unit: 'log-odds', min: -10, max: 10 };
}

/** Every national parameter, with its default and range. */
export const NATIONAL_PARAMETERS: readonly NationalParameterDef[] = [
  ...flatten(NATIONAL_PREFIXES.windows, NATIONAL_DEFAULTS.windows, ([k]) => ({ description: WINDOW_PARAMETERS[k as keyof typeof WINDOW_PARAMETERS]?.source ?? k!, ...windowUnit(k!) })),
  ...flatten(NATIONAL_PREFIXES.reportCards, NATIONAL_DEFAULTS.reportCards, ([k]) => ({
    description: REPORT_CARD_MAPPING_PARAMETERS[k as keyof typeof REPORT_CARD_MAPPING_PARAMETERS]?.description ?? k!,
    ...(k === 'exceptionalShareForOutstanding' ? { min: 0, max: 1, unit: 'share' } : k === 'needsAttentionAreasForRi' ? { min: 1, max: 8, unit: 'areas' } : {}),
  })),
  ...flatten(NATIONAL_PREFIXES.risk, NATIONAL_DEFAULTS.risk, (path) => ({
    description: RISK_WORDS[path.slice(0, 2).join('.')] ?? RISK_WORDS[path[0]!] ?? 'A weight of the next-inspection risk.',
    ...riskRange(path),
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
  // Objects are copied only along the path of a value set: the fitted model is large and stays shared.
  const root: Record<string, unknown> = { ...NATIONAL_DEFAULTS };
  const copied = new Set<object>([root]);
  for (const [name, value] of values) {
    const keys = name.split('.');
    let node = root;
    for (const k of keys.slice(0, -1)) {
      let child = node[k] as Record<string, unknown>;
      if (!copied.has(child)) {
        child = { ...child };
        copied.add(child);
        node[k] = child;
      }
      node = child;
    }
    node[keys[keys.length - 1]!] = value;
  }
  return root as unknown as NationalParameters;
}
