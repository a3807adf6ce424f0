import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELD_KEYS, FIELDS } from '../../core/fields';
import { dataDictionary } from '../../scripts/generate-data-dictionary';

describe('docs/data-dictionary.md', () => {
  const text = readFileSync('docs/data-dictionary.md', 'utf8');
  it('is the one generated from the field catalogue (run npx tsx scripts/generate-data-dictionary.ts)', () => {
    expect(text).toBe(dataDictionary());
  });
  it('lists every field with its header names', () => {
    for (const key of FIELD_KEYS) {
      expect(text).toContain(`| \`${key}\` |`);
      expect(text).toContain(`"${FIELDS[key].label}"`);
    }
  });
  it('says which frameworks read the fields the policies turn on', () => {
    const line = (key: string) => text.split('\n').find((l) => l.startsWith(`| \`${key}\` |`))!;
    expect(line('bottomQuartileMeasures')).toContain('herefordshire');
    expect(line('areaSafeguarding')).toContain('southwark');
    expect(line('ofstedGrade')).toMatch(/oxfordshire \(one of: Ofsted judgement\), oldham \(one of: Ofsted judgement\), herefordshire .*, wokingham .*, southwark /);
    expect(line('laJudgement')).toMatch(/oldham \(required\), wokingham \(required\)/);
    expect(line('categoryOfConcern')).toMatch(/\| no category of concern \|$/);
  });
});
