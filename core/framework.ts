/**
 * What a framework module declares. A framework is data: categories, criteria (conditions over facts,
 * each with its citation), the rule that picks the category, the support offer per category, and the
 * parameters with the policy's own defaults. One engine (engine.ts) evaluates every framework.
 *
 * The condition shape follows json-rules-engine (`all` / `any` / `not`) plus "at least N of" for
 * policies that count indicators ("five or more of the eight measures").
 */
import type { FactKey } from './facts';
import type { FieldKey } from './fields';

/** A reference to a framework parameter, resolved at evaluation time (authority overrides, else the default). */
export interface ParamRef {
  readonly param: string;
}

export type Scalar = string | number | boolean;
export type Operand = Scalar | ParamRef | readonly Scalar[];

/** Comparison operators. Dates are day numbers, so `lt` / `gt` compare them too. */
export type Operator = 'eq' | 'ne' | 'in' | 'notIn' | 'lt' | 'lte' | 'gt' | 'gte' | 'isTrue' | 'isFalse' | 'present' | 'absent';

export interface FactCondition {
  readonly fact: FactKey;
  readonly op: Operator;
  readonly value?: Operand;
}

/**
 * A condition over facts. Evaluation is three-valued: a comparison on a blank fact is "unknown" (no
 * evidence either way), so a criterion fires only on evidence and the trace can say what was missing.
 */
export type Condition =
  | FactCondition
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | { readonly atLeast: number | ParamRef; readonly of: readonly Condition[] }
  /** Another criterion of the same framework, by id. */
  | { readonly criterion: string };

/** Where a rule comes from: the section or table of the policy, and the words it rests on. */
export interface Citation {
  readonly section: string;
  readonly quote: string;
}

/** A named, cited test on a school's facts. */
export interface Criterion {
  readonly id: string;
  /** Reads as a reason: "Judged Requires improvement at the last inspection". */
  readonly label: string;
  readonly when: Condition;
  readonly citation: Citation;
  /** Best-fit frameworks only: the category this criterion is evidence for. */
  readonly indicates?: string;
  /** Best-fit frameworks only: when it fires, the result is at least `indicates`, whatever the best fit. */
  readonly critical?: boolean;
}

export type SupportUnit = 'days' | 'officer days' | 'visits' | 'contact points';

/** What the authority offers a school in a category. */
export interface SupportOffer {
  /** Days or visits a year; `null` where the policy sets no number (then `noneReason` says why). */
  readonly amount: number | ParamRef | null;
  readonly unit?: SupportUnit;
  /** How the policy bounds the number: "up to 20", "minimum of one", "three". */
  readonly bound?: 'up to' | 'at least' | 'exactly';
  readonly noneReason?: string;
  /** The pathway: what happens, in the policy's words. */
  readonly actions: readonly string[];
  /** How often the school is met or reviewed. */
  readonly cadence: string;
  /** Who is told. */
  readonly informed: readonly string[];
  readonly citation: Citation;
}

export interface CategoryDef {
  readonly id: string;
  readonly label: string;
  /** Fill colour as `#RRGGBB`, the framework's own where it has one. */
  readonly colour: string;
  /** Text colour that reads on the fill. */
  readonly textColour: string;
  readonly description: string;
  /** First-match frameworks: when this category applies. Omit on the default category. */
  readonly when?: Condition;
  /** Sub-types shown with the category (Herefordshire's medium: enhanced priority or timetabled support); first match. */
  readonly variants?: readonly { readonly id: string; readonly label: string; readonly when: Condition; readonly citation: Citation }[];
  readonly support: {
    readonly maintained: SupportOffer;
    /** Where academies get something different (often: concerns raised with the DfE / RD instead). */
    readonly academy?: SupportOffer;
  };
}

/** Offers made alongside the category (Oxfordshire's new-headteacher visit, academies' structured conversation). */
export interface AdditionalOffer {
  readonly id: string;
  readonly label: string;
  readonly when: Condition;
  readonly offer: string;
  readonly citation: Citation;
}

export interface ParameterDef {
  readonly default: number | string | boolean;
  readonly description: string;
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  /** Where the policy names a measure that no longer exists: which current measure stands in for it. */
  readonly standIn?: string;
  /** Where the default comes from; absent where it is our documented reading of a silent policy. */
  readonly citation?: Citation;
}

/**
 * How the category is chosen.
 * - `firstMatch`: categories are tried from the most concern to the least; the first whose `when` holds
 *   wins, otherwise `default`.
 * - `bestFit`: each fired criterion is evidence for the category it `indicates`; the result is the
 *   median of the evidence (the more concerning middle on an even count, the cautious reading), so
 *   more concern never gives a better result; a fired `critical` criterion lifts the result to at least
 *   its category; no evidence gives `default`.
 */
export type Selection = { readonly kind: 'firstMatch'; readonly default: string } | { readonly kind: 'bestFit'; readonly default: string };

export interface FrameworkDefinition {
  readonly id: string;
  /** "Oxfordshire Improvement Guarantee". */
  readonly name: string;
  readonly authority: string;
  /** Version of our encoding (bump when a rule changes). */
  readonly version: string;
  /** One line for the task pane's picker. */
  readonly summary: string;
  readonly source: { readonly title: string; readonly year: string; readonly file: string };
  /** Path of the framework's documentation in the repository. */
  readonly docs: string;
  readonly parameters: Readonly<Record<string, ParameterDef>>;
  readonly criteria: readonly Criterion[];
  /** From the least concern to the most. */
  readonly categories: readonly CategoryDef[];
  readonly selection: Selection;
  readonly additional?: readonly AdditionalOffer[];
  /**
   * Refinements of the columns derived from the criteria (core/columns.ts): columns of which one will do
   * (each evidence of its own, so the others, when absent, are listed), and columns the deciding
   * criteria read that a register may lack, each with why.
   */
  readonly columns?: {
    readonly oneOf?: readonly { readonly fields: readonly FieldKey[]; readonly as: string }[];
    readonly optional?: readonly { readonly fields: readonly FieldKey[]; readonly why: string }[];
  };
}

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
