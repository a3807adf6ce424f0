/**
 * Best fit: each fired criterion is one piece of evidence for the category it indicates. (First match,
 * the other selection rule, is a loop over the categories in evaluate.ts.)
 */
import type { CompiledCriterion, CompiledFramework } from './types';

/** The median of evidence counted by rank, the more concerning middle of an even count; `none` without evidence. */
export function medianRank(counts: readonly number[], none: number): number {
  let total = 0;
  for (const n of counts) total += n;
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
 */
export function bestFit(fw: CompiledFramework, firedList: readonly CompiledCriterion[]): { rank: number; deciding: number[] } {
  // Counting by rank instead of sorting the evidence: a framework has a handful of categories.
  const counts: number[] = [];
  for (let r = 0; r < fw.categories.length; r++) counts.push(0);
  let floor = -1;
  for (const c of firedList) {
    const r = c.indicatesRank;
    if (r < 0) continue;
    counts[r]!++;
    if (c.critical && r > floor) floor = r;
  }
  let rank = medianRank(counts, fw.defaultRank);
  const lifted = floor > rank;
  if (lifted) rank = floor;
  // The evidence for the category decided it (only the critical evidence, where that lifted it).
  const deciding: number[] = [];
  for (const c of firedList) if (c.indicatesRank === rank && (!lifted || c.critical)) deciding.push(c.index);
  return { rank, deciding };
}
