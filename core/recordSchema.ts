/**
 * The zod schema of a school record, derived from the field catalogue: the contract of a record where
 * records arrive from outside the reader (saved state, tests). The reader itself does not need it.
 */
import { z } from 'zod';
import { FIELDS, FIELD_KEYS, type FieldType, type SchoolRecord } from './fields';
import { URN_RANGE } from './values';

function schemaOf(type: FieldType): z.ZodType {
  switch (type.kind) {
    case 'text': return z.string().max(type.maxLength);
    case 'urn': return z.string().regex(/^\d{6}$/).refine((u) => Number(u) >= URN_RANGE.min && Number(u) <= URN_RANGE.max, 'a URN of 6 digits');
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

