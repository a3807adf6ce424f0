import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { factAt, FACT_KEYS, factsFromRecord, factsOfFields, recordOfFields, refilledFacts } from '../../core/factShape';
import type { Facts } from '../../core/facts';
import { DERIVED_FACT_LABELS } from '../../core/facts';
import { FIELD_KEYS } from '../../core/fields';
import { factShapeSource } from '../../scripts/generate-fact-shape';

describe('core/factShape.ts', () => {
  it('is the file the generator writes from the field catalogue (run npx tsx scripts/generate-fact-shape.ts)', () => {
    expect(readFileSync('core/factShape.ts', 'utf8')).toBe(factShapeSource());
  });
  it('has every record field, copied, and every derived fact, blank', () => {
    const facts = factsFromRecord({ row: 7, urn: '100000', attendancePct: 93.5 }) as unknown as Record<string, unknown>;
    expect(Object.keys(facts).sort()).toEqual(['row', ...FIELD_KEYS, ...Object.keys(DERIVED_FACT_LABELS)].sort());
    expect(Object.entries(facts).filter(([, v]) => v !== undefined)).toEqual([['row', 7], ['urn', '100000'], ['attendancePct', 93.5]]);
  });
});

describe('the generated accessors', () => {
  it('recordOfFields, factsOfFields and refilledFacts set field FIELD_KEYS[i] from v[i] and nothing else; factAt(i) reads fact FACT_KEYS[i]', () => {
    FIELD_KEYS.forEach((key, i) => {
      const v: unknown[] = new Array(FIELD_KEYS.length).fill(undefined);
      v[i] = `value ${i}`;
      expect(Object.entries(recordOfFields(3, v)).filter(([, x]) => x !== undefined)).toEqual([['row', 3], [key, `value ${i}`]]);
      expect(Object.entries(factsOfFields(3, v)).filter(([, x]) => x !== undefined)).toEqual([['row', 3], [key, `value ${i}`]]);
      expect(Object.entries(refilledFacts()(3, v)).filter(([, x]) => x !== undefined)).toEqual([['row', 3], [key, `value ${i}`]]);
    });
    expect(Object.keys(recordOfFields(1, []))).toEqual(['row', ...FIELD_KEYS]);
    // The same keys in the same order as factsFromRecord: one V8 shape for every school's facts.
    expect(Object.keys(factsOfFields(1, []))).toEqual(Object.keys(factsFromRecord({ row: 1 })));
    expect(Object.keys(refilledFacts()(1, []))).toEqual(Object.keys(factsFromRecord({ row: 1 })));
    const facts = Object.fromEntries(FACT_KEYS.map((k, i) => [k, i])) as unknown as Facts;
    expect(FACT_KEYS.map((_, i) => factAt(facts, i))).toEqual(FACT_KEYS.map((_, i) => i));
  });

  it('refilledFacts gives one object, and each row sets every fact again: nothing of the row before is left', () => {
    const make = refilledFacts();
    const first = make(2, FIELD_KEYS.map((k) => `first ${k}`));
    // As deriving fills them in place.
    for (const k of Object.keys(DERIVED_FACT_LABELS)) (first as unknown as Record<string, unknown>)[k] = `derived ${k}`;
    const v: unknown[] = new Array(FIELD_KEYS.length).fill(undefined);
    v[5] = 'second';
    const second = make(3, v);
    expect(second).toBe(first);
    expect(Object.entries(second).filter(([, x]) => x !== undefined)).toEqual([['row', 3], [FIELD_KEYS[5], 'second']]);
    expect(Object.keys(second)).toEqual(Object.keys(factsFromRecord({ row: 1 })));
  });
});
