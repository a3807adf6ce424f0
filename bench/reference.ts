/**
 * `npm run bench:reference -- <checkout>`: issue 17's two speed figures, today's code against the issue's
 * reference on this machine, as ratios. Issue 17 set `riskCategorySpillMs` < 100 beside what session 3's code
 * (f91722c) took then, 275 ms on a developer's machine and 615 on another 2-core one, and `coreRowsPerSecond`
 * >= 500,000, where that code's final run on the developer's machine gave 500,724 (its docs/performance.md); and
 * it asks for ratios where the machine matters. These 2-core machines differ from each other by up to 2.5x, so
 * the figures that can be set against the targets are today's as a share of the reference's, measured in one
 * run, times the reference's own figure on the issue's machine.
 *
 * `<checkout>` (or REFERENCE_ROOT) is a checkout of the reference with its own dependencies installed:
 *   git worktree add ../reference f91722c && (cd ../reference && npm ci)
 * Each side runs in a fresh process inside its own checkout, under that checkout's tsx (as its own bench ran
 * it), by bench/referenceSide.ts; the two alternate, BENCH_PAIRS pairs (default 5), so a slow moment of the
 * machine falls on both. Prints each pair and the median ratio; never fails on a figure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './median';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The reference's figures on the developer's machine when issue 17 was filed, and the issue's targets. */
const REFERENCE_MS_ON_ISSUE_MACHINE = 275;
const TARGET_MS = 100;
const REFERENCE_RATE_ON_ISSUE_MACHINE = 500_724;
const TARGET_RATE = 500_000;
const PAIRS = Math.max(1, Number(process.env.BENCH_PAIRS ?? 5));

interface Side {
  readonly slowestMs: number;
  readonly perFramework: Record<string, number>;
  readonly slowestRowsPerSecond: number;
  readonly ratePerFramework: Record<string, number>;
}

/** One fresh process timing `root`'s RISKCATEGORY and engine. */
function timeSide(root: string): Side {
  const out = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/referenceSide.ts')], { cwd: root, encoding: 'utf8', env: { ...process.env, SPILL_ROOT: root } });
  if (out.status !== 0) throw new Error(`timing ${root} failed: ${(out.stderr || 'no output').trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as Side;
}

function run(): void {
  const given = process.argv[2] ?? process.env.REFERENCE_ROOT;
  if (!given) {
    process.stderr.write('Give a checkout of issue 17\'s reference: git worktree add ../reference f91722c && (cd ../reference && npm ci), then npm run bench:reference -- ../reference\n');
    process.exit(2);
  }
  const reference = resolve(given);
  for (const need of ['functions/functions.ts', 'node_modules/tsx']) {
    if (!existsSync(join(reference, need))) {
      process.stderr.write(`${reference} has no ${need}: it should be a checkout of f91722c with npm ci run in it.\n`);
      process.exit(2);
    }
  }
  const spillRatios: number[] = [];
  const rateRatios: number[] = [];
  const byFramework = (figures: Record<string, number>) => Object.entries(figures).map(([id, v]) => `${id} ${v}`).join(', ');
  process.stdout.write(`${PAIRS} alternating pairs of fresh processes; RISKCATEGORY's first call in ms and the engine in rows/s, slowest framework:\n`);
  for (let i = 0; i < PAIRS; i++) {
    const today = timeSide(ROOT);
    const then = timeSide(reference);
    spillRatios.push(today.slowestMs / then.slowestMs);
    rateRatios.push(today.slowestRowsPerSecond / then.slowestRowsPerSecond);
    process.stdout.write(`  pair ${i + 1}: RISKCATEGORY today ${today.slowestMs} (${byFramework(today.perFramework)}), reference ${then.slowestMs}: ${spillRatios[i]!.toFixed(2)}\n`);
    process.stdout.write(`          engine today ${today.slowestRowsPerSecond} (${byFramework(today.ratePerFramework)}), reference ${then.slowestRowsPerSecond}: ${rateRatios[i]!.toFixed(2)}\n`);
  }
  const summary = (ratios: number[], figure: string, onIssueMachine: (r: number) => number, target: string) => {
    const [low, high] = [Math.min(...ratios), Math.max(...ratios)];
    const at = (r: number) => onIssueMachine(r).toLocaleString('en-GB');
    return `${figure}: median ratio ${median(ratios).toFixed(2)} (${low.toFixed(2)}-${high.toFixed(2)}), about ${at(median(ratios))} (${at(low)} to ${at(high)}) on the issue's machine; target ${target}\n`;
  };
  process.stdout.write(summary(spillRatios, 'riskCategorySpillMs', (r) => Math.round(r * REFERENCE_MS_ON_ISSUE_MACHINE), `< ${TARGET_MS}`));
  process.stdout.write(summary(rateRatios, 'coreRowsPerSecond', (r) => Math.round(r * REFERENCE_RATE_ON_ISSUE_MACHINE), `>= ${TARGET_RATE.toLocaleString('en-GB')}`));
}

run();
