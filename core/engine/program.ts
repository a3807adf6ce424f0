/**
 * A framework's conditions as one flat program of numbered nodes. compile.ts adds a node per condition;
 * `evaluateAll` evaluates every node of a school at once (what `categorise` does), and `run` evaluates one
 * node on demand (what the explainers and the worst case's evaluators do). Both word a comparison through
 * `compare` and a junction by the same three-valued rules, and test/core/engine/program.test.ts holds
 * them to each other.
 *
 * Why not a closure per node, as before: each call inside a closure went to one of dozens of closures, so
 * every call was megamorphic, nothing was inlined and the processor mispredicted nearly every one. Here
 * `evaluateAll` walks a schedule, every comparison first, grouped by operator, then each junction after its
 * parts, grouped by level and kind, reading its parts' outcomes from an array: nothing is called, and
 * each run of consecutive nodes of one kind is one loop. Nothing stops early, so every node is evaluated once; it is
 * still cheaper than a walk that skips. Run-time code generation would be faster still, but the add-in's
 * Content-Security-Policy forbids `new Function`.
 */
import type { ParamRef, Scalar } from '../framework';
import type { Parameters } from '../parameters';
import { ANY as TRUE_OR_FALSE, F, outcomeOf, T, U, type Truth } from './types';

// Node kinds. Comparisons read the fact in slot `a` and operand `b` (a parameter's value is resolved
// into the operands once per parameter set); junctions read `b` children from `children[a]` on.
const PRESENT = 0;
const ABSENT = 1;
const IS_TRUE = 2;
const IS_FALSE = 3;
const EQ = 4;
const NE = 5;
const IN = 6;
const NOT_IN = 7;
const LT = 8;
const LTE = 9;
const GT = 10;
const GTE = 11;
/** Criterion `a`'s outcome. */
const CRITERION = 12;
/** Not node `a`. */
const NOT = 13;
const ALL = 14;
const ANY = 15;
/** At least operand `c` of the `b` children from `children[a]`. */
const AT_LEAST = 16;
/**
 * "Given and ..." (`all` of "present" and a comparison of the same fact) and "blank or ..." (`any` of
 * "absent" and one): outcome `c` (1 true, 0 false) when the fact in slot `a` is blank, else comparison
 * `b`'s. One node for two and their junction: Southwark writes 21 of its conditions so.
 */
const GUARD = 17;
/**
 * Not a node but a step of `evaluateAll`: the equalities of one fact with texts (Southwark's twelve areas
 * are each compared with A, B, C and D), the fact read once for all of them. In `code`, a group is a
 * header (how many, the slot) and then its equalities as any other step.
 */
const EQ_TEXT = 18;
/** Steps too: `all` and `any` of two parts, which read their parts' outcomes from `code` itself. */
const ALL_OF_TWO = 19;
const ANY_OF_TWO = 20;

// The outcome bits, true-or-false and `outcomeOf` (types.ts), read once here: under CommonJS interop (tsx, vitest) every read of an
// imported binding is a getter call.
const BITS = { yes: T, no: F, unknown: U, either: TRUE_OR_FALSE, outcomeOf, ...outcomeTables() } as const;

/**
 * By the outcome bits (or'ed, for a junction's parts): "not" of one, and `all` and `any` of parts (`all` is
 * decided by a false part, `any` by a true one; otherwise an unknown part leaves it unknown). Looked up
 * rather than branched on: outcomes differ from school to school, so a branch is often mispredicted.
 */
function outcomeTables(): { readonly not: Uint8Array; readonly allOf: Uint8Array; readonly anyOf: Uint8Array } {
  const size = (T | F | U) + 1;
  const junction = (decisive: number) => Uint8Array.from({ length: size }, (_, seen) => (seen & decisive ? decisive : seen & U ? U : decisive ^ TRUE_OR_FALSE));
  return { not: Uint8Array.from({ length: size }, (_, t) => (t === U ? U : t ^ TRUE_OR_FALSE)), allOf: junction(F), anyOf: junction(T) };
}

const KIND_OF_OP = { present: PRESENT, absent: ABSENT, isTrue: IS_TRUE, isFalse: IS_FALSE, eq: EQ, ne: NE, in: IN, notIn: NOT_IN, lt: LT, lte: LTE, gt: GT, gte: GTE } as const;

