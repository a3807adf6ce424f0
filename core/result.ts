/**
 * What evaluating a framework on one school gives: the category and everything an analyst needs to
 * trust it (the support offer, the reasons with their citations, and the whole trace of criteria).
 */
import type { Citation, SupportUnit } from './framework';
import type { FieldKey } from './fields';
import type { Problem } from './problems';

/** A criterion that fired: what it says, the values that made it fire, and where the policy says so. */
export interface Reason {
  readonly criterion: string;
  readonly label: string;
  /**
   * The facts that made the criterion fire, as the analyst would read them: "Ofsted standing: Requires
   * improvement". Of a criterion met by any of several flags, the flags that were set, not the others.
   */
  readonly seen: string;
  readonly citation: Citation;
  /** The reason in full, one line: label (seen) [section] (RISKREASONS, the JSON output; the Reasons column groups labels by section, core/reasonLines.ts). */
  readonly text: string;
}

export type CriterionOutcome = 'fired' | 'not-fired' | 'unknown';

/** Every criterion is evaluated and reported, never skipped. */
export interface CriterionTrace {
  readonly criterion: string;
  readonly outcome: CriterionOutcome;
  /** Facts the criterion reads that were blank (why an outcome is unknown). */
  readonly missing: readonly string[];
}

/** The support offer resolved for this school (its status, the authority's parameters). */
export interface ResolvedSupport {
  readonly amount: number | null;
  readonly unit: SupportUnit | null;
  readonly bound: 'up to' | 'at least' | 'exactly' | null;
  /** Where `amount` is null: why the policy sets none. */
  readonly noneReason: string | null;
  readonly actions: readonly string[];
  readonly cadence: string;
  readonly informed: readonly string[];
  readonly citation: Citation;
  /** Which offer applied. */
  readonly offerFor: 'maintained' | 'academy';
  /** Whether academies get something different in this category. */
  readonly academyDiffers: boolean;
  /** "Up to 20 officer days a year", "No set number of days: ...". */
  readonly summary: string;
}

export interface Categorisation {
  readonly framework: string;
  readonly frameworkVersion: string;
  readonly category: string;
  readonly label: string;
  readonly colour: string;
  readonly textColour: string;
  /** Sub-type of the category, where the framework has them (Herefordshire's medium). */
  readonly variant: { readonly id: string; readonly label: string } | null;
  /** The category the rules gave, before any analyst override. */
  readonly computedCategory: string;
  readonly override: { readonly category: string; readonly reason: string } | null;
  readonly support: ResolvedSupport;
  readonly additional: readonly { readonly id: string; readonly label: string; readonly offer: string; readonly citation: Citation }[];
  /** The criteria that decided the category. */
  readonly reasons: readonly Reason[];
  /** Other criteria that fired but did not decide the category. */
  readonly notes: readonly Reason[];
  /** Every criterion, with its outcome. Empty when evaluated with `trace: false`. */
  readonly trace: readonly CriterionTrace[];
  /** Problems found while evaluating (an override that names no category of this framework). */
  readonly warnings: readonly Problem[];
  /**
   * Where the school's missing cells could make it more concerning: the most concerning category they
   * could give, and those cells' fields. `null` when they could not (or nothing is missing, or an
   * analyst's override stands): the result is then not provisional.
   */
  readonly worstCase: WorstCase | null;
}

/** The most concerning category a school's missing cells could give, and which cells. */
export interface WorstCase {
  readonly category: string;
  readonly label: string;
  /** The fields whose blank cells could give it, in the catalogue's order. */
  readonly missing: readonly FieldKey[];
}
