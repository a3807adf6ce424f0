import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, dateFromParts, type CalendarDate } from '../../../core/dates';
import { CONCERN_FIELDS } from '../../../core/facts';
import type { LegacyGrade, SchoolRecord, UngradedOutcome } from '../../../core/fields';
import { inspectionRisk, INSPECTION_RISK_DEFAULTS } from '../../../core/ofsted/inspectionRisk';
import { ofstedStanding } from '../../../core/ofsted/standing';

const RUNS = process.env.PROPERTY_RUNS ? Number(process.env.PROPERTY_RUNS) : 400;
const AS_OF = dateFromParts(2026, 1, 15) as CalendarDate;
const GRADES: readonly LegacyGrade[] = ['outstanding', 'good', 'requires-improvement', 'inadequate', 'serious-weaknesses', 'special-measures'];
const UNGRADED: readonly UngradedOutcome[] = ['remains', 'improving-graded-next', 'concerns-graded-next'];
const TRENDS = ['improving', 'stable', 'declining'] as const;
const months = (m: number) => addMonths(AS_OF, -m);
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 3 });

/** A school in terms of the indicators the risk score reads; every one may be blank. */
const state = fc.record({
  grade: opt(fc.integer({ min: 0, max: GRADES.length - 1 })),
  previous: opt(fc.integer({ min: 0, max: GRADES.length - 1 })),
  monthsSince: fc.integer({ min: 0, max: 200 }),
  ungradedMonthsAgo: opt(fc.integer({ min: 0, max: 200 })),
  ungraded: opt(fc.integer({ min: 0, max: 2 })),
  safeguardingEffective: opt(fc.boolean()),
  phase: fc.constantFrom('primary', 'secondary', 'special'),
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
  const r: SchoolRecord = { row: 2, phase: s.phase as SchoolRecord['phase'] };
  if (s.grade !== undefined) Object.assign(r, { ofstedGrade: GRADES[s.grade], inspectionDate: months(s.monthsSince) });
  if (s.previous !== undefined) r.previousOfstedGrade = GRADES[s.previous];
  if (s.ungradedMonthsAgo !== undefined) r.ungradedInspectionDate = months(s.ungradedMonthsAgo);
  if (s.ungraded !== undefined) r.ungradedOutcome = UNGRADED[s.ungraded];
  if (s.safeguardingEffective !== undefined) r.safeguardingEffective = s.safeguardingEffective;
  if (s.ks2Cohort !== undefined) r.ks2Cohort = s.ks2Cohort;
  if (s.ks4Cohort !== undefined) r.ks4Cohort = s.ks4Cohort;
  if (s.ks2Progress !== undefined) Object.assign(r, { ks2ReadingProgress: s.ks2Progress, ks2WritingProgress: s.ks2Progress, ks2MathsProgress: s.ks2Progress });
  if (s.ks2Rwm !== undefined) r.ks2RwmExpectedPct = s.ks2Rwm;
  if (s.p8 !== undefined) r.ks4Progress8 = s.p8;
  if (s.attendance !== undefined) r.attendancePct = s.attendance;
  if (s.pa !== undefined) r.persistentAbsencePct = s.pa;
  if (s.headMonths !== undefined) r.headteacherStartDate = months(s.headMonths);
  if (s.interim !== undefined) r.headteacherInterim = s.interim;
  if (s.trend !== undefined) r.attainmentTrend = TRENDS[s.trend];
  CONCERN_FIELDS.forEach((f, i) => { if (s.flags[i]) r[f] = true; });
  return r;
}

const scoreOf = (s: State) => { const r = recordOf(s); return inspectionRisk(r, ofstedStanding(r), AS_OF).score; };

/** Every way of making exactly one indicator worse (grades down the scale, results lower, absence higher, head newer...). */
function worsenings(s: State): [string, State][] {
  const out: [string, State][] = [];
  const down = (k: 'grade' | 'previous' | 'ungraded' | 'trend', max: number) => {
    const v = s[k];
    if (v !== undefined && v < max) out.push([`${k} worse`, { ...s, [k]: v + 1 }]);
  };
  down('grade', GRADES.length - 1);
  down('previous', GRADES.length - 1);
  down('ungraded', 2);
  down('trend', 2);
  out.push(['longer since inspection', { ...s, monthsSince: s.monthsSince + 13 }]);
  if (s.safeguardingEffective !== false) out.push(['safeguarding not effective', { ...s, safeguardingEffective: false }]);
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

describe('inspectionRisk properties', () => {
  it('always gives an integer score from 0 to 100 and a level that matches the thresholds', () => {
    fc.assert(fc.property(state, (s) => {
      const r = recordOf(s);
      const risk = inspectionRisk(r, ofstedStanding(r), AS_OF);
      expect(Number.isInteger(risk.score)).toBe(true);
      expect(risk.score).toBeGreaterThanOrEqual(0);
      expect(risk.score).toBeLessThanOrEqual(100);
      const { highFrom, mediumFrom } = INSPECTION_RISK_DEFAULTS.levels;
      expect(risk.level).toBe(risk.score >= highFrom ? 'high' : risk.score >= mediumFrom ? 'medium' : 'low');
    }), { numRuns: RUNS });
  });

  it('never lowers the score when one indicator gets worse', () => {
    fc.assert(fc.property(state, (s) => {
      const before = scoreOf(s);
      for (const [what, worse] of worsenings(s)) expect(scoreOf(worse), what).toBeGreaterThanOrEqual(before);
    }), { numRuns: RUNS });
  });
});