/** Where an operand comes from: the definition's value, or a parameter (as a number, for "at least"). */
interface OperandSource {
  readonly value: unknown;
  readonly param: string | null;
  readonly asNumber: boolean;
}

/** A compiled framework's conditions, as numbered nodes (see `run`). */
export interface Program {
  readonly kind: number[];
  readonly a: number[];
  readonly b: number[];
  readonly c: number[];
  readonly children: number[];
  readonly sources: OperandSource[];
  /**
   * Each node and operand by what it is ("kind, slot, operand"; "kind, parts"): a condition written twice
   * ("Ofsted standing is Good or better" in four of Herefordshire's criteria) is one node, evaluated once.
   */
  readonly byKey: Map<string, number>;
  /** Each criterion's node (by criterion index): set by `finishProgram`, as are the fields below. */
  rootOf: readonly number[];
  /**
   * Where `evaluateAll` leaves each node's outcome: its own place, but a reference to a criterion reads the
   * criterion's node, so the 30 references of Herefordshire's categories cost nothing.
   */
  outcomeAt: readonly number[];
  /** Each criterion's `outcomeAt`. */
  criterionOutcomeAt: readonly number[];
  /** `children` with each part's `outcomeAt`. */
  parts: readonly number[];
  /** Every node the rules read but the references, in the order `evaluateAll` takes them. */
  schedule: readonly number[];
  /**
   * The schedule as `code`, four numbers per node in order: the node, `a`, `b` and `c`, where a NOT's `a`
   * is where its part's outcome is, and a comparison's `c` its outcome on a blank as bits (unknown, but a
   * guard's `b` and `c` are its comparison's operand and its own outcome on a blank), each group of
   * equalities with texts after a header (how many, the slot, 0, 0); and its runs of one kind as (kind,
   * first index into `code`, end) triples. One array rather than four: `evaluateAll` reads each node's
   * numbers together.
   */
  steps: { readonly runs: Int32Array; readonly code: Int32Array };
  /**
   * The operands resolved for the last parameter set, keyed by its identity: parameters are never changed
   * in place (a change is a new object, core/parameters.ts), and most runs use one set for every school.
   */
  lastParams: Parameters | null;
  lastOperands: unknown[];
  /**
   * Which resolution of operands `lastOperands` holds: a new number for each, unique among every program's
   * (`resolutions`), so a number kept with something worked out under one parameter set and framework
   * (worstCase.ts `summaryOf`) tells whether it still holds.
   */
  generation: number;
}

/** Resolutions of operands made so far, by every program: the last one's `generation`. */
let resolutions = 0;

/** An empty program, for compile.ts to add nodes to. */
export function newProgram(): Program {
  return { kind: [], a: [], b: [], c: [], children: [], sources: [], byKey: new Map(), rootOf: [], outcomeAt: [], criterionOutcomeAt: [], parts: [], schedule: [], steps: { runs: new Int32Array(0), code: new Int32Array(0) }, lastParams: null, lastOperands: [], generation: 0 };
}

/** The node `key` names, made by `make` the first time. */
function shared(p: Program, key: string, make: () => number): number {
  let n = p.byKey.get(key);
  if (n === undefined) p.byKey.set(key, (n = make()));
  return n;
}

function addNode(p: Program, kind: number, a: number, b: number, c = 0): number {
  p.kind.push(kind);
  p.a.push(a);
  p.b.push(b);
  p.c.push(c);
  return p.kind.length - 1;
}

function addOperand(p: Program, operand: Scalar | readonly Scalar[] | ParamRef | number | undefined, asNumber: boolean): number {
  const param = typeof operand === 'object' && operand !== null && !Array.isArray(operand) ? (operand as ParamRef).param : null;
  return shared(p, `operand ${asNumber} ${JSON.stringify(operand)}`, () => p.sources.push({ value: param === null ? operand : undefined, param, asNumber }) - 1);
}

/** Adds a comparison on the fact in `slot`. */
export function addComparison(p: Program, op: keyof typeof KIND_OF_OP, slot: number, operand: Scalar | readonly Scalar[] | ParamRef | undefined): number {
  const b = addOperand(p, operand, false);
  return shared(p, `${op} ${slot} ${b}`, () => addNode(p, KIND_OF_OP[op], slot, b));
}

