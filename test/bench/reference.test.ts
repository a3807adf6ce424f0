/**
 * `npm run bench:reference` is a measuring tool, not a test, but the tool itself must keep working as the code
 * changes: one side run on this checkout (a small register) gives every framework's figures, and the tool
 * refuses a folder that is not a reference checkout with a line saying how to make one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFrameworks } from '../../core/frameworks';

const ROOT = join(__dirname, '..', '..');

describe('npm run bench:reference', () => {
  it('one side, run on this checkout, times every framework\'s RISKCATEGORY and engine, and names the slowest', () => {
    const out = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/referenceSide.ts')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SPILL_ROOT: ROOT, BENCH_ROWS: '1200' } });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const side = JSON.parse(out.stdout) as { slowestMs: number; perFramework: Record<string, number>; slowestRowsPerSecond: number; ratePerFramework: Record<string, number> };
    const ids = allFrameworks().map((f) => f.definition.id).sort();
    expect(Object.keys(side.perFramework).sort()).toEqual(ids);
    expect(Object.keys(side.ratePerFramework).sort()).toEqual(ids);
    for (const id of ids) {
      expect(side.perFramework[id]).toBeGreaterThanOrEqual(0);
      expect(side.ratePerFramework[id]).toBeGreaterThan(0);
    }
    expect(side.slowestMs).toBe(Math.max(...Object.values(side.perFramework)));
    expect(side.slowestRowsPerSecond).toBe(Math.min(...Object.values(side.ratePerFramework)));
  });

  it('a folder that is not a checkout of the reference: exit 2 and how to make one, nothing timed', () => {
    const empty = mkdtempSync(join(tmpdir(), 'not-a-reference-'));
    try {
      const out = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/reference.ts'), empty], { cwd: ROOT, encoding: 'utf8' });
      expect(out.status).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toBe(`${empty} has no functions/functions.ts: it should be a checkout of f91722c with npm ci run in it.\n`);
      const none = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/reference.ts')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, REFERENCE_ROOT: '' } });
      expect(none.status).toBe(2);
      expect(none.stderr).toContain('git worktree add ../reference f91722c && (cd ../reference && npm ci)');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
