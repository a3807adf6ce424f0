/**
 * The shapes the engine's three jobs share: a compiled framework (compile.ts makes it), the closures its
 * conditions become, and the outcome bits of the worst case (worstCase.ts). Nothing here runs.
 */
import type { Citation, CategoryDef, Criterion, FrameworkDefinition, FrameworkOrigin, ParamRef } from '../framework';
import type { FactKey, Facts } from '../facts';
import type { Parameters } from '../parameters';
import type { Categorisation, Reason, ResolvedSupport } from '../result';
import type { Program } from './program';

/** Three-valued: `undefined` is unknown. */
export type Truth = boolean | undefined;

/** One school's evaluation, shared by its reasons: what their text is worded from, when it is read. */
export interface Evaluation {
  readonly facts: Facts;
  readonly params: Parameters;
  /** A reason keeps only its criterion's id: its compiled criterion is found here when its text is read. */
  readonly fw: CompiledFramework;
  /** The criteria's outcomes, worked out again on the first reason read. */
  again: { readonly v: readonly unknown[]; readonly fired: readonly Truth[] } | null;
  /** The reasons' words once read, by criterion index: `seen` at 2i, `text` at 2i + 1 (explain.ts `FiredReason`). */
  words: (string | undefined)[] | null;
}
/** A compiled condition: it reads facts by slot from `v` (the facts the framework reads, copied out of the school's facts once). */
export type Evaluator = (v: readonly unknown[], params: Parameters, fired: readonly Truth[]) => Truth;

/** The outcomes a condition could have, as bits: true, false, unknown. */
export type Outcomes = number;
/** True. */
export const T = 1;
/** False. */
export const F = 2;
/** Unknown. */
export const U = 4;
/** True or false (an open fact: whatever it held). */
export const ANY = T | F;
/** The outcome bit of a truth value. */
export const outcomeOf = (t: Truth): Outcomes => (t === true ? T : t === false ? F : U);

/**
 * A school with open facts, as the possibility evaluators read it: the facts (`v`), the criteria's
 * outcomes (`fired`), and per slot whether it is closed (0), any value (1) or a number in `lo`..`hi` (2).
 */
export interface OpenSchool {
  readonly v: readonly unknown[];
  readonly p: Parameters;
  readonly fired: readonly Truth[];
  /** Whether each slot is open, from `openAt` (the open facts of many patterns share one array). */
  readonly open: Int16Array;
  readonly openAt: number;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** Each criterion's possible outcomes, filled in evaluation order. */
  readonly possible: Uint8Array;
}
/** The outcomes a condition could have on a school with open facts. */
export type Possible = (w: OpenSchool) => Outcomes;

