/**
 * What a framework declares, as one zod schema: the single source of truth for the framework file
 * format. The TypeScript types below are inferred from it, the JSON Schema an editor completes and checks
 * a framework file against is generated from it (schemas/framework.schema.json,
 * scripts/generate-framework-schema.ts), and every framework, built in or an authority's own, is parsed
 * by it before anything else looks at it (core/frameworkFile.ts).
 *
 * A framework is data: categories, criteria (conditions over facts, each with its citation), the rule
 * that picks the category, the support offer per category, and the parameters with the policy's own
 * defaults. The condition shape follows json-rules-engine (`all` / `any` / `not`) plus "at least N of"
 * for policies that count indicators ("five or more of the eight measures").
 *
 * The schema checks shapes and names (a fact that exists, an operator, a colour); what refers to what (a
 * criterion, a category, a parameter) is checked by core/frameworkCheck.ts, which knows the whole file.
 */
import { FACT_KEYS } from './factShape';
import type { FactKey } from './facts';
import { FIELD_KEYS, type FieldKey } from './fields';
import * as z from './zod';

/** Every fact a condition may read (`row` is where the school is, not a fact about it). */
export const CONDITION_FACTS = FACT_KEYS.filter((k): k is FactKey => k !== 'row') as [FactKey, ...FactKey[]];

export const OPERATORS = ['eq', 'ne', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'isTrue', 'isFalse', 'present', 'absent'] as const;
export const SUPPORT_UNITS = ['days', 'officer days', 'visits', 'contact points'] as const;

/** A schema with its description, for the JSON Schema an editor shows. */
const described = <T extends z.ZodMiniType>(schema: T, description: string): T => schema.check(z.describe(description));
const text = (description: string) => described(z.string().check(z.minLength(1)), description);
// A pattern rather than z.url(): that needs the URL global, which a custom-functions runtime may lack.
const webAddress = (description: string) => described(z.string().check(z.regex(/^https?:\/\/\S+$/, 'a web address, https://...')), description);

/** Where a rule comes from: the section or table of the policy, and the words it rests on. */
export const citationSchema = described(z.strictObject({
  section: text('The section, table or appendix of the policy: "Appendix 5, High Risk: Primary Schools".'),
  quote: text('The words of the policy the rule rests on.'),
}), 'Where the policy says so.');
export type Citation = z.infer<typeof citationSchema>;

/** A reference to a framework parameter, resolved at evaluation time (the authority's value, else the default). */
export const paramRefSchema = described(z.strictObject({ param: text('The name of a parameter of this framework.') }), 'The value of a parameter.');
export type ParamRef = z.infer<typeof paramRefSchema>;

export const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);
export type Scalar = z.infer<typeof scalarSchema>;
const operandSchema = z.union([scalarSchema, paramRefSchema, z.array(scalarSchema)]);
export type Operand = z.infer<typeof operandSchema>;
/** Comparison operators. Dates are day numbers, so `lt` / `gt` compare them too. */
export type Operator = (typeof OPERATORS)[number];

/** One comparison on one fact. */
export const factConditionSchema = z.strictObject({
  fact: described(z.enum(CONDITION_FACTS), 'The fact compared: a register field (ofstedGrade, attendancePct...) or a derived fact (ofstedBand, monthsSinceInspection...).'),
  op: described(z.enum(OPERATORS), 'eq, ne, in, notIn, lt, lte, gt, gte; isTrue, isFalse, present, absent take no value.'),
  value: described(z.optional(operandSchema), 'What the fact is compared with: a value, a list (in, notIn) or {"param": name}.'),
});
export type FactCondition = z.infer<typeof factConditionSchema>;

/**
 * A condition over facts. Evaluation is three-valued: a comparison on a blank fact is "unknown" (no
 * evidence either way), so a criterion fires only on evidence and the trace can say what was missing.
 * Declared by hand because TypeScript cannot infer a recursive type; the schema below is checked
 * against it.
 */
export type Condition =
  | FactCondition
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { atLeast: number | ParamRef; of: Condition[] }
  /** Another criterion of the same framework, by id. */
  | { criterion: string };

/** The key that says which kind of condition an object is, in the order of the schema's union. */
export const CONDITION_KINDS = ['fact', 'all', 'any', 'not', 'atLeast', 'criterion'] as const;

