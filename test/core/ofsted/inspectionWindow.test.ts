import { describe, expect, it } from 'vitest';
import { addDays, fromIsoDate, toIsoDate, type CalendarDate } from '../../../core/dates';
import { INSPECTION_RISK_MODEL, inspectionWindow, narrowestInterval, WindowReckoner, windowStatus, WINDOW_DEFAULTS, WINDOW_PARAMETERS, type LastInspection } from '../../../core/ofsted';
import { ofstedStanding } from '../../../core/ofsted/standing';
import { isTrainingUrn } from '../../../scripts/ofsted2018/data';
import { measureCoverage } from '../../../scripts/ofsted2018/measure';

const d = (iso: string) => fromIsoDate(iso) as CalendarDate;
const iso = (w: { dueFrom: CalendarDate; dueBy: CalendarDate } | null) => w && { from: toIsoDate(w.dueFrom), by: toIsoDate(w.dueBy) };

describe('rule windows: good or better, new schools, an ungraded inspection that said "graded next"', () => {
  it.each([
    {
      rule: '2012-2019 practice, good: ungraded inspection within the four academic years after the last (graded Mar 2019, school year 2018/19 → by 31 Jul 2023)',
      last: { band: 'good-or-better', lastJudgedDate: d('2019-03-14') }, rules: 'practice-2012-2019', from: '2021-09-14', by: '2023-07-31',
    },
    {
      rule: '2012-2019 practice: a later ungraded "remains" inspection restarts the four years (Nov 2022 → by 31 Jul 2027)',
      last: { band: 'good-or-better', lastJudgedDate: d('2018-10-01'), lastInspectionDate: d('2022-11-15') }, rules: 'practice-2012-2019', from: '2025-05-15', by: '2027-07-31',
    },
    {
      rule: 'report cards: the routine inspection within four school years of the latest inspection of any kind (a legacy good school, ungraded Nov 2022)',
      last: { band: 'good-or-better', source: 'legacy-grade', lastJudgedDate: d('2018-10-01'), lastInspectionDate: d('2022-11-15') }, rules: 'report-cards-2025', from: '2025-05-15', by: '2027-07-31',
    },
    {
      rule: 'report cards: interval not found in a primary source, default the 4-year practice',
      last: { band: 'good-or-better', source: 'report-card', lastJudgedDate: d('2026-01-20') }, rules: 'report-cards-2025', from: '2028-07-20', by: '2030-07-31',
    },
    {
      rule: 'new schools: first inspection in the third year of operation (opened Sept 2022 → 2024/25)',
      last: { band: 'not-inspected' }, open: d('2022-09-01'), rules: 'report-cards-2025', from: '2024-08-01', by: '2025-07-31',
    },
    {
      rule: 'new schools: a January opening is in the same school year as September (opened Jan 2023 → 2024/25)',
      last: { band: 'not-inspected' }, open: d('2023-01-01'), rules: 'report-cards-2025', from: '2024-08-01', by: '2025-07-31',
    },
    {
      rule: 'ungraded inspection "(Concerns) - S5 Next": a graded inspection follows (parameter: within 24 months)',
      last: { band: 'good-or-better', lastJudgedDate: d('2016-05-01'), lastInspectionDate: d('2021-11-10'), gradedNext: true }, rules: 'report-cards-2025', from: '2021-11-10', by: '2023-11-10',
    },
  ] satisfies { rule: string; last: LastInspection; open?: CalendarDate; rules: 'practice-2012-2019' | 'report-cards-2025'; from: string; by: string }[])('$rule', ({ last, open, rules, from, by }) => {
    const w = inspectionWindow(last, open, { rules });
    expect(iso(w)).toEqual({ from, by });
    expect(new WindowReckoner({ rules }).of(last, open)).toEqual(w);
    expect(w!.kind).toBe('rule');
    expect(w!.coverage).toBeNull();
  });

  it('caps a graded good school\'s window at the legal maximum and shows the statutory latest date apart', () => {
    // Graded Sept 2019 (school year 2019/20): legally re-inspected by 31 Jul 2025; a 6-year parameter is capped there.
    const w = inspectionWindow({ band: 'good-or-better', lastJudgedDate: d('2019-09-15') }, undefined, { reportCardWithinSchoolYears: 6 })!;
    expect(toIsoDate(w.dueBy)).toBe('2025-07-31');
    expect(toIsoDate(w.statutoryLatest!)).toBe('2025-07-31');
  });

  it('has no window for a school never inspected with no opening date', () => {
    expect(inspectionWindow({ band: 'not-inspected' })).toBeNull();
  });

  it('gives every interval a source, marking local readings', () => {
    for (const key of Object.keys(WINDOW_DEFAULTS) as (keyof typeof WINDOW_DEFAULTS)[]) expect(WINDOW_PARAMETERS[key].source.length).toBeGreaterThan(10);
    expect(WINDOW_PARAMETERS.reportCardWithinSchoolYears.local).toBe(true);
  });
});

