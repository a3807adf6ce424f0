/**
 * A framework's conditions as one flat program of numbered nodes, and `run`, the one function that
 * evaluates a node. compile.ts adds a node per condition; every evaluator the engine hands out (the
 * criteria's, the explainers' and the worst case's) runs the program, so there is one evaluation of a
 * condition, not two that could differ.
 *
 * Why not a closure per node, as before: the call sites inside a closure (`all`'s parts, the loop over
 * criteria) each saw dozens of different closures, so every call was megamorphic and nothing was inlined;
 * a node here is a `switch` case in one function, and its operands are array reads. Run-time code
 * generation would be faster still, but the add-in's Content-Security-Policy forbids `new Function`.
 */
import type { ParamRef, Scalar } from '../framework';
import type { Parameters } from '../parameters';
import type { Truth } from './types';

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
/** Criterion `a`'s outcome, already in `fired`. */
const CRITERION = 12;
/** Not node `a`. */
const NOT = 13;
const ALL = 14;
const ANY = 15;
/** At least operand `c` of the `b` children from `children[a]`. */
const AT_LEAST = 16;

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
  /** The criteria in evaluation order (those a criterion refers to first), and each one's node: set by `setCriteria`. */
  order: readonly number[];
  roots: readonly number[];
  /**
   * The operands resolved for the last parameter set, keyed by its identity: parameters are never changed
   * in place (a change is a new object, core/parameters.ts), and most runs use one set for every school.
   */
  lastParams: Parameters | null;
  lastOperands: readonly unknown[];
}

/** An empty program, for compile.ts to add nodes to. */
export function newProgram(): Program {
  return { kind: [], a: [], b: [], c: [], children: [], sources: [], order: [], roots: [], lastParams: null, lastOperands: [] };
}

/** Sets the criteria `runCriteria` evaluates: their indices in evaluation order, and each one's node. */
export function setCriteria(p: Program, order: readonly number[], roots: readonly number[]): void {
  p.order = order;
  p.roots = roots;
}

/**
 * Evaluates every criterion into `fired` (by criterion index), in an order where those a criterion refers
 * to come first; returns how many fired. Here rather than in evaluate.ts so that `run` is called within its
 * own module: under CommonJS interop (tsx, vitest) each call of an imported function reads a getter.
 */
export function runCriteria(p: Program, v: readonly unknown[], k: readonly unknown[], fired: Truth[]): number {
  const order = p.order;
  const roots = p.roots;
  let count = 0;
  for (let j = 0; j < order.length; j++) {
    const t = run(p, roots[j]!, v, k, fired);
    fired[order[j]!] = t;
    if (t === true) count++;
  }
  return count;
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
  return p.sources.push({ value: param === null ? operand : undefined, param, asNumber }) - 1;
}

/** Adds a comparison on the fact in `slot`. */
export function addComparison(p: Program, op: keyof typeof KIND_OF_OP, slot: number, operand: Scalar | readonly Scalar[] | ParamRef | undefined): number {
  return addNode(p, KIND_OF_OP[op], slot, addOperand(p, operand, false));
}

/** Adds a reference to criterion `i`'s outcome. */
export function addCriterion(p: Program, i: number): number {
  return addNode(p, CRITERION, i, 0);
}

/** Adds the negation of node `inner`. */
export function addNot(p: Program, inner: number): number {
  return addNode(p, NOT, inner, 0);
}

/** Adds `all` or `any` of `parts`, or "at least `need` of" them. */
export function addJunction(p: Program, junction: 'all' | 'any' | 'atLeast', parts: readonly number[], need?: number | ParamRef): number {
  const start = p.children.length;
  for (const n of parts) p.children.push(n);
  if (junction === 'atLeast') return addNode(p, AT_LEAST, start, parts.length, addOperand(p, need, true));
  return addNode(p, junction === 'all' ? ALL : ANY, start, parts.length);
}

/** The operands of a program under a parameter set (resolved once per set). */
export function operandsFor(p: Program, params: Parameters): readonly unknown[] {
  if (p.lastParams === params) return p.lastOperands;
  const out = p.sources.map((s) => (s.param === null ? s.value : s.asNumber ? Number(params[s.param]) : params[s.param]));
  p.lastParams = params;
  p.lastOperands = out;
  return out;
}

/**
 * Evaluates node `n` on a school's facts by slot (`v`), the program's operands (`k`, from `operandsFor`)
 * and the outcomes of the criteria evaluated so far (`fired`). Three-valued (Kleene): a comparison on a
 * blank fact is unknown; `all` is false if any part is false, `any` true if any part is true, and each
 * stops at the first part that decides it.
 */
export function run(p: Program, n: number, v: readonly unknown[], k: readonly unknown[], fired: readonly Truth[]): Truth {
  switch (p.kind[n]) {
    case PRESENT: return v[p.a[n]!] !== undefined;
    case ABSENT: return v[p.a[n]!] === undefined;
    case IS_TRUE: {
      const x = v[p.a[n]!];
      return x === undefined ? undefined : x === true;
    }
    case IS_FALSE: {
      const x = v[p.a[n]!];
      return x === undefined ? undefined : x === false;
    }
    case EQ: {
      const x = v[p.a[n]!];
      return x === undefined ? undefined : x === k[p.b[n]!];
    }
    case NE: {
      const x = v[p.a[n]!];
      return x === undefined ? undefined : x !== k[p.b[n]!];
    }
    // Lists in policies are short: a scan beats hashing.
    case IN: {
      const x = v[p.a[n]!];
      return x === undefined ? undefined : (k[p.b[n]!] as readonly unknown[]).includes(x);
    }
    case NOT_IN: {
      const x = v[p.a[n]!];
      return x === undefined ? undefined : !(k[p.b[n]!] as readonly unknown[]).includes(x);
    }
    // A blank, or a parameter that is not a number, leaves a comparison unknown.
    case LT: {
      const x = v[p.a[n]!];
      const w = k[p.b[n]!];
      return typeof x !== 'number' || typeof w !== 'number' ? undefined : x < w;
    }
    case LTE: {
      const x = v[p.a[n]!];
      const w = k[p.b[n]!];
      return typeof x !== 'number' || typeof w !== 'number' ? undefined : x <= w;
    }
    case GT: {
      const x = v[p.a[n]!];
      const w = k[p.b[n]!];
      return typeof x !== 'number' || typeof w !== 'number' ? undefined : x > w;
    }
    case GTE: {
      const x = v[p.a[n]!];
      const w = k[p.b[n]!];
      return typeof x !== 'number' || typeof w !== 'number' ? undefined : x >= w;
    }
    case CRITERION: return fired[p.a[n]!];
    case NOT: {
      const t = run(p, p.a[n]!, v, k, fired);
      return t === undefined ? undefined : !t;
    }
    case ALL:
    case ANY: {
      // `all` is decided by a false part, `any` by a true one; otherwise an unknown part leaves it unknown.
      const decisive = p.kind[n] === ANY;
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
      // AT_LEAST. Stops once the count is reached or out of reach: the outcome is the same.
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
      if (yes >= need) return true;
      return yes + unknown < need ? false : undefined;
    }
  }
}
