import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, dateFromParts, type CalendarDate } from '../../../core/dates';
import { CONCERN_FIELDS } from '../../../core/facts';
import type { LegacyGrade, SchoolRecord, UngradedOutcome } from '../../../core/fields';
import { INSPECTION_RISK_DEFAULTS, INSPECTION_RULE_SET_IDS, inspectionRisk, ofstedStanding, type InspectionRulesId } from '../../../core/ofsted';

const RUNS = process.env.PROPERTY_RUNS ? Number(process.env.PROPERTY_RUNS) : 300;
const AS_OF = dateFromParts(2026, 1, 15) as CalendarDate;
// Down the scale: each grade is worse than the one before.
const GRADES: readonly LegacyGrade[] = ['outstanding', 'good', 'requires-improvement', 'inadequate', 'serious-weaknesses', 'special-measures'];
const UNGRADED: readonly UngradedOutcome[] = ['remains', 'improving-graded-next', 'concerns-graded-next'];
const TRENDS = ['improving', 'stable', 'declining'] as const;
const monthsAgo = (m: number) => addMonths(AS_OF, -m);
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 3 });

/** A school in terms of the indicators the risk reads, every one possibly blank, under either set of rules. */
const state = fc.record({
  rules: fc.constantFrom(...INSPECTION_RULE_SET_IDS),
  horizonMonths: fc.integer({ min: 1, max: 60 }),
  grade: opt(fc.integer({ min: 0, max: GRADES.length - 1 })),
  previous: opt(fc.integer({ min: 0, max: GRADES.length - 1 })),
  monthsSince: fc.integer({ min: 0, max: 200 }),
  ungradedMonthsAgo: opt(fc.integer({ min: 0, max: 200 })),
  ungraded: opt(fc.integer({ min: 0, max: 2 })),
  safeguardingEffective: opt(fc.boolean()),
  phase: fc.constantFrom('primary', 'secondary', 'special', 'all-through'),
  status: fc.constantFrom('maintained', 'academy'),
  openMonthsAgo: opt(fc.integer({ min: 0, max: 120 })),
  ks2Cohort: opt(fc.integer({ min: 1, max: 120 })),
  ks4Cohort: opt(fc.integer({ min: 1, max: 400 })),
  ks2Progress: opt(fc.double({ min: -15, max: 15, noNaN: true })),
  ks2Rwm: opt(fc.double({ min: 0, max: 100, noNaN: true })),
  p8: opt(fc.double({ min: -4, max: 4, noNaN: true })),
  attendance: opt(fc.double({ min: 60, max: 100, noNaN: true })),
  pa: opt(fc.double({ min: 0, max: 80, noNaN: true })),
  headMonths: opt(fc.integer({ min: 0, max: 120 })),
  interim: opt(fc.boolean()),
  trend: opt(fc.integer({ min: 0, max: 2 })),
  flags: fc.array(fc.boolean(), { minLength: CONCERN_FIELDS.length, maxLength: CONCERN_FIELDS.length }),
});
type State = typeof state extends fc.Arbitrary<infer T> ? T : never;

function recordOf(s: State): SchoolRecord {
  const r: SchoolRecord = { row: 2, phase: s.phase as SchoolRecord['phase'], status: s.status as SchoolRecord['status'] };
  if (s.grade !== undefined) Object.assign(r, { ofstedGrade: GRADES[s.grade], inspectionDate: monthsAgo(s.monthsSince) });
  if (s.previous !== undefined) r.previousOfstedGrade = GRADES[s.previous];
  if (s.ungradedMonthsAgo !== undefined) r.ungradedInspectionDate = monthsAgo(s.ungradedMonthsAgo);
  if (s.ungraded !== undefined) r.ungradedOutcome = UNGRADED[s.ungraded];
  if (s.safeguardingEffective !== undefined) r.safeguardingEffective = s.safeguardingEffective;
  if (s.openMonthsAgo !== undefined) r.openDate = monthsAgo(s.openMonthsAgo);
  if (s.ks2Cohort !== undefined) r.ks2Cohort = s.ks2Cohort;
  if (s.ks4Cohort !== undefined) r.ks4Cohort = s.ks4Cohort;
  if (s.ks2Progress !== undefined) Object.assign(r, { ks2ReadingProgress: s.ks2Progress, ks2WritingProgress: s.ks2Progress, ks2MathsProgress: s.ks2Progress });
  if (s.ks2Rwm !== undefined) r.ks2RwmExpectedPct = s.ks2Rwm;
  if (s.p8 !== undefined) r.ks4Progress8 = s.p8;
  if (s.attendance !== undefined) r.attendancePct = s.attendance;
  if (s.pa !== undefined) r.persistentAbsencePct = s.pa;
  if (s.headMonths !== undefined) r.headteacherStartDate = monthsAgo(s.headMonths);
  if (s.interim !== undefined) r.headteacherInterim = s.interim;
  if (s.trend !== undefined) r.attainmentTrend = TRENDS[s.trend];
  CONCERN_FIELDS.forEach((f, i) => { if (s.flags[i]) r[f] = true; });
  return r;
}

const riskOf = (s: State) => {
  const r = recordOf(s);
  return inspectionRisk(r, ofstedStanding(r), AS_OF, { rules: s.rules as InspectionRulesId, horizonMonths: s.horizonMonths });
};