/** Adds a reference to criterion `i`'s outcome. */
export function addCriterion(p: Program, i: number): number {
  return shared(p, `criterion ${i}`, () => addNode(p, CRITERION, i, 0));
}

/** Adds the negation of node `inner`. */
export function addNot(p: Program, inner: number): number {
  return shared(p, `not ${inner}`, () => addNode(p, NOT, inner, 0));
}

/** Adds `all` or `any` of `parts`, or "at least `need` of" them. */
export function addJunction(p: Program, junction: 'all' | 'any' | 'atLeast', parts: readonly number[], need?: number | ParamRef): number {
  if (junction !== 'atLeast' && parts.length === 2) {
    const [blank, comparison] = parts as [number, number];
    const guard = junction === 'all' ? PRESENT : ABSENT;
    const k = p.kind[comparison]!;
    if (p.kind[blank] === guard && k !== PRESENT && k !== ABSENT && k < CRITERION && p.a[comparison] === p.a[blank]) {
      return shared(p, `guard ${junction} ${comparison}`, () => addNode(p, GUARD, p.a[blank]!, comparison, junction === 'any' ? 1 : 0));
    }
  }
  const c = junction === 'atLeast' ? addOperand(p, need, true) : 0;
  return shared(p, `${junction} ${c} ${parts.join(',')}`, () => {
    const start = p.children.length;
    for (const n of parts) p.children.push(n);
    return addNode(p, junction === 'atLeast' ? AT_LEAST : junction === 'all' ? ALL : ANY, start, parts.length, c);
  });
}

/** The operands of a program under a parameter set (resolved once per set). */
export function operandsFor(p: Program, params: Parameters): readonly unknown[] {
  if (p.lastParams === params) return p.lastOperands;
  // One list for every parameter set, written over (no caller keeps it past a change of parameters), of any
  // value with holes: a list made per set, by `map` or a constructor, took its elements kind from the values
  // or from the last one made, and a list of another kind than the last deoptimised `evaluateAll`.
  let out = p.lastOperands;
  if (out.length !== p.sources.length) out = new Array<unknown>(p.sources.length).fill(undefined);
  for (let i = 0; i < out.length; i++) {
    const s = p.sources[i]!;
    out[i] = s.param === null ? s.value : s.asNumber ? Number(params[s.param]) : params[s.param];
  }
  p.lastParams = params;
  p.lastOperands = out;
  // Never 0 (a number not yet written is 0), and a small integer, wrapping far past any run.
  resolutions = (resolutions % 0x3fffffff) + 1;
  p.generation = resolutions;
  return out;
}

/**
 * Fixes the order `evaluateAll` takes the nodes in, once every node is added: `rootOf` is each criterion's
 * node, `entries` every other rule's (categories, variants, additional offers). Only the nodes they read
 * are taken (not the "present" a guard stands for): comparisons first, grouped by operator, then every
 * other node after the nodes it reads, by level and then kind. A reference to a criterion is not evaluated:
 * it reads the criterion's node. A guard is taken as its comparison, with its own outcome on a blank (see
 * `evaluateAll`): the comparison alone is taken only where something else reads it.
 */
