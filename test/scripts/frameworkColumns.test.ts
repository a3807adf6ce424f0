import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { columnNeeds } from '../../core/columns';
import { allFrameworks } from '../../core/frameworks';
import { withColumnsSection } from '../../scripts/generate-framework-columns';

describe.each(allFrameworks().map((fw) => [fw.definition.id, fw] as const))('docs/frameworks/%s.md: the columns it needs', (_id, fw) => {
  const doc = readFileSync(fw.definition.docs!, 'utf8');

  it('is the section generated from core/columns.ts (run npx tsx scripts/generate-framework-columns.ts)', () => {
    expect(doc).toBe(withColumnsSection(doc, fw));
  });

  it('names every required column as required', () => {
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const n of columnNeeds(fw).filter((x) => x.required)) expect(doc).toMatch(new RegExp(`^\\| ${escape(n.as)} \\| .* \\| required \\|`, 'm'));
  });
});
