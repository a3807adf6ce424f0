/**
 * Best fit: each fired criterion is one piece of evidence for the category it indicates. (First match,
 * the other selection rule, is a loop over the categories in evaluate.ts.)
 */
import type { CompiledFramework } from './types';

/** The median of evidence counted by rank, the more concerning middle of an even count; `none` without evidence. */
export function medianRank(counts: ArrayLike<number>, none: number): number {
  let total = 0;
  for (let r = 0; r < counts.length; r++) total += counts[r]!;
  if (total === 0) return none;
  const position = (total - 1) >> 1;
  let seen = 0;
  for (let r = counts.length - 1; r >= 0; r--) {
    seen += counts[r]!;
    if (seen > position) return r;
  }
  return none;
}

/**
 * Best fit: each fired criterion is one piece of evidence for the category it indicates; the result is
 * the median of the evidence, the more concerning middle when the count is even (the cautious reading).
 * A median, not a plurality, so that moving one piece of evidence towards concern can never give a less
 * concerning result. A fired critical criterion is a floor.
 *
 * Without allocating, for `categorise`: the fired criteria are the first `fired` indices of
 * `firedAt`; returns the rank and sets `decides[i]` to 1 for each criterion that decided it (where `decides`
 * is given: only reasons read it); `counts` is scratch, a count per rank.
 */
export function bestFitMarking(fw: CompiledFramework, firedAt: Int32Array, fired: number, counts: Int32Array, decides: Uint8Array | null): number {
  const { rankOf, criticalOf } = fw;
  // Counting by rank instead of sorting the evidence: a framework has a handful of categories. A loop
  // rather than `fill`, a call into the runtime that cost as much as the rest of best fit.
  for (let r = 0; r < counts.length; r++) counts[r] = 0;
  let floor = -1;
  for (let j = 0; j < fired; j++) {
    const i = firedAt[j]!;
    const r = rankOf[i]!;
    if (r < 0) continue;
    counts[r]!++;
    if (criticalOf[i] === 1 && r > floor) floor = r;
  }
  let rank = medianRank(counts, fw.defaultRank);
  const lifted = floor > rank;
  if (lifted) rank = floor;
  if (decides === null) return rank;
  // The evidence for the category decided it (only the critical evidence, where that lifted it).
  for (let j = 0; j < fired; j++) {
    const i = firedAt[j]!;
    if (rankOf[i] === rank && (!lifted || criticalOf[i] === 1)) decides[i] = 1;
  }
  return rank;
}
