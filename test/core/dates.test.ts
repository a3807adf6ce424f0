import { describe, expect, it } from 'vitest';
import {
  addMonths, dateFromParts, dateParts, fromExcelSerial, fromIsoDate, fromUkDate, monthsBetween, monthsElapsed, MonthsFrom, schoolYearStarting, termOf, toExcelSerial, toIsoDate, type CalendarDate,
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

describe('calendar arithmetic agrees with the JavaScript calendar', () => {
  const MS_PER_DAY = 86_400_000;
  it('for every day from 1 January 1900 to 31 December 2100, and each 1 March to 9999', () => {
    const first = Date.UTC(1900, 0, 1) / MS_PER_DAY;
    const last = Date.UTC(2100, 11, 31) / MS_PER_DAY;
    const days = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    for (let y = 2101; y <= 9999; y++) days.push(Date.UTC(y, 2, 1) / MS_PER_DAY, Date.UTC(y, 1, 28) / MS_PER_DAY);
    const wrong: string[] = [];
    for (const n of days) {
      const d = new Date(n * MS_PER_DAY);
      const expected = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      const parts = dateParts(n as CalendarDate);
      if (parts.year !== expected.year || parts.month !== expected.month || parts.day !== expected.day) wrong.push(`${n}: ${JSON.stringify(parts)}`);
      if (dateFromParts(expected.year, expected.month, expected.day) !== n) wrong.push(`${JSON.stringify(expected)} -> ${dateFromParts(expected.year, expected.month, expected.day)}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
  it('rejects days a month does not have, and accepts 29 February only in leap years', () => {
    expect([dateFromParts(2024, 2, 29), dateFromParts(2023, 2, 29), dateFromParts(1900, 2, 29), dateFromParts(2000, 2, 29), dateFromParts(2025, 4, 31), dateFromParts(2025, 12, 31)].map((d) => d !== null))
      .toEqual([true, false, false, true, false, true]);
  });
});

describe('whole months between two dates', () => {
  it('agree with counting by adding months, for every pair of days around month ends over two years', () => {
    const start = dateFromParts(2023, 1, 1)!;
    const byAdding = (from: CalendarDate, to: CalendarDate) => {
      let n = 0;
      while (addMonths(from, n + 1) <= to) n++;
      return n;
    };
    const wrong: string[] = [];
    for (let i = 0; i < 730; i += 3) {
      for (let j = i; j < i + 130; j += 1) {
        const from = (start + i) as CalendarDate;
        const to = (start + j) as CalendarDate;
        if (monthsBetween(from, to) !== byAdding(from, to)) wrong.push(`${toIsoDate(from)} to ${toIsoDate(to)}: ${monthsBetween(from, to)}`);
        if (monthsBetween(to, from) !== -byAdding(from, to)) wrong.push(`${toIsoDate(to)} back to ${toIsoDate(from)}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

describe('months by anniversaries', () => {
  it('are the whole months, plus a half unless adding them lands on the day, for every pair of days around month ends over two years', () => {
    const start = dateFromParts(2023, 1, 1)!;
    const wrong: string[] = [];
    for (let i = 0; i < 760; i += 1) {
      for (let j = i; j < i + 100; j += 1) {
        const from = (start + i) as CalendarDate;
        const to = (start + j) as CalendarDate;
        const whole = monthsBetween(from, to);
        const expected = addMonths(from, whole) === to ? whole : whole + 0.5;
        if (monthsElapsed(from, to) !== expected) wrong.push(`${toIsoDate(from)} to ${toIsoDate(to)}: ${monthsElapsed(from, to)}`);
        if (monthsElapsed(to, from) !== -expected) wrong.push(`${toIsoDate(to)} back to ${toIsoDate(from)}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('from one date (MonthsFrom) are monthsElapsed and monthsBetween, either way and across the years; whole months are the whole part of months by anniversaries', () => {
    const wrong: string[] = [];
    for (const at of ['2026-11-01', '2024-02-29', '2025-01-31', '1900-03-01', '9999-12-31'].map(d)) {
      const months = new MonthsFrom(at);
      for (let k = -4000; k <= 4000; k += 7) {
        const other = (at + k * 3 + (k % 5)) as CalendarDate;
        const got = [months.elapsedSince(other), months.elapsedUntil(other), months.wholeSince(other)];
        const want = [monthsElapsed(other, at), monthsElapsed(at, other), monthsBetween(other, at)];
        if (!got.every((x, i) => Object.is(x, want[i]))) wrong.push(`${toIsoDate(at)} and ${toIsoDate(other)}: ${got} for ${want}`);
        // The derived facts take whole months as the whole part of months by anniversaries.
        if (!Object.is(Math.trunc(monthsElapsed(other, at)), monthsBetween(other, at))) wrong.push(`${toIsoDate(other)} to ${toIsoDate(at)}: whole part`);
        if (!Object.is(Math.trunc(monthsElapsed(at, other)), monthsBetween(at, other))) wrong.push(`${toIsoDate(at)} to ${toIsoDate(other)}: whole part`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('count a school year from 1 August', () => {
    expect([d('2025-07-31'), d('2025-08-01'), d('2026-01-15'), d('2024-02-29')].map(schoolYearStarting)).toEqual([2024, 2025, 2025, 2023]);
  });
});
