import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';

async function compare(file: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(['compare', file, '--as-of', '2026-11-01'], (t) => (out += t), () => undefined);
  return { code, out };
}

describe('schoolrisk compare', () => {
  it('on the sample register: a column per framework, provisional rows said so', async () => {
    const r = await compare('examples/sample-register.xlsx');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/Row\s+URN\s+School\s+oxfordshire\s+oldham\s+herefordshire\s+wokingham\s+southwark/);
    expect(r.out).toContain('(provisional)');
    expect(r.out).not.toContain('not run');
  });

  it('a framework the register lacks columns for is "not run" on every row, and says which columns', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'compare-')), 'thin.csv');
    writeFileSync(file, 'URN,School name,Phase,Ofsted grade,Inspection date,LA judgement,Leadership concern,Governance concern,Safeguarding concern\n100001,Ashby,Primary,Good,01/03/2024,Good,No,No,No\n');
    const r = await compare(file);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1]).toMatch(/^\s+2\s+100001\s+Ashby\s+\(not run\)\s+\(not run\)\s+\(not run\)\s+Green\s+\(not run\)/);
    expect(r.out).toMatch(/^southwark: not run, Column "Area judgements \(Appendix 1\)" is not in the register; expected a column headed any of "Leadership area"/m);
  });
});
