/**
 * Matching a register's header row to fields. Matching ignores case, spaces and punctuation, so
 * "Ofsted grade", "OFSTED GRADE" and "ofsted-grade:" are one header. The alias index is built once; two
 * fields claiming the same alias is a programming error and throws at load.
 */
import { FIELDS, normaliseKey, type FieldKey } from './fields';
import { problem, type Problem } from './problems';
import { plainCell } from './values';

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

/** A programming error in the field catalogue: two fields claim the same header. Thrown at load. */
export class AliasClashError extends Error {
  override readonly name = 'AliasClashError';
}

/**
 * The index from normalised header to field: each field's key and aliases. Throws `AliasClashError`
 * when two fields claim the same normalised alias, since a header could then mean either.
 */
export function buildAliasIndex<K extends string>(fields: Readonly<Record<K, { readonly aliases: readonly string[] }>>): ReadonlyMap<string, K> {
  const index = new Map<string, K>();
  for (const key of Object.keys(fields) as K[]) {
    for (const alias of [key, ...fields[key].aliases]) {
      const k = normaliseKey(alias);
      const other = index.get(k);
      if (other !== undefined && other !== key) throw new AliasClashError(`Header alias "${alias}" is claimed by both ${other} and ${key}`);
      index.set(k, key);
    }
  }
  return index;
}

const ALIAS_INDEX: ReadonlyMap<string, FieldKey> = buildAliasIndex<FieldKey>(FIELDS);

/** The field a header names, if any. */
export function fieldForHeader(header: unknown): FieldKey | null {
  const text = plainCell(header);
  if (typeof text !== 'string' && typeof text !== 'number') return null;
  return ALIAS_INDEX.get(normaliseKey(String(text))) ?? null;
}

/** Options of `mapHeaders`. */
export interface MapHeadersOptions {
  /** Sheet row number (1-based) of the header row, for the problems it gives; 1 when not given. */
  readonly headerRowNumber?: number;
}

/**
 * Maps a header row. Blank header cells are ignored; a field named by two columns is a
 * `duplicate-header` problem (a warning: the first column is used, the later one left alone).
 */
export function mapHeaders(headerRow: readonly unknown[], options: MapHeadersOptions = {}): HeaderMapping {
  const headerRowNumber = options.headerRowNumber ?? 1;
  const columns: HeaderColumn[] = [];
  const byField: Partial<Record<FieldKey, number>> = {};
  const unused: { index: number; header: string }[] = [];
  const problems: Problem[] = [];
  headerRow.forEach((cell, index) => {
    const plain = plainCell(cell);
    if (plain === undefined) return;
    const header = plain instanceof Date ? plain.toISOString().slice(0, 10) : String(plain);
    let field = fieldForHeader(header);
    if (field !== null && byField[field] !== undefined) {
      const first = columns[columns.findIndex((c) => c.index === byField[field!])]!.header;
      problems.push(problem({
        kind: 'duplicate-header', severity: 'warning', row: headerRowNumber, column: header, field, value: header,
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

/**
 * A mapping with the analyst's corrections: a field moved to another column (which then maps to that
 * field only), or unmapped (`null`). Only columns of the header row can be chosen: an index that is not
 * one (a blank header, beyond the row, not a whole number) is ignored. A duplicate-header problem about
 * a field the analyst has settled is dropped. The input mapping is not changed.
 */
export function applyMappingOverrides(mapping: HeaderMapping, overrides: Readonly<Partial<Record<FieldKey, number | null>>>): HeaderMapping {
  const known = new Set(mapping.columns.map((c) => c.index));
  const byField: Partial<Record<FieldKey, number>> = { ...mapping.byField };
  const settled = new Set<string>();
  for (const [field, index] of Object.entries(overrides) as [FieldKey, number | null | undefined][]) {
    if (!Object.hasOwn(FIELDS, field) || index === undefined) continue;
    if (index !== null && !known.has(index)) continue;
    for (const [f, i] of Object.entries(byField) as [FieldKey, number][]) if (i === index) delete byField[f];
    if (index === null) delete byField[field];
    else byField[field] = index;
    settled.add(field);
  }
  const fieldAt = new Map(Object.entries(byField).map(([f, i]) => [i, f as FieldKey]));
  const columns = mapping.columns.map((c) => ({ ...c, field: fieldAt.get(c.index) ?? null }));
  return {
    columns,
    byField,
    unused: columns.filter((c) => c.field === null).map(({ index, header }) => ({ index, header })),
    problems: mapping.problems.filter((p) => !(p.kind === 'duplicate-header' && p.field !== undefined && settled.has(p.field))),
  };
}