/** Making one indicator of the school's quality worse: results lower, absence higher, a newer or interim head, a flag, a decline. */
function worseIndicators(s: State): [string, State][] {
  const out: [string, State][] = [];
  if (s.trend !== undefined && s.trend < 2) out.push(['trend worse', { ...s, trend: s.trend + 1 }]);
  if (s.previous !== undefined && s.previous < GRADES.length - 1) out.push(['previous grade worse', { ...s, previous: s.previous + 1 }]);
  if (s.ks2Progress !== undefined) out.push(['KS2 progress lower', { ...s, ks2Progress: s.ks2Progress - 1.5 }]);
  if (s.ks2Rwm !== undefined) out.push(['KS2 RWM lower', { ...s, ks2Rwm: Math.max(0, s.ks2Rwm - 9) }]);
  if (s.p8 !== undefined) out.push(['P8 lower', { ...s, p8: s.p8 - 0.4 }]);
  if (s.attendance !== undefined) out.push(['attendance lower', { ...s, attendance: s.attendance - 2 }]);
  if (s.pa !== undefined) out.push(['persistent absence higher', { ...s, pa: s.pa + 5 }]);
  if (s.headMonths !== undefined && s.headMonths > 0) out.push(['newer head', { ...s, headMonths: s.headMonths - 6 }]);
  if (s.interim !== true) out.push(['interim head', { ...s, interim: true }]);
  s.flags.forEach((f, i) => { if (!f) out.push([`${CONCERN_FIELDS[i]} set`, { ...s, flags: s.flags.map((x, j) => x || j === i) }]); });
  return out;
}

/** ... and the judgements: the grade down the scale, safeguarding not effective, an ungraded outcome with concerns. */
function worseJudgements(s: State): [string, State][] {
  const out: [string, State][] = [];
  if (s.grade !== undefined && s.grade < GRADES.length - 1) out.push(['grade worse', { ...s, grade: s.grade + 1 }]);
  if (s.ungraded !== undefined && s.ungraded < 2) out.push(['ungraded outcome worse', { ...s, ungraded: s.ungraded + 1 }]);
  if (s.safeguardingEffective !== false) out.push(['safeguarding not effective', { ...s, safeguardingEffective: false }]);
  return out;
}

describe('inspectionRisk properties', () => {
  it('is the product of its two parts; the score is 100 + 10 log2 of it, an integer 0-100; the level is its band', () => {
    fc.assert(fc.property(state, (s) => {
      const risk = riskOf(s);
      expect(risk.probability).toBeCloseTo(risk.inspectedWithinHorizon * risk.belowGoodIfInspected, 12);
      for (const p of [risk.probability, risk.inspectedWithinHorizon, risk.belowGoodIfInspected]) expect(p >= 0 && p <= 1).toBe(true);
      expect(Number.isInteger(risk.score)).toBe(true);
      expect(risk.score).toBe(Math.max(0, Math.min(100, Math.round(100 + 10 * Math.log2(risk.probability)))));
      const { highFrom, mediumFrom } = INSPECTION_RISK_DEFAULTS.levels;
      expect(risk.level).toBe(risk.probability >= highFrom ? 'high' : risk.probability >= mediumFrom ? 'medium' : 'low');
    }), { numRuns: RUNS });
  });

  it('explains every point: the reasons\' points add up to the score', () => {
    fc.assert(fc.property(state, (s) => {
      const risk = riskOf(s);
      const [summary, ...lines] = risk.reasons;
      expect(summary).toMatch(new RegExp(`^Score ${risk.score}: `));
      for (const line of lines) expect(line).toMatch(/^[+-]\d+: \S/);
      expect(lines.reduce((sum, line) => sum + Number(line.slice(0, line.indexOf(':'))), 0)).toBe(risk.score);
    }), { numRuns: RUNS });
  });

  it('never lowers the probability, or the score, when an indicator of the school\'s quality gets worse', () => {
    fc.assert(fc.property(state, (s) => {
      const before = riskOf(s);
      for (const [what, worse] of worseIndicators(s)) {
        const after = riskOf(worse);
        expect(after.probability, what).toBeGreaterThanOrEqual(before.probability - 1e-15);
        expect(after.score, what).toBeGreaterThanOrEqual(before.score);
        expect(after.belowGoodIfInspected, what).toBeGreaterThanOrEqual(before.belowGoodIfInspected - 1e-15);
      }
    }), { numRuns: RUNS });
  });

  it('never lowers the chance of a below-good finding, if inspected, when a judgement gets worse (the timing may change either way)', () => {
    fc.assert(fc.property(state, (s) => {
      const before = riskOf(s).belowGoodIfInspected;
      for (const [what, worse] of worseJudgements(s)) expect(riskOf(worse).belowGoodIfInspected, what).toBeGreaterThanOrEqual(before - 1e-15);
    }), { numRuns: RUNS });
  });

  it('under today\'s rules, a good or outstanding school graded longer ago (nothing since) is never less likely to be inspected, nor at lower risk', () => {
    const good = state.map((s): State => ({ ...s, rules: 'report-cards-2025', grade: s.grade === undefined ? 1 : s.grade % 2, ungradedMonthsAgo: undefined, ungraded: undefined, safeguardingEffective: undefined }));
    fc.assert(fc.property(good, fc.integer({ min: 1, max: 30 }), (s, more) => {
      const before = riskOf(s);
      const after = riskOf({ ...s, monthsSince: s.monthsSince + more });
      expect(after.inspectedWithinHorizon).toBeGreaterThanOrEqual(before.inspectedWithinHorizon - 1e-15);
      expect(after.probability).toBeGreaterThanOrEqual(before.probability - 1e-15);
    }), { numRuns: RUNS });
  });

  it('a longer horizon never gives a lower chance of an inspection', () => {
    fc.assert(fc.property(state, fc.integer({ min: 1, max: 24 }), (s, more) => {
      expect(riskOf({ ...s, horizonMonths: s.horizonMonths + more }).inspectedWithinHorizon).toBeGreaterThanOrEqual(riskOf(s).inspectedWithinHorizon - 1e-15);
    }), { numRuns: RUNS });
  });
});
