/**
 * From a header row and raw rows to checked school records. The per-cell readers are built once per
 * register (one closure per mapped column), so a county of 25,000 rows is read in one pass. The zod
 * schema derived from the field catalogue is the contract of a record, used where records arrive from
 * outside the reader (tests, saved state).
 */
import { z } from 'zod';
import type { CalendarDate } from './dates';
import { FIELDS, FIELD_KEYS, type FieldKey, type FieldType, type SchoolRecord } from './fields';
import { mapHeaders, type HeaderMapping } from './headers';
import { problem, type Problem } from './problems';
import { readCell } from './values';

function schemaOf(type: FieldType): z.ZodType {
  switch (type.kind) {
    case 'text': return z.string().max(type.maxLength);
    case 'urn': return z.string().regex(/^\d{5,7}$/);
    case 'date': return z.number().int();
    case 'yesNo': return z.boolean();
    case 'enum': return z.enum(type.values as [string, ...string[]]);
    case 'number': {
      const n = z.number().min(type.min).max(type.max);
      return type.integer ? n.int() : n;
    }
  }
}

/** The zod schema of a school record: every field optional, plus its sheet row. */
export const schoolRecordSchema = z
  .object({
    row: z.number().int().nonnegative(),
    ...Object.fromEntries(FIELD_KEYS.map((k) => [k, schemaOf(FIELDS[k].type as FieldType).optional()])),
  })
  .strict();

/** Checks a record that did not come through the reader. */
export function checkRecord(value: unknown): { ok: true; record: SchoolRecord } | { ok: false; issues: string[] } {
  const parsed = schoolRecordSchema.safeParse(value);
  return parsed.success
    ? { ok: true, record: parsed.data as unknown as SchoolRecord }
    : { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}

/** A register read: records aligned with the input rows (`null` for a fully blank row), and every problem. */
export interface RegisterRead {
  readonly mapping: HeaderMapping;
  readonly records: readonly (SchoolRecord | null)[];
  readonly problems: readonly Problem[];
}

const isBlank = (cell: unknown) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/**
 * Reads every row. A bad cell gives a problem and leaves its field blank; it never stops the other
 * cells or rows. A missing URN and a URN repeated from an earlier row are problems of their row.
 */
export function readRegister(
  headerRow: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  opts: { asOf: CalendarDate; headerRowNumber: number; mapping?: HeaderMapping },
): RegisterRead {
  const mapping = opts.mapping ?? mapHeaders(headerRow, { headerRowNumber: opts.headerRowNumber });
  const columns = (Object.entries(mapping.byField) as [FieldKey, number][]).map(([field, index]) => ({
    field, index, header: mapping.columns.find((c) => c.index === index)?.header ?? FIELDS[field].label,
  }));
  const urnColumn = columns.find((c) => c.field === 'urn');
  const problems: Problem[] = [];
  const seenUrns = new Map<string, number>();
  const records = rows.map((cells, i): SchoolRecord | null => {
    if (cells.every(isBlank)) return null;
    const row = opts.headerRowNumber + 1 + i;
    const record: Record<string, unknown> = { row };
    for (const c of columns) {
      const read = readCell(c.field, cells[c.index], { row, column: c.header, asOf: opts.asOf });
      if (!read.ok) problems.push(read.problem);
      else if (read.value !== undefined) record[c.field] = read.value;
    }
    const urn = record.urn as string | undefined;
    if (urn === undefined && urnColumn && isBlank(cells[urnColumn.index])) {
      problems.push(problem({ kind: 'missing-value', row, column: urnColumn.header, field: 'urn', value: '', expected: 'the school\'s URN, which identifies the row' }));
    } else if (urn !== undefined) {
      const first = seenUrns.get(urn);
      if (first !== undefined) {
        problems.push(problem({ kind: 'duplicate-urn', row, column: urnColumn?.header ?? 'URN', field: 'urn', value: urn, expected: `a URN used once; row ${first} has it already` }));
      } else seenUrns.set(urn, row);
    }
    return record as SchoolRecord;
  });
  return { mapping, records, problems };
}
