import { describe, expect, it } from 'vitest';
import {
  addMonths, dateFromParts, fromExcelSerial, fromIsoDate, fromUkDate, monthsBetween, termOf, toExcelSerial, toIsoDate, type CalendarDate,
} from '../../core/dates';

const d = (iso: string) => fromIsoDate(iso) as CalendarDate;

describe('reading dates as analysts type them', () => {
  it.each([
    ['01/03/2025', '2025-03-01'],
    ['1/3/2025', '2025-03-01'],
    ['31/12/2024', '2024-12-31'],
    ['29/02/2024', '2024-02-29'],
  ])('UK %s is day first: %s', (text, iso) => {
    expect(toIsoDate(fromUkDate(text) as CalendarDate)).toBe(iso);
  });

  it.each(['31/02/2024', '29/02/2023', '13/13/2020', '2025-03-01', 'next week', ''])('rejects %j as a UK date', (text) => {
    expect(fromUkDate(text)).toBeNull();
  });

  it('reads Excel serials with the 1900 epoch (45717 is 1 March 2025)', () => {
    expect(toIsoDate(fromExcelSerial(45717) as CalendarDate)).toBe('2025-03-01');
    expect(toExcelSerial(d('2025-03-01'))).toBe(45717);
  });

  it('rejects impossible ISO dates', () => {
    expect(fromIsoDate('2024-02-30')).toBeNull();
    expect(dateFromParts(2024, 2, 30)).toBeNull();
  });
});

describe('date arithmetic', () => {
  it('adds months, clamping to the end of a shorter month', () => {
    expect(toIsoDate(addMonths(d('2024-01-31'), 1))).toBe('2024-02-29');
    expect(toIsoDate(addMonths(d('2020-05-15'), 48))).toBe('2024-05-15');
  });

  it('counts whole months only once the day is reached', () => {
    expect(monthsBetween(d('2024-01-15'), d('2024-03-14'))).toBe(1);
    expect(monthsBetween(d('2024-01-15'), d('2024-03-15'))).toBe(2);
  });

  it.each([
    ['2025-09-01', 'autumn'],
    ['2025-12-31', 'autumn'],
    ['2026-01-05', 'spring'],
    ['2026-04-20', 'summer'],
  ])('places %s in the %s term', (iso, term) => {
    expect(termOf(d(iso)).name).toBe(term);
  });
});
