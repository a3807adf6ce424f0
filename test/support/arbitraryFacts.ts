/**
 * Generated schools for property tests, and the one definition of "worse" for every indicator the
 * frameworks read. Facts are built from a small state so derived facts stay consistent with the fields
 * (the band follows the grade, the concern count follows the flags).
 */
import fc from 'fast-check';
import { CONCERN_FIELDS, type Facts, type OfstedBand, type RiskLevel } from '../../core/facts';
import { AREA_FIELDS, type AreaGrade, type FieldKey, type LegacyGrade } from '../../core/fields';

/** Grades best first; each is at least as bad as the one before. */
const GRADES = ['outstanding', 'good', 'requires-improvement', 'inadequate', 'serious-weaknesses', 'special-measures'] as const satisfies readonly LegacyGrade[];
type Grade = (typeof GRADES)[number];

/** Indicators where a larger number is worse, and where a smaller one is. */
export const HIGHER_IS_WORSE = [
  'persistentAbsencePct', 'suspensionRate', 'permanentExclusions', 'disadvantagedGap', 'bottomQuartileMeasures',
  'yearsLowAttainment', 'yearsLowProgress', 'yearsLowAttendance', 'yearsHighExclusions', 'monthsSinceInspection',
] as const;
export const LOWER_IS_WORSE = [
  'attendancePct', 'ks2RwmExpectedPct', 'ks2ReadingProgress', 'ks2WritingProgress', 'ks2MathsProgress', 'ks4Progress8',
  'ks4Attainment8', 'ks4EnglishMathsGrade4Pct', 'ks4EnglishMathsGrade5Pct', 'monthsInPost',
] as const;
const ORDERED = {
  attainmentTrend: ['improving', 'stable', 'declining'],
  disadvantagedGapTrend: ['narrowing', 'stable', 'widening'],
  laJudgement: ['outstanding', 'strong-good', 'good', 'requires-improvement', 'inadequate'],
} as const;
const FLAGS = [...CONCERN_FIELDS, 'headteacherInterim', 'ungradedConcerns', 'inspectionDueThisTerm', 'inspectionOverdue'] as const;
const RISKS: readonly RiskLevel[] = ['low', 'medium', 'high'];
const AREAS: readonly AreaGrade[] = ['A', 'B', 'C', 'D'];

/** The state a generated school is built from. */
export interface SchoolState {
  grade: Grade | 'none';
  previousGrade: Grade | 'none';
  safeguardingEffective: boolean | undefined;
  isAcademy: boolean;
  phase: 'primary' | 'secondary' | 'special' | 'nursery' | 'all-through';
  risk: number;
  numbers: Partial<Record<(typeof HIGHER_IS_WORSE)[number] | (typeof LOWER_IS_WORSE)[number], number>>;
  ordered: Partial<Record<keyof typeof ORDERED, number>>;
  flags: Partial<Record<(typeof FLAGS)[number], boolean>>;
  areas: Partial<Record<FieldKey, number>>;
  ks2Cohort: number | undefined;
}

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const record = <K extends string, V>(keys: readonly K[], arb: fc.Arbitrary<V>) =>
  fc.record(Object.fromEntries(keys.map((k) => [k, arb])) as Record<K, fc.Arbitrary<V>>, { requiredKeys: [] });

/** Any school: blanks, extreme values and contradictions included. */
export const schoolState: fc.Arbitrary<SchoolState> = fc.record({
  grade: fc.constantFrom(...GRADES, 'none' as const),
  previousGrade: fc.constantFrom(...GRADES, 'none' as const),
  safeguardingEffective: maybe(fc.boolean()),
  isAcademy: fc.boolean(),
  phase: fc.constantFrom('primary', 'secondary', 'special', 'nursery', 'all-through'),
  risk: fc.integer({ min: 0, max: 2 }),
  numbers: fc.record({
    ...Object.fromEntries(HIGHER_IS_WORSE.map((k) => [k, fc.integer({ min: 0, max: 60 })])),
    ...Object.fromEntries(LOWER_IS_WORSE.map((k) => [k, fc.integer({ min: -10, max: 100 })])),
  }, { requiredKeys: [] }) as fc.Arbitrary<SchoolState['numbers']>,
  ordered: record(Object.keys(ORDERED) as (keyof typeof ORDERED)[], fc.integer({ min: 0, max: 2 })),
  flags: record(FLAGS, fc.boolean()),
  areas: record(AREA_FIELDS, fc.integer({ min: 0, max: 3 })),
  ks2Cohort: maybe(fc.integer({ min: 0, max: 120 })),
});