export const conditionSchema: z.ZodMiniType<Condition> = z.lazy(() =>
  z.union([
    factConditionSchema,
    z.strictObject({ all: described(z.array(conditionSchema).check(z.minLength(1)), 'Every one holds.') }),
    z.strictObject({ any: described(z.array(conditionSchema).check(z.minLength(1)), 'At least one holds.') }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ atLeast: described(z.union([z.number().check(z.int(), z.minimum(1)), paramRefSchema]), 'How many must hold.'), of: z.array(conditionSchema).check(z.minLength(1)) }),
    z.strictObject({ criterion: text('The id of another criterion of this framework.') }),
  ]),
).check(z.meta({ id: 'condition', description: 'A condition: {"fact", "op", "value"}, {"all": [...]}, {"any": [...]}, {"not": ...}, {"atLeast": n, "of": [...]} or {"criterion": id}.' }));

/** A named, cited test on a school's facts. */
export const criterionSchema = z.strictObject({
  id: described(z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dots, hyphens and underscores')), 'Unique within the framework.'),
  label: text('Reads as a reason: "Judged Requires improvement at the last inspection".'),
  when: conditionSchema,
  citation: citationSchema,
  indicates: described(z.optional(z.string()), 'Best fit: the category this criterion is evidence for.'),
  critical: described(z.optional(z.boolean()), 'Best fit: when it fires, the result is at least `indicates`, whatever the best fit.'),
});
export type Criterion = z.infer<typeof criterionSchema>;
export type SupportUnit = (typeof SUPPORT_UNITS)[number];

/** What the authority offers a school in a category. */
export const supportOfferSchema = z.strictObject({
  amount: described(z.union([z.number().check(z.minimum(0)), paramRefSchema, z.null()]), 'Days or visits a year; null where the policy sets no number (then noneReason says why).'),
  unit: z.optional(z.enum(SUPPORT_UNITS)),
  bound: described(z.optional(z.enum(['up to', 'at least', 'exactly'])), 'How the policy bounds the number: "up to 20", "minimum of one", "three".'),
  noneReason: described(z.optional(z.string()), 'Why the policy sets no number.'),
  actions: described(z.array(z.string()), 'The pathway: what happens, in the policy\'s words.'),
  cadence: described(z.string(), 'How often the school is met or reviewed.'),
  informed: described(z.array(z.string()), 'Who is told.'),
  citation: citationSchema,
});
export type SupportOffer = z.infer<typeof supportOfferSchema>;

const colour = (what: string) => described(z.string().check(z.regex(/^#[0-9A-Fa-f]{6}$/, '#RRGGBB')), what);

/** A sub-type shown with a category; the first whose rule holds. */
export const variantSchema = z.strictObject({ id: z.string().check(z.minLength(1)), label: text('Shown after the category: "Medium (Enhanced priority)".'), when: conditionSchema, citation: citationSchema });

export const categorySchema = z.strictObject({
  id: described(z.string().check(z.minLength(1)), 'Unique within the framework.'),
  label: text('As the analyst and the SIG read it.'),
  colour: colour('Fill colour as #RRGGBB, the framework\'s own where it has one.'),
  textColour: colour('Text colour that reads on the fill, as #RRGGBB.'),
  description: z.string(),
  when: described(z.optional(conditionSchema), 'First match: when this category applies, in terms of criteria. Omit on the default category.'),
  variants: described(z.optional(z.array(variantSchema)), 'Sub-types shown with the category; the first that holds.'),
  support: z.strictObject({
    maintained: supportOfferSchema,
    academy: described(z.optional(supportOfferSchema), 'Where academies get something different.'),
  }),
});
export type CategoryDef = z.infer<typeof categorySchema>;

/** An offer made alongside the category (a new headteacher's visit, an academy's structured conversation). */
export const additionalOfferSchema = z.strictObject({ id: z.string().check(z.minLength(1)), label: z.string().check(z.minLength(1)), when: conditionSchema, offer: z.string().check(z.minLength(1)), citation: citationSchema });
export type AdditionalOffer = z.infer<typeof additionalOfferSchema>;

/** A calendar date as ISO text, the key of a dated value. */
export const isoDateSchema = described(z.iso.date(), 'YYYY-MM-DD');

/** Where one dated value of a parameter comes from (as OpenFisca and PolicyEngine keep theirs). */
export const referenceSchema = z.strictObject({
  title: text('The publication: "Key stage 2 attainment: national headlines, 2023/24 (DfE)".'),
  href: z.optional(webAddress('Where it is published.')),
});
export type Reference = z.infer<typeof referenceSchema>;

/**
 * A parameter: one `default`, or `values` dated from the day each is in force (a run uses the value in
 * force at its as-of date) with a reference for each.
 */
export const parameterSchema = z.strictObject({
  default: described(z.optional(scalarSchema), 'The policy\'s value. Give this or `values`.'),
  values: described(z.optional(z.record(isoDateSchema, scalarSchema)), 'Dated values, each in force from its date until the next: {"2023-09-01": 59, "2024-09-01": 61}. Give this or `default`.'),
  references: described(z.optional(z.record(isoDateSchema, referenceSchema)), 'The source of each dated value, under the same date.'),
  description: text('What the parameter means, for the analyst setting it.'),
  unit: z.optional(z.string()),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  choices: described(z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(2))), 'The values a text parameter may take ("high", "medium"); an analyst\'s value must be one of them.'),
  standIn: described(z.optional(z.string()), 'Where the policy names a measure that no longer exists: which current measure stands in for it.'),
  citation: described(z.optional(citationSchema), 'Where the default comes from; absent where it is our documented reading of a silent policy.'),
});
export type ParameterDef = z.infer<typeof parameterSchema>;

/**
 * How the category is chosen.
 * - `firstMatch`: categories are tried from the most concern to the least; the first whose `when` holds
 *   wins, otherwise `default`.
 * - `bestFit`: each fired criterion is evidence for the category it `indicates`; the result is the
 *   median of the evidence (the more concerning middle on an even count, the cautious reading), so
 *   more concern never gives a better result; a fired `critical` criterion lifts the result to at least
 *   its category; no evidence gives `default`.
 */
export const selectionSchema = z.strictObject({ kind: z.enum(['firstMatch', 'bestFit']), default: described(z.string().check(z.minLength(1)), 'The category when no rule holds (first match) or there is no evidence (best fit).') });
export type Selection = z.infer<typeof selectionSchema>;

const fieldList = z.array(z.enum(FIELD_KEYS as unknown as [FieldKey, ...FieldKey[]])).check(z.minLength(1));

/** A framework file. */
export const frameworkSchema = z.strictObject({
  $schema: described(z.optional(z.string()), 'The JSON Schema of this format, for editors.'),
  id: described(z.string().check(z.regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and hyphens, starting with a letter')), 'Short, unique: "northmoor".'),
  name: text('"Northmoor School Improvement and Intervention Protocol".'),
  authority: text('The local authority.'),
  version: text('Version of this encoding: change it when a rule changes.'),
  summary: described(z.string(), 'One line for the task pane\'s picker.'),
  source: z.strictObject({ title: text('The policy document.'), year: z.string(), file: z.optional(z.string()), href: z.optional(webAddress('Where the policy is published.')) }),
  docs: described(z.optional(z.string()), 'Path of the framework\'s documentation (our reading of the policy).'),
  parameters: z.record(z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9]*$/, 'letters and digits, starting with a letter')), parameterSchema),
  criteria: z.array(criterionSchema),
  categories: described(z.array(categorySchema).check(z.minLength(2)), 'From the least concern to the most.'),
  selection: selectionSchema,
  additional: described(z.optional(z.array(additionalOfferSchema)), 'Offers made alongside the category.'),
  columns: described(z.optional(z.strictObject({
    oneOf: described(z.optional(z.array(z.strictObject({ fields: fieldList, as: z.string().check(z.minLength(1)) }))), 'Columns of which one will do, each evidence of its own.'),
    optional: described(z.optional(z.array(z.strictObject({ fields: fieldList, why: z.string().check(z.minLength(1)) }))), 'Columns the deciding criteria read that a register may lack, each with why.'),
  })), 'Refinements of the columns derived from the criteria (core/columns.ts).'),
});
export type FrameworkDefinition = z.infer<typeof frameworkSchema>;

/** Where a framework came from, for the run's provenance: built in, or a file (its name and SHA-256). */
export type FrameworkOrigin =
  | { readonly kind: 'built-in' }
  | { readonly kind: 'file'; readonly name: string; readonly sha256: string };

/** Thrown at load time when a framework definition is malformed (a programming error, not bad data). */
export class FrameworkDefinitionError extends Error {
  constructor(
    readonly framework: string,
    message: string,
  ) {
    super(`Framework "${framework}": ${message}`);
    this.name = 'FrameworkDefinitionError';
  }
}
