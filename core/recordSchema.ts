/**
 * The zod schema of a school record, derived from the field catalogue: the contract of a record where
 * records arrive from outside the reader (saved state, tests). The reader itself does not need it.
 */
import { FIELDS, FIELD_KEYS, type FieldType, type SchoolRecord } from './fields';
import { URN_RANGE } from './values';
import * as z from './zod';

function schemaOf(type: FieldType): z.ZodMiniType {
  switch (type.kind) {
    case 'text': return z.string().check(z.maxLength(type.maxLength));
    case 'urn': return z.string().check(z.regex(/^\d{6}$/), z.refine((u) => Number(u) >= URN_RANGE.min && Number(u) <= URN_RANGE.max, 'a URN of 6 digits'));
    case 'date': return z.number().check(z.int());
    case 'yesNo': return z.boolean();
    case 'enum': return z.enum(type.values as [string, ...string[]]);
    case 'number': {
      const range = [z.minimum(type.min), z.maximum(type.max)];
      return type.integer ? z.number().check(...range, z.int()) : z.number().check(...range);
    }
  }
}

/** The zod schema of a school record: every field optional, plus its sheet row. */
export const schoolRecordSchema = z.strictObject({
  row: z.number().check(z.int(), z.nonnegative()),
  ...Object.fromEntries(FIELD_KEYS.map((k) => [k, z.optional(schemaOf(FIELDS[k].type as FieldType))])),
});

/** Checks a record that did not come through the reader. */
export function checkRecord(value: unknown): { ok: true; record: SchoolRecord } | { ok: false; issues: string[] } {
  const parsed = schoolRecordSchema.safeParse(value);
  return parsed.success
    ? { ok: true, record: parsed.data as unknown as SchoolRecord }
    : { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}