describe('measured windows after requires improvement and inadequate: the narrowest span holding the stated share', () => {
  it.each(['requires-improvement', 'inadequate'] as const)('%s: the window is the judgement plus the narrowest 80%% of the measured intervals, with the statutory latest date apart', (band) => {
    const judged = d('2023-06-20');
    const w = inspectionWindow({ band, lastJudgedDate: judged })!;
    const span = narrowestInterval(INSPECTION_RISK_MODEL.intervals[band].quantileDays, 0.8);
    expect([w.dueFrom, w.dueBy]).toEqual([addDays(judged, span.fromDays), addDays(judged, span.toDays)]);
    expect([w.kind, w.coverage]).toEqual(['measured', 0.8]);
    expect(w.basis).toMatch(/80% of next graded inspections came \d+\.\d-\d+\.\d months after/);
    // 5 school years from the one the judgement fell in (2022/23): 31 July 2028.
    expect(toIsoDate(w.statutoryLatest!)).toBe('2028-07-31');
    // The practice "re-inspection usually within 30 months" (DOMAIN.md) and "monitored from 4-6 weeks" bound it loosely.
    expect(w.dueFrom - judged).toBeGreaterThan(28);
    expect(w.dueBy - judged).toBeLessThan(36 * 30.5);
  });

  it('widens as the stated coverage rises, and reads an OfstedStanding directly', () => {
    const standing = ofstedStanding({ row: 2, ofstedGrade: 'requires-improvement', inspectionDate: d('2023-06-20') });
    const [w50, w80, w95] = [0.5, 0.8, 0.95].map((coverage) => inspectionWindow(standing, undefined, { coverage })!);
    expect(w80!.dueFrom).toBeLessThanOrEqual(w50!.dueFrom);
    expect(w80!.dueBy).toBeGreaterThanOrEqual(w50!.dueBy);
    expect(w95!.dueBy - w95!.dueFrom).toBeGreaterThan(w80!.dueBy - w80!.dueFrom);
  });

  it('narrowestInterval finds the densest span of a quantile table', () => {
    // Intervals: 10% spread over days 0-100, 80% packed in 100-140, 10% over 140-400.
    const table = Array.from({ length: 201 }, (_, k) => (k <= 20 ? k * 5 : k <= 180 ? 100 + (k - 20) * 0.25 : 140 + (k - 180) * 13));
    expect(narrowestInterval(table, 0.8)).toEqual({ fromDays: 100, toDays: 140 });
    expect(narrowestInterval(table, 0.5).toDays - narrowestInterval(table, 0.5).fromDays).toBe(25);
  });
});

describe('windowStatus: months until due (by anniversaries: 16.5 is over 16), overdue, due this term (terms as termOf in dates.ts)', () => {
  const window = { dueFrom: d('2024-08-01'), dueBy: d('2025-07-31'), coverage: null, kind: 'rule' as const, basis: 'test' };
  it.each([
    { asOf: '2024-03-01', months: 16.5, overdue: false, thisTerm: false }, // spring term ends 31 Mar, window opens in August
    { asOf: '2024-06-01', months: 13.5, overdue: false, thisTerm: true }, // summer term runs to 31 Aug and overlaps 1 Aug
    { asOf: '2024-10-15', months: 9.5, overdue: false, thisTerm: true },
    { asOf: '2025-07-31', months: 0, overdue: false, thisTerm: true }, // the last day is still in time
    { asOf: '2025-09-01', months: -1.5, overdue: true, thisTerm: false }, // autumn term starts after the window closed
  ])('as of $asOf', ({ asOf, months, overdue, thisTerm }) => {
    expect(windowStatus(window, d(asOf))).toEqual({ monthsUntilDue: months, overdue, dueThisTerm: thisTerm });
  });
});

describe('the windows against real re-inspections (Ofsted histories 2012-2020, test/fixtures/ofsted-2018)', () => {
  // Calibrated on the even URNs' judgements of Sept 2012 - Aug 2017; the odd URNs are held out.
  const heldOut = (urn: string) => !isTrainingUrn(urn);
  it.each([0.5, 0.8, 0.9])('a window stated to hold %s of next graded inspections held that share, within 3 points, on the held-out half', (coverage) => {
    for (const f of measureCoverage(INSPECTION_RISK_MODEL, coverage, heldOut)) {
      expect(f.reinspected, f.standing).toBeGreaterThan(f.standing === 'inadequate' ? 350 : 2_500);
      expect(Math.abs(f.held - coverage), `${f.standing}: held ${f.held}`).toBeLessThanOrEqual(0.03);
    }
  });
});
