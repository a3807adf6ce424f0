import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addMonths, fromIsoDate, monthsElapsed, monthsText, type CalendarDate } from '../../../core/dates';
import { deriveFacts } from '../../../core/deriveFacts';
import { categorise } from '../../../core/engine';
import type { SchoolRecord } from '../../../core/fields';
import { frameworkById } from '../../../core/frameworks';

const d = (iso: string) => fromIsoDate(iso) as CalendarDate;
const AS_OF = d('2026-11-01');
const herefordshire = frameworkById('herefordshire')!;
const A5 = 'Herefordshire, Appendix 5';

/** The criteria that fire for a school inspected on `date` with `grade`, seen at AS_OF. */
function fired(grade: 'good' | 'requires-improvement', date: CalendarDate, extra: Partial<SchoolRecord> = {}): string[] {
  const { facts } = deriveFacts({ row: 2, urn: '100001', phase: 'primary', status: 'maintained', ofstedGrade: grade, inspectionDate: date, ...extra }, AS_OF);
  return categorise(herefordshire, facts).reasons.map((r) => r.criterion).concat(categorise(herefordshire, facts, { trace: true }).trace?.filter((t) => t.outcome === 'fired').map((t) => t.criterion) ?? []);
}

describe('periods counted by anniversaries, as the policies write them', () => {
  it.each([
    // [what, grade, inspected, criterion, fires]
    [`${A5}, High Risk, All schools: "Over three years for Good / Outstanding schools": three years and three weeks`, 'good', '2023-10-11', 'imminence', true],
    [`${A5}: "Over three years": one day past the anniversary`, 'good', '2023-10-31', 'imminence', true],
    [`${A5}: "Over three years": on the anniversary itself it is three years, not over`, 'good', '2023-11-01', 'imminence', false],
    [`${A5}, High Risk, All schools: "Over twelve months for Satisfactory": twelve months and ten days`, 'requires-improvement', '2025-10-22', 'imminence', true],
    [`${A5}: "Over twelve months": on the anniversary, not over`, 'requires-improvement', '2025-11-01', 'imminence', false],
    [`${A5}, Low risk: "Good ... in the last two years": two years and a week is not in the last two years`, 'good', '2024-10-25', 'recent-good', false],
    [`${A5}, Low risk: "in the last two years": exactly two years ago still is`, 'good', '2024-11-01', 'recent-good', true],
  ] as const)('%s', (_citation, grade, inspected, criterion, fires) => {
    expect(fired(grade, d(inspected)).includes(criterion)).toBe(fires);
  });

  it('shows a period past an anniversary as "over": Months since last inspection: over 36', () => {
    const { facts } = deriveFacts({ row: 2, urn: '100001', phase: 'primary', status: 'maintained', ofstedGrade: 'good', inspectionDate: d('2023-10-11') }, AS_OF);
    const imminence = categorise(herefordshire, facts).reasons.find((r) => r.criterion === 'imminence');
    expect(imminence?.seen).toContain('Months since last inspection: over 36');
  });

  it('monthsElapsed(from, to) > n exactly when `to` is past the n-th monthly anniversary; whole n on it', () => {
    const day = fc.integer({ min: d('2015-01-01'), max: d('2030-12-31') }).map((n) => n as CalendarDate);
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 40 }), (from, n, extra) => {
      const anniversary = addMonths(from, n);
      const to = addDays(anniversary, extra) as CalendarDate;
      const m = monthsElapsed(from, to);
      if (extra === 0) return m === n || addMonths(from, Math.floor(m)) === to; // a clamped anniversary (31 Jan + 1 month) may be reached by a later n too
      return m > n && monthsText(m).length > 0;
    }));
  });

  it('is monotone and reads back in words', () => {
    expect(monthsElapsed(d('2024-01-31'), d('2024-02-29'))).toBe(1); // clamped to the month's last day: the anniversary
    expect(monthsElapsed(d('2026-11-01'), d('2024-01-16'))).toBe(-33.5);
    expect([monthsText(36), monthsText(36.5), monthsText(-1.5), monthsText(-2)]).toEqual(['36', 'over 36', 'overdue by over 1', 'overdue by 2']);
  });
});
