/**
 * Evaluating a framework on one school: every criterion, in an order where those it refers to come
 * first; the category by the framework's selection rule (first match, or best fit); an analyst's override;
 * the variant, the support offer and the additional offers; the reasons (worded only when read) and, on
 * request, the trace and the worst case. Never throws on data; never changes the facts.
 *
 * Logic is three-valued (Kleene): a comparison on a blank fact is unknown, `all` is false if any part is
 * false, `any` is true if any part is true. A criterion fires only on evidence, never on a blank.
 */
import { readSlots } from '../factShape';
import type { Facts } from '../facts';
import { FIELDS, normaliseKey } from '../fields';
import type { CategoryDef, SupportOffer } from '../framework';
import type { Unknowns } from '../missingEvidence';
import type { Parameters } from '../parameters';
import { problem, type Problem } from '../problems';
import type { Categorisation, Reason, ResolvedSupport } from '../result';
import { decidingCriteria, FiredReason, traceOf } from './explain';
import { evaluateAll, operandsFor } from './program';
import { bestFitMarking } from './selection';
import { F, isParamRef, NONE, T, type CompiledCategory, type CompiledFramework, type Evaluation } from './types';
import { worstCase, writeOutcomes } from './worstCase';

// The imports `categorise` reads for every school, read once here: under CommonJS interop (tsx, vitest)
// every read of an imported binding is a getter call, and a dozen per school showed in profiles.
const hot = { readSlots, evaluateAll, operandsFor, decidingCriteria, bestFitMarking, FiredReason, writeOutcomes, worstCase, NONE, yes: T, no: F } as const;

/** Options of one evaluation. */
export interface CategoriseOptions {
  /** Resolved parameters (default: the policy's). */
  readonly params?: Parameters;
  /** Include every criterion's outcome in `trace` (costs a little; the Reasons column does not need it). */
  readonly trace?: boolean;
  /**
   * Give the reasons (the default): the reasons, the notes and the missing cells a worst case rests on.
   * `false`: all three are empty, for a caller that reads only the category and whether it is provisional
   * (RISKCATEGORY), which would otherwise have an object made per fired criterion for nothing.
   */
  readonly reasons?: boolean;
  /** The facts the school's missing cells open (core/missingEvidence.ts): the worst case is worked out over them. */
  readonly unknowns?: Unknowns | null;
}

/** How far `T` is from the bit 1. */
const YES_SHIFT = 31 - Math.clz32(T);

/** The options of a call that gives none: one object, not one per call. */
const NO_OPTIONS: CategoriseOptions = Object.freeze({});

