/**
 * The engine's rate: `categorise` (with its reasons) over the benchmark register's schools, facts derived
 * beforehand, per framework. One function for both places it is measured: in the bench's own process
 * (the sources as tsx compiles them, as the command line runs them) and, from bench/engineRateChild.ts,
 * bundled in a fresh `node` process (the engine in one bundle, as the add-in ships it).
 *
 * A rate is a steady state: the first pass over 25,000 schools runs while V8 is still compiling and
 * sizing its young generation (measured: the first pass 250,000-400,000 rows/s, the tenth 550,000-750,000
 * for Southwark), so two whole passes warm up and the median of `reps` passes is the rate. The first pass
 * is reported too, as what a single cold run meets.
 */
import { deriveFacts } from '../core/deriveFacts';
import type { CompiledFramework } from '../core/engine';
import { categorise } from '../core/engine/evaluate';
import type { Facts } from '../core/facts';
import { readRegister } from '../core/record';
import { BENCH_AS_OF } from './englandRegister';
import { median } from './median';

/** One framework's rates, in rows per second. */
export interface EngineRate {
  /** The median of the timed passes, after the warm-up. */
  readonly engineRowsPerSecond: number;
  /** The first pass of all, before any warm-up. */
  readonly firstPassRowsPerSecond: number;
}

/** Passes over the whole register before the timed ones. */
export const WARM_UP_PASSES = 2;

/** The benchmark register's schools as facts, derived once. */
export function registerFacts(header: readonly string[], rows: readonly (readonly unknown[])[]): Facts[] {
  const read = readRegister(header, rows, { asOf: BENCH_AS_OF, headerRowNumber: 1 });
  return read.records.map((r) => deriveFacts(r!, BENCH_AS_OF).facts);
}

function passMs(fw: CompiledFramework, facts: readonly Facts[]): number {
  const t = performance.now();
  for (let i = 0; i < facts.length; i++) categorise(fw, facts[i]!);
  return performance.now() - t;
}

/** Each framework's rate over `facts`: a cold pass, `WARM_UP_PASSES` more, then the median of `reps` timed passes. */
export function engineRates(frameworks: readonly CompiledFramework[], facts: readonly Facts[], reps: number): Record<string, EngineRate> {
  const rate = (ms: number) => Math.round(facts.length / (ms / 1000));
  const out: Record<string, EngineRate> = {};
  for (const fw of frameworks) {
    const first = passMs(fw, facts);
    for (let k = 0; k < WARM_UP_PASSES; k++) passMs(fw, facts);
    out[fw.definition.id] = { engineRowsPerSecond: rate(median(Array.from({ length: reps }, () => passMs(fw, facts)))), firstPassRowsPerSecond: rate(first) };
  }
  return out;
}
