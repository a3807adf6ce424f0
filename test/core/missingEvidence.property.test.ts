/**
 * The provisional contract, as properties over generated registers: every field any framework reads is a
 * column, each cell a valid value or blank. For every framework and row: the worst case is never less
 * concerning than the category; with no blank that is missing evidence it is the category; and filling
 * any of the missing cells, with any valid values, never gives a category more concerning than the worst
 * case.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromIsoDate, toUkDate, type CalendarDate } from '../../core/dates';
import { categoryRank, fieldsUsedBy, type CompiledFramework } from '../../core/engine';
import { FIELDS, type FieldKey, type FieldType } from '../../core/fields';
import { allFrameworks } from '../../core/frameworks';
import { blankIsMissing } from '../../core/missingEvidence';
import { categoriseRegister, type RowOutcome } from '../../core/register';

const RUNS = process.env.PROPERTY_RUNS ? Number(process.env.PROPERTY_RUNS) : 150;
const AS_OF = fromIsoDate('2026-11-01') as CalendarDate;
const FRAMEWORKS = allFrameworks();
/** Every field some framework reads, as a column headed by its label. */
const COLUMNS: FieldKey[] = [...new Set(FRAMEWORKS.flatMap((fw) => fieldsUsedBy(fw)))].filter((f) => f !== 'urn');
const HEADER = ['URN', ...COLUMNS.map((f) => FIELDS[f].label)];

/** A valid cell of a field, as an analyst would type it. */
function validCell(field: FieldKey): fc.Arbitrary<string | number> {
  const t = FIELDS[field].type as FieldType;
  switch (t.kind) {
    case 'enum': return fc.constantFrom(...t.values);
    case 'yesNo': return fc.constantFrom('Yes', 'No');
    case 'number': return t.integer ? fc.integer({ min: t.min, max: t.max }) : fc.integer({ min: t.min * 10, max: t.max * 10 }).map((n) => n / 10);
    case 'date': return fc.integer({ min: AS_OF - 20 * 365, max: AS_OF }).map((d) => toUkDate(d as CalendarDate));
    case 'text': return fc.constant('text');
    case 'urn': return fc.constant('100001');
  }
}

/** A row: each column a valid value or blank (undefined). */
const row = fc.tuple(...COLUMNS.map((f) => fc.option(validCell(f), { nil: undefined, freq: 3 })));

function outcome(fw: CompiledFramework, cells: readonly (string | number | undefined)[]): RowOutcome {
  const o = categoriseRegister(fw, HEADER, [['100001', ...cells.map((c) => c ?? '')]], { asOf: AS_OF, headerRowNumber: 1 });
  expect(o.fatal).toBe(false);
  return o.rows[0]!;
}

const rank = (fw: CompiledFramework, id: string) => categoryRank(fw, id)!;

describe.each(FRAMEWORKS.map((fw) => [fw.definition.id, fw] as const))('%s: the worst case of a row\'s blank cells', (_id, fw) => {
  it('is never less concerning than the category', () => {
    fc.assert(fc.property(row, (cells) => {
      const r = outcome(fw, cells);
      if (!r.result || !r.provisional) return;
      expect(rank(fw, r.provisional.worstCase)).toBeGreaterThan(rank(fw, r.result.category));
      expect(r.provisional.missing.length).toBeGreaterThan(0);
    }), { numRuns: RUNS });
  });

  it('is the category itself (not provisional) when no cell it reads is blank', () => {
    const full = fc.tuple(...COLUMNS.map(validCell));
    fc.assert(fc.property(full, (cells) => {
      const r = outcome(fw, cells);
      expect(r.provisional).toBeNull();
    }), { numRuns: RUNS });
  });

  it('is never passed by filling blank cells that are missing evidence, with any values', () => {
    const fills = fc.tuple(...COLUMNS.map(validCell));
    fc.assert(fc.property(row, fills, fc.array(fc.boolean(), { minLength: COLUMNS.length, maxLength: COLUMNS.length }), (cells, values, which) => {
      const r = outcome(fw, cells);
      if (!r.result || r.result.override) return;
      const worst = rank(fw, r.provisional?.worstCase ?? r.result.category);
      const filled = cells.map((c, i) => (c === undefined && which[i] && blankIsMissing(COLUMNS[i]!, r.record) ? values[i] : c));
      const after = outcome(fw, filled);
      expect(after.result).not.toBeNull();
      const moved = COLUMNS.filter((_, i) => filled[i] !== cells[i]).map((f) => `${f}=${String(filled[COLUMNS.indexOf(f)])}`).join(', ');
      expect(rank(fw, after.result!.category), `${r.result.category} (worst ${r.provisional?.worstCase ?? 'same'}) -> ${after.result!.category} after ${moved}`).toBeLessThanOrEqual(worst);
    }), { numRuns: RUNS });
  });
});