export function finishProgram(p: Program, rootOf: readonly number[], entries: readonly number[]): void {
  p.rootOf = rootOf;
  const outcomeAt = (n: number): number => (p.kind[n] === CRITERION ? outcomeAt(rootOf[p.a[n]!]!) : n);
  p.outcomeAt = p.kind.map((_, n) => outcomeAt(n));
  p.criterionOutcomeAt = rootOf.map(outcomeAt);
  p.parts = p.children.map(outcomeAt);
  // The nodes a node reads, where their outcomes are.
  const reads = (n: number): number[] => {
    const kind = p.kind[n]!;
    if (kind === NOT) return [p.outcomeAt[p.a[n]!]!];
    // A guard reads its fact itself, as its comparison would.
    if (kind === GUARD) return [];
    if (kind > NOT) return p.parts.slice(p.a[n]!, p.a[n]! + p.b[n]!);
    return [];
  };
  const level = new Map<number, number>();
  const levelOf = (n: number): number => {
    let l = level.get(n);
    if (l === undefined) level.set(n, (l = 1 + Math.max(-1, ...reads(n).map(levelOf))));
    return l;
  };
  for (const n of [...rootOf, ...entries]) levelOf(p.outcomeAt[n]!);
  // What `evaluateAll` does for each node: a guard, its comparison's kind and operand; an equality with
  // a text (not a parameter), one of its fact's group.
  const compared = (n: number): number => (p.kind[n] === GUARD ? p.b[n]! : n);
  const stepKind = (n: number): number => {
    const kind = p.kind[compared(n)]!;
    const source = p.sources[p.b[compared(n)]!];
    if (kind === EQ && source?.param === null && typeof source.value === 'string') return EQ_TEXT;
    // Most junctions have two parts (Herefordshire 22 of 33, Southwark 7 of 15): no loop for them.
    if ((kind === ALL || kind === ANY) && p.b[n] === 2) return kind === ALL ? ALL_OF_TWO : ANY_OF_TWO;
    return kind;
  };
  // By level and kind, and a group's equalities together, by their fact's slot.
  const slotOf = (n: number): number => (stepKind(n) === EQ_TEXT ? p.a[n]! : 0);
  p.schedule = [...level.keys()].sort((x, y) => level.get(x)! - level.get(y)! || stepKind(x) - stepKind(y) || slotOf(x) - slotOf(y) || x - y);
  const stepOf = (n: number): number[] => {
    const kind = p.kind[n]!;
    if (kind === GUARD) return [n, p.a[n]!, p.b[p.b[n]!]!, p.c[n] === 1 ? T : F];
    if (kind === NOT) return [n, p.outcomeAt[p.a[n]!]!, 0, 0];
    if (stepKind(n) === ALL_OF_TWO || stepKind(n) === ANY_OF_TWO) return [n, p.parts[p.a[n]!]!, p.parts[p.a[n]! + 1]!, 0];
    return [n, p.a[n]!, p.b[n]!, kind < CRITERION ? U : p.c[n]!];
  };
  // Consecutive steps of one kind, as (kind, first position in `code`, end) triples.
  const runs: number[] = [];
  const code: number[] = [];
  let header = -1;
  for (const n of p.schedule) {
    const kind = stepKind(n);
    if (runs.length === 0 || runs[runs.length - 3] !== kind) {
      runs.push(kind, code.length, code.length);
      header = -1;
    }
    const step = stepOf(n);
    if (kind === EQ_TEXT) {
      if (header < 0 || code[header + 1] !== step[1]) {
        header = code.length;
        code.push(0, step[1]!, 0, 0);
      }
      code[header]!++;
    }
    code.push(...step);
    runs[runs.length - 1] = code.length;
  }
  p.steps = { runs: Int32Array.from(runs), code: Int32Array.from(code) };
}

/**
 * Evaluates every node of the program on a school's facts by slot (`v`) and the program's operands (`k`,
 * from `operandsFor`), into `out` as outcome bits (types.ts `T`, `F`, `U`): node `n`'s outcome is
 * `out[outcomeAt[n]]`. Three-valued (Kleene): a comparison on a blank fact is unknown; `all` is false if
 * any part is false, `any` true if any part is true, otherwise unknown if any part is. A guard ("given
 * and ...", "blank or ...") is its comparison but on a blank, where it is false or true.
 *
 * A run of nodes of one kind is one tight loop: the kind is switched on once per run, not once per node.
 * Bits rather than `true`, `false` and `undefined`: a junction ORs its parts' bits without a branch per
 * part, and a byte array takes stores without a write barrier.
 */
