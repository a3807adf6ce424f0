/**
 * One side of `npm run bench:reference` (bench/reference.ts), run in a fresh process inside one checkout, on
 * the bench register as that checkout generates it. Everything is loaded from SPILL_ROOT (its functions, its
 * frameworks, its register generator, its dependencies), so the same file times today's code and the issue's
 * reference, by the same procedure. Prints one line of JSON, the slowest framework's figure and each one's:
 *
 * - the engine's rate, in rows per second, as bench/engineRate.ts measures `coreRowsPerSecond`: `categorise`
 *   over every school's facts, derived beforehand, two passes to warm up, then the median of seven;
 * - then RISKCATEGORY's first call, in ms, timed as bench/run.ts times `riskCategorySpillMs`: the rows parsed
 *   from JSON (as Excel passes them), a 1,000-row warm-up per framework, the median of three first calls
 *   (nothing kept from an earlier one).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
// Ours, whichever checkout is timed: how the repetitions are summed up is the procedure's, not the code's.
import { median } from './median';

const root = process.env.SPILL_ROOT ?? '';
if (!root) throw new Error('SPILL_ROOT is not set: bench/reference.ts runs this file');
const ENGINE_PASSES = 7;
const ROWS = Number(process.env.BENCH_ROWS ?? 25_000);

/** A module of the checkout, by its path there. */
const load = (path: string) => import(pathToFileURL(join(root, path)).href);

/** Times every framework's first call and its engine, and prints the line. */
async function main(): Promise<void> {
  const { installCustomFunctionsDouble } = await load('test/support/customFunctionsDouble.ts');
  const { BENCH_AS_OF, englandRegister } = await load('bench/englandRegister.ts');
  const { toExcelSerial } = await load('core/dates.ts');
  const { allFrameworks } = await load('core/frameworks/index.ts');
  installCustomFunctionsDouble();
  const { header, rows: generated } = englandRegister(ROWS) as { header: string[]; rows: unknown[][] };
  const rows = JSON.parse(JSON.stringify(generated)) as unknown[][];
  const { riskCategory } = (await load('functions/functions.ts')) as { riskCategory: (fw: string, h: unknown[][], r: unknown[][], asOf: number) => unknown[][] };
  // The reference keeps nothing between calls; today's code keeps the last call (functions/recalcMemo.ts), forgotten before each.
  const { forgetEarlierCalls = () => undefined } = (await load('functions/registerFunctions.ts')) as { forgetEarlierCalls?: () => void };
  const asOf = toExcelSerial(BENCH_AS_OF) as number;

  // The engine first, before any register run, as both benches time it: a run's garbage slows the next timing.
  const { readRegister } = await load('core/record.ts');
  const { deriveFacts } = await load('core/deriveFacts.ts');
  // The engine was one file in the reference, a folder since.
  const { categorise } = (await load(existsSync(join(root, 'core/engine.ts')) ? 'core/engine.ts' : 'core/engine/index.ts')) as { categorise: (fw: unknown, facts: unknown) => unknown };
  const read = readRegister(header, generated, { asOf: BENCH_AS_OF, headerRowNumber: 1 }) as { records: unknown[] };
  const facts = read.records.map((r) => (deriveFacts(r, BENCH_AS_OF) as { facts: unknown }).facts);
  const ratePerFramework: Record<string, number> = {};
  for (const fw of allFrameworks() as { definition: { id: string } }[]) {
    const pass = () => {
      const started = performance.now();
      for (let i = 0; i < facts.length; i++) categorise(fw, facts[i]);
      return performance.now() - started;
    };
    pass();
    pass();
    ratePerFramework[fw.definition.id] = Math.round(facts.length / (median(Array.from({ length: ENGINE_PASSES }, pass)) / 1000));
  }
  const perFramework: Record<string, number> = {};
  for (const fw of allFrameworks() as { definition: { id: string } }[]) {
    const id = fw.definition.id;
    forgetEarlierCalls();
    riskCategory(id, [header], rows.slice(0, 1000), asOf);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      forgetEarlierCalls();
      const started = performance.now();
      const out = riskCategory(id, [header], rows, asOf);
      times.push(performance.now() - started);
      if (out.length !== rows.length) throw new Error(`${id}: RISKCATEGORY spilled ${out.length} rows for ${rows.length}`);
    }
    perFramework[id] = Math.round(median(times));
  }
  process.stdout.write(`${JSON.stringify({ slowestMs: Math.max(...Object.values(perFramework)), perFramework, slowestRowsPerSecond: Math.min(...Object.values(ratePerFramework)), ratePerFramework })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
