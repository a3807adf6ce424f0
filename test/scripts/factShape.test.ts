import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyFacts } from '../../core/factShape';
import { DERIVED_FACT_LABELS } from '../../core/facts';
import { FIELD_KEYS } from '../../core/fields';
import { factShapeSource } from '../../scripts/generate-fact-shape';

describe('core/factShape.ts', () => {
  it('is the file the generator writes from the field catalogue (run npx tsx scripts/generate-fact-shape.ts)', () => {
    expect(readFileSync('core/factShape.ts', 'utf8')).toBe(factShapeSource());
  });
  it('has every record field and every derived fact, all undefined', () => {
    const facts = emptyFacts() as unknown as Record<string, unknown>;
    expect(Object.keys(facts).sort()).toEqual(['row', ...FIELD_KEYS, ...Object.keys(DERIVED_FACT_LABELS)].sort());
    expect(Object.values(facts).every((v) => v === undefined)).toBe(true);
  });
});
