import { describe, expect, it } from 'vitest';
import { fromIsoDate, toIsoDate, type CalendarDate } from '../../../core/dates';
import { inspectionWindow, windowStatus, WINDOW_DEFAULTS, WINDOW_PARAMETERS, type LastInspection } from '../../../core/ofsted/inspectionWindow';
import { ofstedStanding } from '../../../core/ofsted/standing';
import { loadInspectionHistories } from './backtestData';

const d = (iso: string) => fromIsoDate(iso) as CalendarDate;

describe('next inspection window under the published rules (DOMAIN.md, "When the next inspection is due")', () => {
  it.each([
    {
      rule: 'Good: ungraded inspection within the four academic years after the last (graded Mar 2019, school year 2018/19 → by 31 Jul 2023)',
      last: { band: 'good-or-better', lastJudgedDate: d('2019-03-14') }, from: '2021-09-14', by: '2023-07-31',
    },
    {
      rule: 'Good: a later ungraded "remains" inspection restarts the four years (Nov 2022 → by 31 Jul 2027)',
      last: { band: 'good-or-better', lastJudgedDate: d('2018-10-01'), lastInspectionDate: d('2022-11-15') }, from: '2025-05-15', by: '2027-07-31',
    },
    {
      rule: 'Requires improvement: re-inspection usually within 30 months',
      last: { band: 'requires-improvement', lastJudgedDate: d('2023-06-20') }, from: '2024-06-20', by: '2025-12-20',
    },
    {
      rule: 'Inadequate: monitored from 4-6 weeks after the report; re-inspected within 30 months',
      last: { band: 'inadequate', lastJudgedDate: d('2024-01-10'), inCategoryOfConcern: true }, from: '2024-02-07', by: '2026-07-10',
    },
    {
      rule: 'New schools: first inspection in the third year of operation (opened Sept 2022 → 2024/25)',
      last: { band: 'not-inspected' }, open: d('2022-09-01'), from: '2024-08-01', by: '2025-07-31',
    },
    {
      rule: 'New schools: a January opening is in the same school year as September (opened Jan 2023 → 2024/25)',
      last: { band: 'not-inspected' }, open: d('2023-01-01'), from: '2024-08-01', by: '2025-07-31',
    },
    {
      rule: 'Ungraded inspection "(Concerns) - S5 Next": a graded inspection follows (parameter: within 24 months)',
      last: { band: 'good-or-better', lastJudgedDate: d('2016-05-01'), lastInspectionDate: d('2021-11-10'), gradedNext: true }, from: '2021-11-10', by: '2023-11-10',
    },
    {
      rule: 'Report cards: routine interval not found in a primary source, default the 4-year practice',
      last: { band: 'good-or-better', source: 'report-card', lastJudgedDate: d('2026-01-20') }, from: '2028-07-20', by: '2030-07-31',
    },
  ] satisfies { rule: string; last: LastInspection; open?: CalendarDate; from: string; by: string }[])('$rule', ({ last, open, from, by }) => {
    const w = inspectionWindow(last, open);
    expect(w && { from: toIsoDate(w.dueFrom), by: toIsoDate(w.dueBy) }).toEqual({ from, by });
    expect(w!.basis.length).toBeGreaterThan(10);
  });

  it('never goes past the legal maximum of 5 school years from 1 August (SI 2005/2038)', () => {
    // RI in Sept 2019 (school year 2019/20): a long parameter is capped at 31 Jul 2025.
    const w = inspectionWindow({ band: 'requires-improvement', lastJudgedDate: d('2019-09-15') }, undefined, { riLatestMonths: 80 });
    expect(toIsoDate(w!.dueBy)).toBe('2025-07-31');
  });

  it('takes the report-card interval as a parameter', () => {
    const w = inspectionWindow({ band: 'good-or-better', source: 'report-card', lastJudgedDate: d('2026-01-20') }, undefined, { reportCardWithinSchoolYears: 3 });
    expect(toIsoDate(w!.dueBy)).toBe('2029-07-31');
  });

  it('has no window for a school never inspected with no opening date', () => {
    expect(inspectionWindow({ band: 'not-inspected' })).toBeNull();
  });

  it('reads an OfstedStanding directly', () => {
    const standing = ofstedStanding({ row: 2, ofstedGrade: 'requires-improvement', inspectionDate: d('2023-06-20') });
    expect(toIsoDate(inspectionWindow(standing)!.dueBy)).toBe('2025-12-20');
  });

  it('gives every interval a source, marking local readings', () => {
    for (const key of Object.keys(WINDOW_DEFAULTS) as (keyof typeof WINDOW_DEFAULTS)[]) expect(WINDOW_PARAMETERS[key].source.length).toBeGreaterThan(10);
    expect(WINDOW_PARAMETERS.reportCardWithinSchoolYears.local).toBe(true);
  });
});

describe('windowStatus: months until due, overdue, due this term (terms as termOf in dates.ts)', () => {
  const window = { dueFrom: d('2024-08-01'), dueBy: d('2025-07-31'), basis: 'test' };
  it.each([
    { asOf: '2024-03-01', months: 16, overdue: false, thisTerm: false }, // spring term ends 31 Mar, window opens in August
    { asOf: '2024-06-01', months: 13, overdue: false, thisTerm: true }, // summer term runs to 31 Aug and overlaps 1 Aug
    { asOf: '2024-10-15', months: 9, overdue: false, thisTerm: true },
    { asOf: '2025-07-31', months: 0, overdue: false, thisTerm: true }, // the last day is still in time
    { asOf: '2025-09-01', months: -1, overdue: true, thisTerm: false }, // autumn term starts after the window closed
  ])('as of $asOf', ({ asOf, months, overdue, thisTerm }) => {
    expect(windowStatus(window, d(asOf))).toEqual({ monthsUntilDue: months, overdue, dueThisTerm: thisTerm });
  });
});

describe('the windows against real inspection histories (Ofsted graded inspections 2012-2020, data/README.md)', () => {
  const histories = loadInspectionHistories();
  const followUps = (grade: string) => {
    const out: { last: CalendarDate; next?: CalendarDate }[] = [];
    for (const list of histories.values()) {
      list.forEach((i, k) => {
        // Graded Sept 2012 - Aug 2017, so 30 months are observable before the data ends (Feb 2020).
        if (i.grade === grade && i.date >= d('2012-09-01') && i.date <= d('2017-08-31')) out.push({ last: i.date, next: list[k + 1]?.date });
      });
    }
    return out;
  };

  it('requires improvement: the next graded inspection fell by dueBy for at least 90% of RI schools', () => {
    const cases = followUps('requires-improvement');
    const inTime = cases.filter((c) => c.next !== undefined && c.next <= inspectionWindow({ band: 'requires-improvement', lastJudgedDate: c.last })!.dueBy).length;
    // Measured: 92.5% of 6,050 (the rest mostly closed or converted before re-inspection).
    expect(cases.length).toBeGreaterThan(5_000);
    expect(inTime / cases.length).toBeGreaterThanOrEqual(0.9);
  });
});
