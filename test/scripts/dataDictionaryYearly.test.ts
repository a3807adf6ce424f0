import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allFrameworks } from '../../core/frameworks';

describe('docs/data-dictionary.md: figures that need a yearly update', () => {
  const text = readFileSync('docs/data-dictionary.md', 'utf8');
  const section = text.slice(text.indexOf('## Figures that need a yearly update'), text.indexOf('## Missing-data codes'));

  it('lists every dated parameter of the built-ins with its latest value, date and source', () => {
    const dated = allFrameworks().flatMap((fw) => Object.entries(fw.definition.parameters).filter(([, p]) => p.values).map(([name, p]) => ({ id: fw.definition.id, name, p })));
    expect(dated.map((d) => d.name)).toEqual(expect.arrayContaining(['nationalRwmPct', 'nationalEnglishMathsPct']));
    for (const { id, name, p } of dated) {
      const latest = Object.keys(p.values!).sort().at(-1)!;
      const line = section.split('\n').find((l) => l.startsWith(`| ${id} | \`${name}\` |`));
      expect(line, name).toContain(`from ${latest}`);
      expect(line, name).toContain(p.references![latest]!.title);
    }
  });
});