export function evaluateAll(p: Program, v: readonly unknown[], k: readonly unknown[], out: Uint8Array): void {
  // The schedule's own arrays, by position: read in order, one array each.
  const { runs, code } = p.steps;
  const parts = p.parts;
  const { yes, no, unknown, either, outcomeOf: bitOf, not, allOf, anyOf } = BITS;
  for (let r = 0; r < runs.length; r += 3) {
    const from = runs[r + 1]!;
    const to = runs[r + 2]!;
    // The comparisons of `compare`, written out: a call per node here was not inlined. On a blank, a
    // comparison gives `c` (`code[q + 3]`): unknown, or a guard's own outcome.
    switch (runs[r]) {
      case PRESENT:
        for (let q = from; q < to; q += 4) out[code[q]!] = yes + +(v[code[q + 1]!] === undefined) * (no - yes);
        break;
      case ABSENT:
        for (let q = from; q < to; q += 4) out[code[q]!] = no - +(v[code[q + 1]!] === undefined) * (no - yes);
        break;
      case IS_TRUE:
        // The outcome as a number, not a branch: whether a fact is blank, true or false differs from school
        // to school, so a branch on it is often mispredicted.
        for (let q = from; q < to; q += 4) {
          const x = v[code[q + 1]!];
          const blank = +(x === undefined);
          out[code[q]!] = blank * code[q + 3]! + (1 - blank) * (no - +(x === true) * (no - yes));
        }
        break;
      case IS_FALSE:
        for (let q = from; q < to; q += 4) {
          const x = v[code[q + 1]!];
          const blank = +(x === undefined);
          out[code[q]!] = blank * code[q + 3]! + (1 - blank) * (no - +(x === false) * (no - yes));
        }
        break;
      case EQ:
        for (let q = from; q < to; q += 4) {
          const x = v[code[q + 1]!];
          const w = k[code[q + 2]!];
          // The same `===` twice: V8 specialises each by the values it has met, and one that has met only
          // text compares it inline, where one that has also met Yes/No (a parameter) calls a builtin.
          if (x === undefined) out[code[q]!] = code[q + 3]!;
          else if (typeof w === 'string') out[code[q]!] = x === w ? yes : no;
          else out[code[q]!] = x === w ? yes : no;
        }
        break;
      case EQ_TEXT:
        // Group by group: the fact once, then each of its equalities. The `===` meets only texts. Its outcome
        // as a number, as above.
        for (let q = from; q < to; ) {
          const x = v[code[q + 1]!];
          const end = q + 4 + 4 * code[q]!;
          q += 4;
          if (x === undefined) for (; q < end; q += 4) out[code[q]!] = code[q + 3]!;
          else for (; q < end; q += 4) out[code[q]!] = no - +(x === k[code[q + 2]!]) * (no - yes);
        }
        break;
      case NE:
        for (let q = from; q < to; q += 4) {
          const x = v[code[q + 1]!];
          out[code[q]!] = x === undefined ? code[q + 3]! : x !== k[code[q + 2]!] ? yes : no;
        }
        break;
      case IN:
      case NOT_IN: {
        const hit = runs[r] === IN ? yes : no;
        for (let q = from; q < to; q += 4) {
          const x = v[code[q + 1]!];
          if (x === undefined) {
            out[code[q]!] = code[q + 3]!;
            continue;
          }
          // A scan with `===` rather than a call of `includes`: a checked list holds no NaN, so they agree.
          const list = k[code[q + 2]!] as readonly unknown[];
          let t = hit ^ either;
          for (let i = 0; i < list.length; i++) {
            if (list[i] === x) {
              t = hit;
              break;
            }
          }
          out[code[q]!] = t;
        }
        break;
      }
      case LT:
      case LTE:
      case GT:
      case GTE: {
        // One loop for the four: the operator's branch goes the same way for the whole run.
        const op = runs[r];
        for (let q = from; q < to; q += 4) {
          const x = v[code[q + 1]!];
          const w = k[code[q + 2]!];
          if (x === undefined) out[code[q]!] = code[q + 3]!;
          else if (typeof x !== 'number' || typeof w !== 'number') out[code[q]!] = unknown;
          else out[code[q]!] = no - +(op === LT ? x < w : op === LTE ? x <= w : op === GT ? x > w : x >= w) * (no - yes);
        }
        break;
      }
      case NOT:
        // True and false swap bits; unknown stays.
        for (let q = from; q < to; q += 4) {
          out[code[q]!] = not[out[code[q + 1]!]!]!;
        }
        break;
      case ALL:
      case ANY: {
        // `all` is decided by a false part, `any` by a true one; otherwise an unknown part leaves it unknown.
        const of = runs[r] === ANY ? anyOf : allOf;
        for (let q = from; q < to; q += 4) {
          let seen = 0;
          for (let i = code[q + 1]!, end = i + code[q + 2]!; i < end; i++) seen |= out[parts[i]!]!;
          out[code[q]!] = of[seen]!;
        }
        break;
      }
      case ALL_OF_TWO:
      case ANY_OF_TWO: {
        // As `all` and `any` above, the two parts' outcomes at `code[q + 1]` and `code[q + 2]`.
        const of = runs[r] === ANY_OF_TWO ? anyOf : allOf;
        for (let q = from; q < to; q += 4) out[code[q]!] = of[out[code[q + 1]!]! | out[code[q + 2]!]!]!;
        break;
      }
      default:
        // AT_LEAST
        for (let q = from; q < to; q += 4) {
          let held = 0;
          let open = 0;
          for (let i = code[q + 1]!, end = i + code[q + 2]!; i < end; i++) {
            const part = out[parts[i]!]!;
            if (part === yes) held++;
            else if (part === unknown) open++;
          }
          out[code[q]!] = bitOf(atLeast(held, open, k[code[q + 3]!] as number));
        }
    }
  }
}

