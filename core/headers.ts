/**
 * Matching a register's header row to fields. Matching ignores case, spaces and punctuation, so
 * "Ofsted grade", "OFSTED GRADE" and "ofsted-grade:" are one header. The alias index is built once; two
 * fields claiming the same alias is a programming error and throws at load.
 */
import { FIELDS, FIELD_KEYS, normaliseKey, type FieldKey } from './fields';
import { problem, type Problem } from './problems';

/** One column of the header row. */
export interface HeaderColumn {
  /** 0-based column index within the header row. */
  readonly index: number;
  /** The header as the analyst wrote it. */
  readonly header: string;
  readonly field: FieldKey | null;
}

/** How a header row maps to fields. */
export interface HeaderMapping {
  readonly columns: readonly HeaderColumn[];
  /** Column index of each mapped field. */
  readonly byField: Readonly<Partial<Record<FieldKey, number>>>;
  /** Non-blank headers that name no field: left alone. */
  readonly unused: readonly { readonly index: number; readonly header: string }[];
  readonly problems: readonly Problem[];
}

const ALIAS_INDEX: ReadonlyMap<string, FieldKey> = (() => {
  const index = new Map<string, FieldKey>();
  for (const key of FIELD_KEYS) {
    for (const alias of [key, ...FIELDS[key].aliases]) {
      const k = normaliseKey(alias);
      const other = index.get(k);
      if (other !== undefined && other !== key) throw new Error(`Header alias "${alias}" is claimed by both ${other} and ${key}`);
      index.set(k, key);
    }
  }
  return index;
})();

/** The field a header names, if any. */
export function fieldForHeader(header: unknown): FieldKey | null {
  if (typeof header !== 'string' && typeof header !== 'number') return null;
  return ALIAS_INDEX.get(normaliseKey(String(header))) ?? null;
}

/** Maps a header row. A field named twice is a problem; the first column wins. */
export function mapHeaders(headerRow: readonly unknown[], options: { headerRowNumber: number }): HeaderMapping {
  const columns: HeaderColumn[] = [];
  const byField: Partial<Record<FieldKey, number>> = {};
  const unused: { index: number; header: string }[] = [];
  const problems: Problem[] = [];
  headerRow.forEach((cell, index) => {
    const header = cell === null || cell === undefined ? '' : String(cell).replace(/\u00a0/g, ' ').trim();
    if (header === '') return;
    let field = fieldForHeader(header);
    if (field !== null && byField[field] !== undefined) {
      const first = columns[columns.findIndex((c) => c.index === byField[field!])]!.header;
      problems.push(problem({
        kind: 'duplicate-header', severity: 'warning', row: options.headerRowNumber, column: header, field, value: header,
        expected: `one column for ${FIELDS[field].label}; the column "${first}" is used and this one is left alone`,
      }));
      field = null;
    }
    columns.push({ index, header, field });
    if (field === null) unused.push({ index, header });
    else byField[field] = index;
  });
  return { columns, byField, unused, problems };
}

/** A mapping with the analyst's corrections: a field moved to another column, or unmapped (`null`). */
export function applyMappingOverrides(mapping: HeaderMapping, overrides: Readonly<Partial<Record<FieldKey, number | null>>>): HeaderMapping {
  const byField: Partial<Record<FieldKey, number>> = { ...mapping.byField };
  for (const [field, index] of Object.entries(overrides) as [FieldKey, number | null][]) {
    for (const [f, i] of Object.entries(byField) as [FieldKey, number][]) if (i === index) delete byField[f];
    if (index === null) delete byField[field];
    else byField[field] = index;
  }
  const fieldAt = new Map(Object.entries(byField).map(([f, i]) => [i, f as FieldKey]));
  const columns = mapping.columns.map((c) => ({ ...c, field: fieldAt.get(c.index) ?? null }));
  return { columns, byField, unused: columns.filter((c) => c.field === null).map(({ index, header }) => ({ index, header })), problems: mapping.problems };
}