/** Evaluates a framework on one school's facts. Never throws on data; never changes `facts`. */
export function categorise(fw: CompiledFramework, facts: Facts, options: CategoriseOptions = NO_OPTIONS): Categorisation {
  const params = options.params ?? fw.defaults;
  const { yes, NONE: none } = hot;
  // Scratch arrays reused from school to school: every slot is written before it is read, and nothing
  // returned keeps them.
  const { fired, v, decides } = fw.scratch;
  hot.readSlots(facts, fw.slotOfFact, v);
  const program = fw.program;
  const k = hot.operandsFor(program, params);
  // Every condition of the framework at once (program.ts), as outcome bits, then each criterion's outcome by its index.
  const out = fw.scratch.nodes;
  hot.evaluateAll(program, v, k, out);
  const at = program.outcomeAt;
  const rootOf = program.criterionOutcomeAt;
  const all = fw.inDefinitionOrder;
  // The criteria that fired, in definition order, as the first `count` indices of a scratch array (not a
  // list made per school): reasons and best fit then walk a handful, not every criterion. Each outcome as
  // `true`, `false` or `undefined` (`fired`) is written only where something reads them (`writeOutcomes`):
  // the trace, and the worst case where a pattern's summary is not enough.
  const firedAt = fw.scratch.firedAt;
  let count = 0;
  // Without a branch per criterion (whether one fired differs from school to school, so a branch is often
  // mispredicted): each index written at `count`, which moves on only past a fired one.
  const shift = YES_SHIFT;
  for (let i = 0; i < rootOf.length; i++) {
    firedAt[count] = i;
    count += (out[rootOf[i]!]! & yes) >>> shift;
  }
  if (options.trace === true) hot.writeOutcomes(fw);

  // The category, and in `decides` the fired criteria that decided it (only the reasons read it, so only
  // for them). Only a fired criterion is marked or read, so clearing this school's fired criteria first is
  // enough: a school stopped by an exception after marking (a facts object that throws) leaves nothing for the next.
  const withReasons = options.reasons !== false;
  if (withReasons) for (let j = 0; j < count; j++) decides[firedAt[j]!] = 0;
  let rank: number;
  if (fw.firstMatch) {
    rank = fw.defaultRank;
    for (let r = fw.categories.length - 1; r >= 0; r--) {
      const cat = fw.categories[r]!;
      if (cat.whenNode >= 0 && out[at[cat.whenNode]!] === yes) {
        rank = r;
        break;
      }
    }
    const cat = fw.categories[rank]!;
    if (withReasons) {
      if (cat.when) hot.decidingCriteria(all, cat.reasonRefs, out, rootOf, decides);
      // The default category has no rule: what decided it is the fired criteria that indicate it.
      else for (let j = 0; j < count; j++) if (fw.rankOf[firedAt[j]!] === rank) decides[firedAt[j]!] = 1;
    }
  } else rank = hot.bestFitMarking(fw, firedAt, count, fw.scratch.counts, withReasons ? decides : null);

  const computed = fw.categories[rank]!;
  // Most schools have no override, so no warnings: the list is made only for one.
  let warnings: readonly Problem[] = none;
  let override: CompiledCategory | null = null;
  if (facts.categoryOverride !== undefined) {
    const found: Problem[] = [];
    override = readOverride(fw, facts, found);
    if (found.length > 0) warnings = found;
  }
  const chosen = override ?? computed;
  let variant: CompiledCategory['variants'][number] | null = null;
  for (const x of chosen.variants) {
    if (out[at[x.node]!] === yes) {
      variant = x;
      break;
    }
  }

  // In the definition's order, the order the policy gives them. Reasons are made lazily: their text is
  // built only when a shell reads it (RISKCATEGORY never does). A list is made only when it has one.
  let reasons: Reason[] | null = null;
  let notes: Reason[] | null = null;
  if (count > 0 && withReasons) {
    const school: Evaluation = { facts, params, fw, again: null, words: null };
    const Fired = hot.FiredReason;
    // Each list made at its length: a list grown by `push` takes room for 17 on the first.
    let deciding = 0;
    for (let j = 0; j < count; j++) deciding += decides[firedAt[j]!]!;
    const r: Reason[] | null = deciding > 0 ? new Array<Reason>(deciding) : null;
    const n: Reason[] | null = count > deciding ? new Array<Reason>(count - deciding) : null;
    for (let j = 0, ri = 0, ni = 0; j < count; j++) {
      const i = firedAt[j]!;
      const reason = new Fired(all[i]!, school);
      if (decides[i] === 1) r![ri++] = reason;
      else n![ni++] = reason;
    }
    reasons = r;
    notes = n;
  }
  if (reasons === null && rank === fw.defaultRank && withReasons) reasons = [computed.defaultReason];

  // In the order the result's fields were always worked out: the worst case last, after what reads the outcomes it may rewrite.
  const support = supportFor(fw, chosen, facts.isAcademy === true, params);
  const additional = additionalFor(fw, out, at);
  const trace = options.trace === true ? fw.inDefinitionOrder.map((c) => traceOf(c, facts, fired[c.index])) : none;
  // An analyst's override stands: the worst case is of the rules' category, so only without one.
  // Compared, not tested for truth: a test reads the object (a memory access among a thousand patterns').
  const worst = options.unknowns !== undefined && options.unknowns !== null && override === null ? hot.worstCase(fw, v, params, fired, count, rank, options.unknowns, withReasons) : null;
  const overridden = override ? { category: override.id, reason: facts.overrideReason ?? '' } : null;
  // A literal, where the school's other objects are made by classes (register.ts `Outcome`): made old after a run that keeps
  // every result, it would keep alive only its worst case (its lists are shared), and the engine ran 5-15% faster with it.
  return {
    framework: fw.id, frameworkVersion: fw.version, category: chosen.id, label: chosen.label, colour: chosen.colour, textColour: chosen.textColour,
    variant: variant ? variant.shown : null, computedCategory: computed.id, override: overridden, support, additional, reasons: reasons ?? none, notes: notes ?? none, trace, warnings, worstCase: worst,
  };
}

/**
 * The additional offers that apply, as a list shared by every school they apply to: a framework has a
 * handful of offers, and a register a few sets of them, where a list made per school would be 25,000.
 */
function additionalFor(fw: CompiledFramework, nodes: Uint8Array, at: readonly number[]): Categorisation['additional'] {
  const offers = fw.additional;
  // A bit per offer; a framework with more offers than the bits of a number makes its lists per school.
  if (offers.length > 30) return offers.filter((a) => nodes[at[a.node]!] === hot.yes).map((a) => a.shown);
  let set = 0;
  for (let i = 0; i < offers.length; i++) if (nodes[at[offers[i]!.node]!] === hot.yes) set |= 1 << i;
  if (set === 0) return hot.NONE;
  const lists = fw.scratch.additionalLists;
  let list = lists.get(set);
  if (list === undefined) lists.set(set, (list = Object.freeze(offers.filter((_, i) => (set & (1 << i)) !== 0).map((a) => a.shown))));
  return list;
}

/**
 * The support offer of a category, resolved once per category, status and parameter set: it depends on
 * nothing else, and 25,000 schools share a handful of offers.
 */
function supportFor(fw: CompiledFramework, cat: CompiledCategory, isAcademy: boolean, params: Parameters): ResolvedSupport {
  // The last parameter set's offers first (most runs use one set): a weak map's lookup per school showed.
  const last = fw.scratch.support;
  if (last.params !== params) {
    let found = fw.supportByParams.get(params);
    if (!found) fw.supportByParams.set(params, (found = []));
    last.params = params;
    last.resolved = found;
  }
  const resolved = last.resolved;
  return (resolved[cat.rank * 2 + (isAcademy ? 1 : 0)] ??= Object.freeze(resolveSupport(cat.def, isAcademy, params)));
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