/** "At least `need`": true once `yes` parts hold, false when even the `unknown` ones could not make it up. */
function atLeast(yes: number, unknown: number, need: number): Truth {
  if (yes >= need) return true;
  return yes + unknown < need ? false : undefined;
}

/** A comparison of fact value `x` with operand `w` (a blank is unknown), for `run`; `evaluateAll` has the same cases written out. */
function compare(kind: number, x: unknown, w: unknown): Truth {
  switch (kind) {
    case PRESENT: return x !== undefined;
    case ABSENT: return x === undefined;
    case IS_TRUE: return x === undefined ? undefined : x === true;
    case IS_FALSE: return x === undefined ? undefined : x === false;
    case EQ: return x === undefined ? undefined : x === w;
    case NE: return x === undefined ? undefined : x !== w;
    // Lists in policies are short: a scan beats hashing.
    case IN: return x === undefined ? undefined : (w as readonly unknown[]).includes(x);
    case NOT_IN: return x === undefined ? undefined : !(w as readonly unknown[]).includes(x);
  }
  // A blank, or a parameter that is not a number, leaves a comparison unknown.
  if (typeof x !== 'number' || typeof w !== 'number') return undefined;
  return kind === LT ? x < w : kind === LTE ? x <= w : kind === GT ? x > w : x >= w;
}

/**
 * Evaluates node `n` alone, as `evaluateAll` would, with the criteria's outcomes in `fired`; `all`,
 * `any` and "at least" stop at the first part that decides them (the outcome is the same).
 */
export function run(p: Program, n: number, v: readonly unknown[], k: readonly unknown[], fired: readonly Truth[]): Truth {
  const kind = p.kind[n]!;
  if (kind < CRITERION) return compare(kind, v[p.a[n]!], k[p.b[n]!]);
  switch (kind) {
    case CRITERION: return fired[p.a[n]!];
    case GUARD: return v[p.a[n]!] === undefined ? p.c[n] === 1 : run(p, p.b[n]!, v, k, fired);
    case NOT: {
      const t = run(p, p.a[n]!, v, k, fired);
      return t === undefined ? undefined : !t;
    }
    case ALL:
    case ANY: {
      const decisive = kind === ANY;
      const end = p.a[n]! + p.b[n]!;
      let unknown = false;
      for (let i = p.a[n]!; i < end; i++) {
        const t = run(p, p.children[i]!, v, k, fired);
        if (t === decisive) return decisive;
        if (t === undefined) unknown = true;
      }
      return unknown ? undefined : !decisive;
    }
    default: {
      // AT_LEAST: stops once the count is reached or out of reach.
      const need = k[p.c[n]!] as number;
      const start = p.a[n]!;
      const count = p.b[n]!;
      let yes = 0;
      let unknown = 0;
      for (let i = 0; i < count; i++) {
        const t = run(p, p.children[start + i]!, v, k, fired);
        if (t === true) {
          if (++yes >= need) return true;
        } else if (t === undefined) unknown++;
        else if (yes + unknown + (count - i - 1) < need) return false;
      }
      return atLeast(yes, unknown, need);
    }
  }
}