function band(grade: Grade | 'none', safeguarding: boolean | undefined): OfstedBand {
  if (grade === 'none') return 'not-inspected';
  if (safeguarding === false) return 'inadequate';
  return grade === 'outstanding' || grade === 'good' ? 'good-or-better' : grade === 'requires-improvement' ? 'requires-improvement' : 'inadequate';
}

/** The facts of a generated school. */
export function factsOf(s: SchoolState): Facts {
  const facts: Record<string, unknown> = {
    row: 2,
    phase: s.phase,
    status: s.isAcademy ? 'academy' : 'maintained',
    isAcademy: s.isAcademy,
    ofstedBand: band(s.grade, s.safeguardingEffective),
    ofstedSource: s.grade === 'none' ? 'none' : 'legacy-grade',
    previousOfstedBand: band(s.previousGrade, undefined),
    inCategoryOfConcern: s.grade === 'serious-weaknesses' || s.grade === 'special-measures',
    inspectionRisk: RISKS[s.risk],
    inspectionRiskScore: s.risk * 40,
    safeguardingEffective: s.safeguardingEffective,
    ks2Cohort: s.ks2Cohort,
    ...s.numbers,
    ...s.flags,
  };
  if (s.grade !== 'none') {
    facts.ofstedGrade = s.grade;
    facts.ofstedEquivalentGrade = s.grade === 'serious-weaknesses' || s.grade === 'special-measures' ? 'inadequate' : s.grade;
  }
  if (s.previousGrade !== 'none') facts.previousOfstedGrade = s.previousGrade;
  for (const [k, i] of Object.entries(s.ordered)) facts[k] = ORDERED[k as keyof typeof ORDERED][i as number];
  for (const [k, i] of Object.entries(s.areas)) facts[k] = AREAS[i as number];
  facts.concernCount = CONCERN_FIELDS.filter((k) => s.flags[k] === true).length;
  return facts as unknown as Facts;
}

/** Every way of making exactly one indicator worse than it is in `s` (empty where it is already the worst). */
export function worsenings(s: SchoolState): { what: string; state: SchoolState }[] {
  const out: { what: string; state: SchoolState }[] = [];
  const gi = GRADES.indexOf(s.grade as Grade);
  if (gi >= 0 && gi < GRADES.length - 1) out.push({ what: `grade ${s.grade} → ${GRADES[gi + 1]}`, state: { ...s, grade: GRADES[gi + 1]! } });
  if (s.safeguardingEffective !== false) out.push({ what: 'safeguarding not effective', state: { ...s, safeguardingEffective: false } });
  if (s.risk < 2) out.push({ what: 'inspection risk up', state: { ...s, risk: s.risk + 1 } });
  for (const k of HIGHER_IS_WORSE) out.push({ what: `${k} up`, state: { ...s, numbers: { ...s.numbers, [k]: (s.numbers[k] ?? 0) + 7 } } });
  for (const k of LOWER_IS_WORSE) out.push({ what: `${k} down`, state: { ...s, numbers: { ...s.numbers, [k]: (s.numbers[k] ?? 50) - 7 } } });
  for (const k of Object.keys(ORDERED) as (keyof typeof ORDERED)[]) {
    const i = s.ordered[k];
    if (i === undefined || i < ORDERED[k].length - 1) out.push({ what: `${k} worse`, state: { ...s, ordered: { ...s.ordered, [k]: i === undefined ? ORDERED[k].length - 1 : i + 1 } } });
  }
  for (const k of FLAGS) if (s.flags[k] !== true) out.push({ what: `${k} set`, state: { ...s, flags: { ...s.flags, [k]: true } } });
  for (const k of AREA_FIELDS) {
    const i = s.areas[k];
    if (i === undefined || i < 3) out.push({ what: `${k} worse`, state: { ...s, areas: { ...s.areas, [k]: i === undefined ? 3 : i + 1 } } });
  }
  return out;
}
