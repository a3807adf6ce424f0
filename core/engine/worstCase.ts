/**
 * The worst case: where a school's missing cells open some facts (core/missingEvidence.ts), each
 * condition is also evaluated to the set of outcomes it could have (true, false, unknown) whatever those
 * cells held, by possibility evaluators compiled beside the evaluators (possibilities.ts) and reusing them on
 * every fact that is not open. The most concerning category whose rule could hold is the worst case; where it is
 * more concerning than the category, the result is provisional. Only rows with a missing cell pay for it.
 *
 * Rows share a few patterns of missing cells, and the unknowns of a pattern (`isShared`): what those mean
 * to the framework (the open slots, which criteria read them, the outcomes of those that read nothing else,
 * the missing cells each set of reasons names) is worked out once per pattern and kept with its unknowns
 * (`SharedUnknowns.worked`), and each row evaluates only the criteria that read both open and closed facts.
 */
import type { FactKey } from '../facts';
import * as missingEvidence from '../missingEvidence';
import type { SharedUnknowns, UnknownFact, Unknowns } from '../missingEvidence';
import type { FieldKey } from '../fields';
import type { Parameters } from '../parameters';
import type { WorstCase } from '../result';
import * as selection from './selection';
import * as types from './types';
import type { CompiledCriterion, CompiledFramework, OpenSchool, Truth } from './types';

// Bound once: under CommonJS interop (tsx, vitest) an imported binding is a getter, read at every use
// otherwise, and the possibility evaluators use these for every school with missing evidence.
const { F, NONE, outcomeOf, T, U } = types;
const { medianRank } = selection;
const { inFieldOrder, isShared, lastShared, PATTERN_ROOM } = missingEvidence;

/**
 * What the worst case needs of a framework beyond its compiled form, worked out once per framework: the
 * slot of each fact, the criteria whose possible outcome another condition reads, and working lists.
 */
interface Plan {
  readonly slotOf: ReadonlyMap<FactKey, number>;
  /** By slot: the indices of the criteria that read it. */
  readonly readersOf: readonly (readonly number[])[];
  /**
   * By criterion, the slots it reads as bits, `slotWords` words of 30 a criterion; and scratch of `openFactsOf`,
   * a pattern's open slots so: whether a criterion reads a closed slot is then a word or two, not a walk of its slots.
   */
  readonly slotBits: Int32Array;
  readonly slotWords: number;
  readonly openBits: Int32Array;
  /** The ranges of a pattern without one: never read. */
  readonly noRange: Float64Array;
  /** The criteria whose possible outcome a possibility evaluator reads (through a reference, or a first match's category rule), as a list and flags. */
  readonly referenced: Int32Array;
  readonly isReferenced: Uint8Array;
  /** By criterion: its exclusive fact's group (criteria of which at most one fires), or -1. */
  readonly groupOf: Int32Array;
  /** Working lists: the criteria that could fire or not (best fit's extra evidence); the criteria that are reasons for the worst case, with repeats. */
  readonly extra: Int32Array;
  readonly why: number[];
  /** Best fit's working counts by rank (certain evidence, extra evidence, both) and the exclusive groups' most concerning rank. */
  readonly fired: number[];
  readonly extraAt: number[];
  readonly counts: number[];
  readonly mostConcerning: number[];
  /** Whether a fixed criterion of the school's pattern that is extra evidence fired (best fit sets it). */
  fixedExtraFired: boolean;
  /** The array the open facts of new patterns go in (`OpenFacts.data`), and how much of it they fill. */
  data: Int16Array;
  used: number;
  /** Working lists of `openFactsOf`: a pattern's varying criteria, and its fixed ones another condition reads. */
  readonly gathered: { readonly varying: CompiledCriterion[]; readonly fixedReferenced: number[] };
  /**
   * The school as the possibility evaluators read it: the framework's working arrays, and its pattern's open
   * facts set for each school. One object for every pattern: a row then reads no object of its pattern's
   * to find its school.
   */
  readonly school: { -readonly [K in keyof OpenSchool]: OpenSchool[K] };
}

/**
 * A school's open facts as the possibility evaluators read them, worked out from its unknowns: rows of one
 * pattern of blank cells share their unknowns, and so this. Kept in few objects: a row reads its pattern's
 * among some thousand others.
 */