/** A criterion, compiled. */
export interface CompiledCriterion {
  readonly def: Criterion;
  readonly index: number;
  /** Its rule's node in the framework's program. */
  readonly node: number;
  readonly evaluate: Evaluator;
  /** Its possible outcomes where facts are open (the worst case). */
  possible: Possible;
  /** The slots of the facts it reads (as `facts`): where none is open, its possible outcome is its outcome. */
  slotsRead: readonly number[];
  /** Facts the criterion reads, directly or through the criteria it refers to. */
  readonly facts: readonly FactKey[];
  /** Criteria this one refers to, transitively (for the order of evaluation and the worst case). */
  readonly refersTo: readonly number[];
  /** Criteria its rule rests on as reasons: those it refers to directly, not under `not` (explain.ts `reasonReferences`). */
  readonly reasonRefs: readonly number[];
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

/** A category, compiled. */
export interface CompiledCategory {
  readonly def: CategoryDef;
  readonly rank: number;
  readonly when: Evaluator | null;
  /** The rule's node in the framework's program (-1: no rule, the default category). */
  readonly whenNode: number;
  /** The rule's possible outcomes where facts are open. */
  possibleWhen: Possible | null;
  /** Criteria the category's rule refers to (transitively): the columns it needs, its possible reasons in the worst case. */
  readonly criteria: readonly number[];
  /** Criteria its rule rests on as reasons, directly (explain.ts `reasonReferences`); `decidingCriteria` follows them. */
  readonly reasonRefs: readonly number[];
  readonly variants: readonly { readonly id: string; readonly label: string; readonly node: number; readonly when: Evaluator; readonly shown: { readonly id: string; readonly label: string } }[];
  /** The reason given when nothing more concerning applies (only the default category uses it). */
  readonly defaultReason: Reason;
  /** Copied from `def`, as a criterion's are: every result reads them. */
  readonly id: string;
  readonly label: string;
  readonly colour: string;
  readonly textColour: string;
}

/** A checked framework, ready to evaluate. */
export interface CompiledFramework {
  readonly definition: FrameworkDefinition;
  /** Copied from `definition`: definitions are literals of many shapes, and every result reads these. */
  readonly id: string;
  readonly version: string;
  readonly firstMatch: boolean;
  /** Built in, or a file (for the run's provenance). */
  readonly origin: FrameworkOrigin;
  /** Every condition of the framework, as nodes (program.ts). */
  readonly program: Program;
  /** In evaluation order: a criterion after those it refers to. */
  readonly criteria: readonly CompiledCriterion[];
  /** In the definition's order, for reasons and the trace. */
  readonly inDefinitionOrder: readonly CompiledCriterion[];
  /** Each criterion's index in `inDefinitionOrder`, by id. */
  readonly criterionIndex: ReadonlyMap<string, number>;
  /**
   * By criterion index, the rank of the category it indicates (-1: none) and whether it is critical (1): what
   * best fit reads of each fired criterion, in typed arrays rather than from the criteria's objects.
   */
  readonly rankOf: Int32Array;
  readonly criticalOf: Uint8Array;
  readonly categories: readonly CompiledCategory[];
  readonly defaultRank: number;
  readonly additional: readonly { readonly def: NonNullable<FrameworkDefinition['additional']>[number]; readonly node: number; readonly when: Evaluator; readonly shown: Categorisation['additional'][number] }[];
  readonly defaults: Parameters;
  /** Category lookup by normalised id or label (for overrides and SUPPORTDAYS). */
  readonly categoryByKey: ReadonlyMap<string, CompiledCategory>;
  /** Facts read by variants, additional offers and academies' offers (not by criteria). */
  readonly otherFacts: readonly FactKey[];
  /** The fact number (for `factAt`) of each slot: `v[i]` is fact `slotNumbers[i]` of the school. */
  readonly slotNumbers: readonly number[];
  /** The fact of each slot. */
  readonly slotFacts: readonly FactKey[];
  /** Each fact number's slot, -1 where the framework does not read it (for `readSlots`). */
  readonly slotOfFact: Int32Array;
  /** Working arrays of `categorise`, one per framework (evaluation is synchronous). */
  readonly scratch: {
    /** Each criterion's outcome, written only for a school evaluated with a trace or unknowns (the only readers). */
    readonly fired: Truth[];
    readonly v: unknown[]; readonly nodes: Uint8Array; readonly support: { params: Parameters | null; resolved: ResolvedSupport[] };
    /** The indices of the criteria that fired, in definition order, from 0 (`categorise` counts them). */
    readonly firedAt: Int32Array;
    /** By criterion: 1 where a fired criterion decided the category (not cleared on return: `categorise` zeroes each fired criterion's mark before marking, and reads no other). */
    readonly decides: Uint8Array;
    /** By rank: the evidence best fit counts. */
    readonly counts: Int32Array;
    /** Each criterion's possible outcomes, for the worst case. */
    readonly possible: Uint8Array;
    /** By rank: the certain evidence a best fit's worst case counts. */
    readonly certain: Int32Array;
    /** The additional offers a school gets, by which of `additional` apply (a bit each): one frozen list per set, shared by the schools that get it. */
    readonly additionalLists: Map<number, Categorisation['additional']>;
  };
  /** Resolved support offers by parameter set, then category and status (see `supportFor`). */
  readonly supportByParams: WeakMap<Parameters, ResolvedSupport[]>;
}

/** Is an operand a reference to a parameter? */
export const isParamRef = (v: unknown): v is ParamRef => typeof v === 'object' && v !== null && !Array.isArray(v) && 'param' in v;

/** One empty list, shared: most schools have no additional offers and no warnings. */
export const NONE: readonly never[] = Object.freeze([]);