interface OpenFacts {
  /** The framework they are for (they are kept with the unknowns, which another framework could be given), and its plan (a row then looks no plan up). */
  readonly fw: CompiledFramework;
  readonly plan: Plan;
  /**
   * The array this pattern's numbers are in, with those of others made before and after it: a few dozen
   * small integers a pattern, where a typed array of its own costs some 200 bytes more, an object the
   * collector copies, and a memory access of its own for a row that reads its pattern's among many.
   * - From `openAt`, by slot: closed (0), any value (1) or a number in `lo`..`hi` (2).
   * - From `stateAt`, by criterion: 0 where it reads no open slot (its outcome is its possible outcome);
   *   `VARYING` where it reads an open slot and something else (a closed slot, another criterion), so is
   *   evaluated for each school; `FIXED` and a fixed criterion's possible outcome (it reads open slots
   *   only, so its outcome hangs on the open facts and the parameters alone), under `params`.
   * - From `sumsAt`, what the fixed criteria that could fire or not (a best fit's extra evidence) add: the
   *   floor, counts by rank (no exclusive group), each group's most concerning rank; then, by rank, all
   *   their extra evidence (one of each group), what a best fit adds where no varying criterion could fire
   *   or not.
   */
  readonly data: Int16Array;
  readonly openAt: number;
  readonly stateAt: number;
  readonly sumsAt: number;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** How many open facts (among the framework's). */
  readonly count: number;
  /** The fixed criteria another condition reads (the fixed ones are those `FIXED` from `stateAt`). */
  readonly fixedReferenced: readonly number[];
  /** The varying criteria, in evaluation order, and how many. */
  readonly varying: readonly CompiledCriterion[];
  readonly varyingCount: number;
  /** The parameter set the fixed criteria's outcomes are for (`null`: not worked out yet). */
  params: Parameters | null;
  /** What only reasons read (the missing cells), made when first asked: a call without reasons keeps none per pattern. */
  reasons: Reasons | null;
}

/** What the missing cells of a worst case are worked out from, for one pattern's open facts. */
interface Reasons {
  /** Each open fact's unknown, in the unknowns' order, and its slot. */
  readonly facts: readonly UnknownFact[];
  readonly slots: readonly number[];
  /** By criterion, the open facts it reads as bits by their position in `facts` (where there are at most 30). */
  readonly factsRead: number[] | null;
  /** The fixed criteria that could fire or not (a best fit's extra evidence), under `params`. */
  fixedExtra: readonly number[];
  /**
   * By rank (with at most 30 open facts), the open facts the pattern's fixed extra evidence more concerning
   * reads (`factsRead` bits): the reasons' cells where none of it fired; under `params`.
   */
  readonly bits: number[];
  params: Parameters | null;
  /** The missing cells by the bits of the open facts the reasons read, in field order (at most 30 facts); the last asked first. */
  missingBy: Map<number, readonly FieldKey[]> | null;
  lastRead: number;
  lastMissing: readonly FieldKey[] | null;
}

/** The state (`OpenFacts.stateAt`) of a criterion evaluated for each school, and the mark of a fixed one (outcome bits are at most 7). */
const VARYING = 8;
const FIXED = 16;
/** Every outcome bit: true, false, unknown. */
const ANY_OUTCOME = 7;

const plans = new WeakMap<CompiledFramework, Plan>();

/** No criteria: most patterns' lists of fixed criteria another condition reads, and many patterns' fixed extra evidence. A pattern is kept for its rows, so it is kept small. */
const NO_CRITERIA: readonly number[] = Object.freeze([]);
const NO_VARYING: readonly CompiledCriterion[] = Object.freeze([]);

function planOf(fw: CompiledFramework): Plan {
  let plan = plans.get(fw);
  if (plan !== undefined) return plan;
  const groupOf = new Int32Array(fw.inDefinitionOrder.length).fill(-1);
  const groupNumbers = new Map<FactKey, number>();
  for (const c of fw.inDefinitionOrder) {
    if (c.exclusiveFact === null) continue;
    let g = groupNumbers.get(c.exclusiveFact);
    if (g === undefined) groupNumbers.set(c.exclusiveFact, (g = groupNumbers.size));
    groupOf[c.index] = g;
  }
  const referenced = new Set<number>();
  for (const c of fw.criteria) for (const i of c.refersTo) referenced.add(i);
  for (const cat of fw.categories) for (const i of cat.criteria) referenced.add(i);
  const readersOf: number[][] = fw.slotFacts.map(() => []);
  for (const c of fw.criteria) for (const s of new Set(c.slotsRead)) readersOf[s]!.push(c.index);
  const slotWords = Math.ceil(fw.slotFacts.length / 30);
  const slotBits = new Int32Array(fw.inDefinitionOrder.length * slotWords);
  for (const c of fw.criteria) for (const s of c.slotsRead) slotBits[c.index * slotWords + ((s / 30) | 0)]! |= 1 << s % 30;
  plan = {
    slotOf: new Map(fw.slotFacts.map((f, i) => [f, i])),
    readersOf,
    slotBits,
    slotWords,
    openBits: new Int32Array(slotWords),
    noRange: new Float64Array(fw.slotFacts.length),
    referenced: Int32Array.from([...referenced].sort((a, b) => a - b)),
    isReferenced: Uint8Array.from(fw.inDefinitionOrder, (c) => (referenced.has(c.index) ? 1 : 0)),
    groupOf,
    extra: new Int32Array(fw.inDefinitionOrder.length),
    why: [],
    fired: fw.categories.map(() => 0),
    extraAt: fw.categories.map(() => 0),
    counts: fw.categories.map(() => 0),
    mostConcerning: Array.from({ length: groupNumbers.size }, () => -1),
    fixedExtraFired: false,
    data: new Int16Array(0),
    used: 0,
    gathered: { varying: [], fixedReferenced: [] },
    school: { v: fw.scratch.v, p: fw.defaults, fired: fw.scratch.fired, open: new Int16Array(0), openAt: 0, lo: new Float64Array(0), hi: new Float64Array(0), possible: fw.scratch.possible },
  };
  plans.set(fw, plan);
  return plan;
}

/** A school's open facts, from its unknowns (those not among the framework's facts are not read). */
function openFactsOf(fw: CompiledFramework, plan: Plan, unknowns: Unknowns): OpenFacts {
  const slots = fw.slotFacts.length;
  const criteria = fw.inDefinitionOrder.length;
  const { data, openAt } = allot(plan, slots + criteria + 1 + 2 * fw.categories.length + plan.mostConcerning.length);
  const stateAt = openAt + slots;
  // Read only where a slot is a range: most patterns have none, and share the plan's.
  let lo = plan.noRange;
  let hi = plan.noRange;
  let count = 0;
  // The criteria reading the open slots are marked as they are found.
  const { slotOf, readersOf, slotBits, slotWords, openBits } = plan;
  openBits.fill(0);
  for (const [fact, u] of unknowns) {
    const i = slotOf.get(fact);
    if (i === undefined) continue;
    if (u.range) {
      if (lo === plan.noRange) {
        lo = new Float64Array(slots);
        hi = new Float64Array(slots);
      }
      data[openAt + i] = 2;
      lo[i] = u.range[0];
      hi[i] = u.range[1];
    } else data[openAt + i] = 1;
    openBits[(i / 30) | 0]! |= 1 << i % 30;
    count++;
    const readers = readersOf[i]!;
    for (let j = 0; j < readers.length; j++) data[stateAt + readers[j]!] = FIXED;
  }
  // The criteria reading the open slots: fixed where they read nothing else. Taken in evaluation order, where
  // a criterion's possibility may read those of the criteria it refers to (the order of the fixed ones is
  // never read: they are summed up, and their reasons kept as bits).
  // Gathered in the plan's lists and copied to their length: a list grown by pushes keeps room for 16 or
  // more, and a pattern's lists are kept for the call.
  const { varying, fixedReferenced } = plan.gathered;
  varying.length = 0;
  fixedReferenced.length = 0;
  for (const c of fw.criteria) {
    const i = c.index;
    if (data[stateAt + i] === 0) continue;
    let readsClosed = c.refersTo.length > 0;
    for (let w = 0; w < slotWords; w++) if ((slotBits[i * slotWords + w]! & ~openBits[w]!) !== 0) readsClosed = true;
    if (readsClosed) {
      data[stateAt + i] = VARYING;
      varying.push(c);
    } else if (plan.isReferenced[i] === 1) fixedReferenced.push(i);
  }
  return {
    fw, plan, data, openAt, stateAt, sumsAt: stateAt + criteria, lo, hi, count, fixedReferenced: fixedReferenced.length > 0 ? fixedReferenced.slice() : NO_CRITERIA,
    varying: varying.length > 0 ? varying.slice() : NO_VARYING, varyingCount: varying.length,
    params: null, reasons: null,
  };
}

/** Room for `n` numbers of a new pattern, in the plan's array (a new one when it is full). */
function allot(plan: Plan, n: number): { data: Int16Array; openAt: number } {
  if (plan.used + n > plan.data.length) {
    // Patterns made earlier keep the full one, for as long as they are kept.
    plan.data = new Int16Array(Math.max(n, DATA_LENGTH));
    plan.used = 0;
  }
  const openAt = plan.used;
  plan.used += n;
  return { data: plan.data, openAt };
}

/** Numbers an array of patterns' numbers holds: some hundred patterns of a large framework. */
const DATA_LENGTH = 16384;

/** The reasons' part of a pattern's open facts (`openFacts.reasons`), with their bits under `params` (after `fixOutcomes` for them). */
function reasonsOf(fw: CompiledFramework, plan: Plan, openFacts: OpenFacts, unknowns: Unknowns, params: Parameters): Reasons {
  let reasons = openFacts.reasons;
  if (reasons === null) {
    // The unknowns' open facts in their order, as `openFactsOf` took them.
    const facts: UnknownFact[] = [];
    const slots: number[] = [];
    for (const [fact, u] of unknowns) {
      const i = plan.slotOf.get(fact);
      if (i === undefined) continue;
      slots.push(i);
      facts.push(u);
    }
    const factsRead = facts.length <= 30 ? zeros(fw.inDefinitionOrder.length) : null;
    if (factsRead !== null) for (let k = 0; k < slots.length; k++) for (const c of plan.readersOf[slots[k]!]!) factsRead[c]! |= 1 << k;
    reasons = openFacts.reasons = { facts, slots, factsRead, fixedExtra: NO_CRITERIA, bits: zeros(fw.categories.length), params: null, missingBy: null, lastRead: -1, lastMissing: null };
  }
  if (reasons.params !== params) {
    // As `fixOutcomes` found them (their order is never read: their reasons are bits, or flags).
    const { data, stateAt } = openFacts;
    const all = fw.inDefinitionOrder;
    const extra: number[] = [];
    for (let i = 0; i < all.length; i++) {
      const s = data[stateAt + i]!;
      if ((s & FIXED) === 0) continue;
      const m = s & ANY_OUTCOME;
      if (all[i]!.indicatesRank >= 0 && (m & T) !== 0 && m !== T) extra.push(i);
    }
    reasons.fixedExtra = extra.length > 0 ? extra : NO_CRITERIA;
    const { factsRead, bits } = reasons;
    if (factsRead !== null) {
      bits.fill(0);
      for (const i of extra) for (let r = 0; r < fw.rankOf[i]!; r++) bits[r]! |= factsRead[i]!;
    }
    reasons.params = params;
  }
  return reasons;
}

/**
 * `n` zeros, as a list of small integers rather than a typed array: one of more than 64 bytes has its
 * elements outside the heap, each a native allocation the collector then tracks, and there are two a pattern.
 */
function zeros(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(0);
  return out;
}

/**
 * The fixed criteria's possible outcomes under `school`'s parameters (they read nothing else of it), into
 * `state`, and what their extra evidence adds into `sums`. In index order: a fixed criterion refers to
 * no other, and their outcomes are summed up.
 */
function fixOutcomes(fw: CompiledFramework, plan: Plan, openFacts: OpenFacts, school: OpenSchool): void {
  const { data, stateAt, sumsAt } = openFacts;
  const all = fw.inDefinitionOrder;
  const n = fw.categories.length;
  let floor = -1;
  const groups = plan.mostConcerning.length;
  // Sums from `sumsAt`, as `sums[k]` reads below.
  data.fill(0, sumsAt, sumsAt + 1 + 2 * n + groups);
  data.fill(-1, sumsAt + 1 + n, sumsAt + 1 + n + groups);
  for (let i = 0; i < all.length; i++) {
    if ((data[stateAt + i]! & FIXED) === 0) continue;
    const c = all[i]!;
    const m = c.possible(school);
    data[stateAt + i] = FIXED | m;
    if (c.indicatesRank < 0 || (m & T) === 0 || m === T) continue;
    if (c.critical && c.indicatesRank > floor) floor = c.indicatesRank;
    const g = plan.groupOf[c.index]!;
    if (g < 0) data[sumsAt + 1 + c.indicatesRank]!++;
    else if (data[sumsAt + 1 + n + g]! < c.indicatesRank) data[sumsAt + 1 + n + g] = c.indicatesRank;
  }
  data[sumsAt] = floor;
  for (let r = 0; r < n; r++) data[sumsAt + 1 + n + groups + r] = data[sumsAt + 1 + r]!;
  for (let g = 0; g < groups; g++) if (data[sumsAt + 1 + n + g]! >= 0) data[sumsAt + 1 + n + groups + data[sumsAt + 1 + n + g]!]!++;
  openFacts.params = school.p;
}

/** Each outcome bit's truth, by the bit (`T` true, `F` false, `U` unknown). */
const TRUTH_OF_BIT: readonly Truth[] = Array.from({ length: (T | F | U) + 1 }, (_, b) => (b === T ? true : b === F ? false : undefined));

/**
 * Each criterion's outcome as `true`, `false` or `undefined`, into `fw.scratch.fired`, from the outcome bits
 * `categorise` left in `fw.scratch.nodes`: for the trace and the worst case, the only readers.
 */
export function writeOutcomes(fw: CompiledFramework): void {
  const { fired, nodes } = fw.scratch;
  const rootOf = fw.program.criterionOutcomeAt;
  const truth = TRUTH_OF_BIT;
  for (let i = 0; i < rootOf.length; i++) fired[i] = truth[nodes[rootOf[i]!]!];
}

/**
 * The most concerning category the school's open facts could give, with the missing cells that could
 * give it (`withMissing`; otherwise none, for a caller that reads only whether the result is provisional);
 * `null` when it is the category itself (the result is not provisional). The criteria that fired are the
 * first `firedCount` of `fw.scratch.firedAt`.
 */
export function worstCase(fw: CompiledFramework, v: readonly unknown[], params: Parameters, fired: readonly Truth[], firedCount: number, rank: number, unknowns: Unknowns, withMissing: boolean): WorstCase | null {
  // Nothing is more concerning than the most concerning category.
  if (rank >= fw.categories.length - 1) return null;
  const program = fw.program;
  if (!withMissing) {
    // Most rows of a best fit: their pattern's summary, if it holds for this framework and parameter set;
    // found without reading the unknowns' object where they are those the reader has just given.
    const last = lastShared;
    let room: Int32Array | null = null;
    let at = 0;
    if (last.unknowns === unknowns) {
      room = last.room;
      at = last.roomAt;
    } else if (isShared(unknowns)) {
      room = unknowns.room;
      at = unknowns.roomAt;
    }
    if (room !== null && room[at + SUMMARY_GENERATION] === program.generation && program.lastParams === params) {
      if (room[at + SUMMARY_OPEN] === 0) return null;
      if (room[at + SUMMARY_VARYING] === 0) {
        const worst = summaryBestFit(fw, room, at, firedCount);
        return worst > rank ? worstOf(fw, worst, NONE) : null;
      }
    }
  }
  return worstCaseInFull(fw, v, params, fired, firedCount, rank, unknowns, withMissing);
}

/**
 * `worstCase` past its pattern's summary: the open facts, worked out for the pattern if new, the criteria
 * that vary from school to school evaluated, and the missing cells. A function of its own, so that the
 * summary's few lines are small enough to be inlined where `categorise` calls them.
 */
function worstCaseInFull(fw: CompiledFramework, v: readonly unknown[], params: Parameters, fired: readonly Truth[], firedCount: number, rank: number, unknowns: Unknowns, withMissing: boolean): WorstCase | null {
  // Past the summary, the criteria's outcomes are read (as `fired`).
  writeOutcomes(fw);
  // Unknowns rows share are worked out once; a row's own (a range of its own) each time.
  const shared = isShared(unknowns);
  let openFacts = shared && unknowns.worked !== null && unknowns.worked.fw === fw ? (unknowns.worked as OpenFacts) : undefined;
  if (openFacts === undefined) {
    openFacts = openFactsOf(fw, planOf(fw), unknowns);
    if (shared) unknowns.worked = openFacts;
  }
  const plan = openFacts.plan;
  if (openFacts.count === 0) {
    if (shared) summarise(fw, openFacts, unknowns, params);
    return null;
  }
  const possible = fw.scratch.possible;
  const school = plan.school;
  school.v = v;
  school.p = params;
  school.fired = fired;
  school.open = openFacts.data;
  school.openAt = openFacts.openAt;
  school.lo = openFacts.lo;
  school.hi = openFacts.hi;
  if (openFacts.params !== params) fixOutcomes(fw, plan, openFacts, school);
  if (shared) summarise(fw, openFacts, unknowns, params);
  const { data, stateAt, varying } = openFacts;
  // A criterion that reads no open slot can only have its outcome, and a fixed one has its pattern's:
  // written only where another condition reads them (a varying criterion, a first match's category rule).
  const varyingCount = openFacts.varyingCount;
  if (varyingCount > 0 || fw.firstMatch) {
    const referenced = plan.referenced;
    for (let j = 0; j < referenced.length; j++) possible[referenced[j]!] = outcomeOf(fired[referenced[j]!]);
    const fixedReferenced = openFacts.fixedReferenced;
    for (let j = 0; j < fixedReferenced.length; j++) possible[fixedReferenced[j]!] = data[stateAt + fixedReferenced[j]!]! & ANY_OUTCOME;
  }
  // Evidence that could be there or not (only a criterion reading an open slot can be uncertain), for a best
  // fit: the fixed criteria's in `openFacts`, the others' here.
  const extra = plan.extra;
  let extras = 0;
  // In evaluation order: a criterion's possibility may read those of the criteria it refers to.
  for (let j = 0; j < varyingCount; j++) {
    const c = varying[j]!;
    const m = c.possible(school);
    possible[c.index] = m;
    if (c.indicatesRank >= 0 && (m & T) !== 0 && m !== T) extra[extras++] = c.index;
  }

  let worst = rank;
  // The criteria that are reasons for the worst case, with repeats, and the open facts known to be read by reasons.
  const why = plan.why;
  let whys = 0;
  let read = 0;
  if (fw.firstMatch) {
    for (let r = fw.categories.length - 1; r > rank; r--) {
      const cat = fw.categories[r]!;
      if (cat.possibleWhen && (cat.possibleWhen(school) & T) !== 0) {
        if (worst === rank) worst = r;
        // The less concerning categories that could hold only add reasons.
        if (!withMissing) break;
        for (const i of cat.criteria) if ((possible[i]! & T) !== 0 && fired[i] !== true) why[whys++] = i;
      }
    }
  } else {
    worst = Math.max(rank, worstBestFit(fw, plan, openFacts, firedCount, possible, extras));
    if (worst <= rank) return null;
    if (!withMissing) return worstOf(fw, worst, NONE);
    const reasons = reasonsOf(fw, plan, openFacts, unknowns, params);
    // The fixed criteria's reasons: worked out with the pattern, unless one of them fired (its fact has a value).
    if (reasons.factsRead !== null && !plan.fixedExtraFired) read = reasons.bits[rank]!;
    else {
      const fixedExtra = reasons.fixedExtra;
      for (let j = 0; j < fixedExtra.length; j++) {
        const i = fixedExtra[j]!;
        if (fw.rankOf[i]! > rank && fired[i] !== true) why[whys++] = i;
      }
    }
    for (let j = 0; j < extras; j++) {
      const i = extra[j]!;
      if (fw.rankOf[i]! <= rank || fired[i] === true) continue;
      why[whys++] = i;
      for (const x of fw.inDefinitionOrder[i]!.refersTo) why[whys++] = x;
    }
  }
  if (worst <= rank) return null;
  return worstOf(fw, worst, withMissing ? missingOf(fw.inDefinitionOrder, reasonsOf(fw, plan, openFacts, unknowns, params), unknowns, why, whys, read) : NONE);
}

/**
 * Writes a pattern's summary for a best fit in its unknowns' room (`SharedUnknowns.room`), after `fixOutcomes`
 * under `params`, where it is not there already and fits: the program's `generation` (the framework and the
 * parameter set it holds for; never 0, so a room's zeros hold for none), how many open facts, how many
 * varying criteria, the floor of the fixed criteria's extra evidence, that evidence by rank (as
 * `worstBestFit` takes it), and by criterion, as bits in words of 30, whether one that fired is not certain evidence.
 */
function summarise(fw: CompiledFramework, openFacts: OpenFacts, unknowns: SharedUnknowns, params: Parameters): void {
  const { room, roomAt: at } = unknowns;
  const program = fw.program;
  // Under the parameter set of the program's operands (`categorise` resolved them for this school).
  if (room === null || fw.firstMatch || program.lastParams !== params || room[at + SUMMARY_GENERATION] === program.generation) return;
  const n = fw.categories.length;
  const criteria = fw.inDefinitionOrder.length;
  const bitsAt = SUMMARY_EXTRA + n;
  const length = bitsAt + Math.ceil(criteria / 30);
  if (length > PATTERN_ROOM) return;
  room.fill(0, at, at + length);
  room[at + SUMMARY_GENERATION] = program.generation;
  room[at + SUMMARY_OPEN] = openFacts.count;
  room[at + SUMMARY_VARYING] = openFacts.varyingCount;
  if (openFacts.count === 0) return;
  const { data, stateAt, sumsAt } = openFacts;
  const groups = openFacts.plan.mostConcerning.length;
  room[at + SUMMARY_FLOOR] = data[sumsAt]!;
  for (let r = 0; r < n; r++) room[at + SUMMARY_EXTRA + r] = data[sumsAt + 1 + n + groups + r]!;
  // Certain: reads no open slot, or fixed and can only be true. (A varying one is read only where there is none.)
  for (let i = 0; i < criteria; i++) {
    const s = data[stateAt + i]!;
    if (s !== 0 && s !== (FIXED | T)) room[at + bitsAt + ((i / 30) | 0)]! |= 1 << i % 30;
  }
}

/** Where a summary keeps each number, from its room's start (`summarise`). */
const SUMMARY_GENERATION = 0;
const SUMMARY_OPEN = 1;
const SUMMARY_VARYING = 2;
const SUMMARY_FLOOR = 3;
const SUMMARY_EXTRA = 4;

/** `worstBestFit` for a school whose pattern has no varying criterion, from the pattern's summary alone (in `room` from `at`). */
function summaryBestFit(fw: CompiledFramework, room: Int32Array, at: number, firedCount: number): number {
  const n = fw.categories.length;
  const { rankOf, criticalOf } = fw;
  const { firedAt, certain } = fw.scratch;
  const bitsAt = at + SUMMARY_EXTRA + n;
  const extraAt = at + SUMMARY_EXTRA;
  for (let r = 0; r < n; r++) certain[r] = 0;
  let floor = -1;
  let total = 0;
  for (let j = 0; j < firedCount; j++) {
    const i = firedAt[j]!;
    if (((room[bitsAt + ((i / 30) | 0)]! >>> i % 30) & 1) !== 0) continue;
    const r = rankOf[i]!;
    if (r < 0) continue;
    certain[r]!++;
    total++;
    if (criticalOf[i] === 1 && r > floor) floor = r;
  }
  let worst = medianRank(certain, fw.defaultRank);
  if (room[at + SUMMARY_FLOOR]! > floor) floor = room[at + SUMMARY_FLOOR]!;
  // With the extra evidence from rank `t` up, the counts `medianRank` would take are the certain evidence's
  // plus the extra from `t` up: their median found as it does, from the top, without writing them out.
  let extraFrom = 0;
  for (let t = n - 1; t >= 0; t--) {
    const extra = room[extraAt + t]!;
    extraFrom += extra;
    if (extra === 0) continue;
    const position = (total + extraFrom - 1) >> 1;
    let seen = 0;
    for (let r = n - 1; r >= 0; r--) {
      seen += certain[r]! + (r >= t ? room[extraAt + r]! : 0);
      if (seen > position) {
        if (r > worst) worst = r;
        break;
      }
    }
  }
  return Math.max(worst, floor);
}

function worstOf(fw: CompiledFramework, rank: number, missing: readonly FieldKey[]): WorstCase {
  const cat = fw.categories[rank]!.def;
  return new Worst(cat.id, cat.label, missing);
}

/** A `WorstCase`, made by a class rather than a literal for the reason register.ts's `Outcome` is: a run that keeps every result must not make the next run's old. */
class Worst implements WorstCase {
  declare readonly category: string;
  declare readonly label: string;
  declare readonly missing: readonly FieldKey[];
  constructor(category: string, label: string, missing: readonly FieldKey[]) {
    this.category = category;
    this.label = label;
    this.missing = missing;
  }
}

/** The missing cells of each open fact a reason (the first `whys` of `why`, and the open facts in `read`) reads, in field order; a new list. */
function missingOf(all: readonly CompiledCriterion[], reasons: Reasons, unknowns: Unknowns, why: readonly number[], whys: number, read: number): FieldKey[] {
  const { facts, factsRead } = reasons;
  let chosen: boolean[] | null = null;
  if (factsRead !== null) {
    for (let j = 0; j < whys; j++) read |= factsRead[why[j]!]!;
    if (read === reasons.lastRead) return reasons.lastMissing!.slice();
    const known = reasons.missingBy?.get(read);
    if (known !== undefined) {
      reasons.lastRead = read;
      reasons.lastMissing = known;
      return known.slice();
    }
  } else {
    // More than 30 open facts: no bits, and nothing kept. (A criterion's slots are those of its facts.)
    chosen = facts.map(() => false);
    for (let j = 0; j < whys; j++) {
      for (const s of all[why[j]!]!.slotsRead) {
        const k = reasons.slots.indexOf(s);
        if (k >= 0) chosen[k] = true;
      }
    }
  }
  // With repeats: inFieldOrder lists each once.
  const fields: FieldKey[] = [];
  for (let k = 0; k < facts.length; k++) if (chosen !== null ? chosen[k] : (read & (1 << k)) !== 0) for (const x of facts[k]!.fields) fields.push(x);
  // Every criterion that could lift the school reads an open fact; this is a guard, never the rule.
  if (fields.length === 0) for (const u of unknowns.values()) for (const x of u.fields) fields.push(x);
  const missing = inFieldOrder(fields);
  if (factsRead !== null) {
    (reasons.missingBy ??= new Map()).set(read, missing);
    reasons.lastRead = read;
    reasons.lastMissing = missing;
  }
  return missing.slice();
}

/**
 * Best fit at its worst: the most concerning median the evidence could have, the certain evidence (the
 * fired criteria whose outcome the blanks cannot change) and some of the extra (the fixed criteria's, worked
 * out with the pattern, and the first `extras` of `plan.extra`: criteria that could fire, or not), and the
 * highest floor any critical one could set. Adding evidence below the median can only lower it, so for each
 * category the extra evidence from it up is tried; of criteria that cannot fire together (one area's
 * grades), only the most concerning.
 */
function worstBestFit(fw: CompiledFramework, plan: Plan, openFacts: OpenFacts, firedCount: number, possible: Uint8Array, extras: number): number {
  const n = fw.categories.length;
  const { rankOf, criticalOf } = fw;
  const { data, stateAt, sumsAt } = openFacts;
  // Working arrays of the plan, set here to the fixed criteria's extra evidence: this runs for most schools of a best-fit framework.
  const { fired, extraAt, counts, mostConcerning, extra, groupOf } = plan;
  const groups = mostConcerning.length;
  for (let r = 0; r < n; r++) fired[r] = 0;
  // Only the fixed criteria's extra evidence (most schools): as the pattern sums it up.
  if (extras === 0) for (let r = 0; r < n; r++) extraAt[r] = data[sumsAt + 1 + n + groups + r]!;
  else {
    for (let r = 0; r < n; r++) extraAt[r] = data[sumsAt + 1 + r]!;
    for (let g = 0; g < groups; g++) mostConcerning[g] = data[sumsAt + 1 + n + g]!;
  }
  // The certain evidence by rank, and its floor: best fit on it alone is the median, lifted to the floor.
  let floor = -1;
  const firedAt = fw.scratch.firedAt;
  plan.fixedExtraFired = false;
  for (let j = 0; j < firedCount; j++) {
    const i = firedAt[j]!;
    const s = data[stateAt + i]!;
    if (s === 0) {
      // Reads no open slot: certain.
    } else if (s === VARYING) {
      if (possible[i] !== T) continue;
    } else {
      const m = s & ANY_OUTCOME;
      if (m !== T) {
        // A fixed criterion that fired and is extra evidence: its pattern's reasons do not hold for this school.
        if ((m & T) !== 0 && rankOf[i]! >= 0) plan.fixedExtraFired = true;
        continue;
      }
    }
    const r = rankOf[i]!;
    if (r < 0) continue;
    fired[r]!++;
    if (criticalOf[i] === 1 && r > floor) floor = r;
  }
  let worst = medianRank(fired, fw.defaultRank);
  if (data[sumsAt]! > floor) floor = data[sumsAt]!;
  // Each extra piece of evidence by its rank; of criteria that cannot fire together, the most concerning.
  for (let j = 0; j < extras; j++) {
    const i = extra[j]!;
    const r = rankOf[i]!;
    if (criticalOf[i] === 1 && r > floor) floor = r;
    const g = groupOf[i]!;
    if (g < 0) extraAt[r]!++;
    else if (mostConcerning[g]! < r) mostConcerning[g] = r;
  }
  if (extras > 0) for (const r of mostConcerning) if (r >= 0) extraAt[r]!++;
  for (let t = 0; t < n; t++) {
    // Without extra evidence at `t`, the counts are those from `t + 1` up (or, at the top, the certain evidence's): tried already.
    if (extraAt[t] === 0) continue;
    for (let r = 0; r < n; r++) counts[r] = fired[r]! + (r >= t ? extraAt[r]! : 0);
    const lifted = medianRank(counts, fw.defaultRank);
    if (lifted > worst) worst = lifted;
  }
  return Math.max(worst, floor);
}
