import { describe, expect, it } from 'vitest';
import { fromIsoDate, type CalendarDate } from '../../../core/dates';
import type { SchoolRecord } from '../../../core/fields';
import { bandOfLegacyGrade, ofstedStanding } from '../../../core/ofsted/standing';

const d = (iso: string) => fromIsoDate(iso) as CalendarDate;
const school = (fields: Omit<SchoolRecord, 'row'>): SchoolRecord => ({ row: 2, ...fields });

describe('legacy overall grades map onto the policies\' bands (DOMAIN.md, "Ofsted outcomes over time")', () => {
  it.each([
    // 1-4 scale, 2012-2024.
    { grade: 'outstanding', band: 'good-or-better', equivalent: 'outstanding', category: false },
    { grade: 'good', band: 'good-or-better', equivalent: 'good', category: false },
    { grade: 'requires-improvement', band: 'requires-improvement', equivalent: 'requires-improvement', category: false },
    // "Inadequate split into serious weaknesses and special measures": every inadequate school is in a category.
    { grade: 'inadequate', band: 'inadequate', equivalent: 'inadequate', category: true },
    { grade: 'serious-weaknesses', band: 'inadequate', equivalent: 'inadequate', category: true },
    { grade: 'special-measures', band: 'inadequate', equivalent: 'inadequate', category: true },
    // To Aug 2012: Satisfactory was grade 3; requires improvement replaced it, so it is kept apart but banded with RI.
    { grade: 'satisfactory', band: 'requires-improvement', equivalent: 'satisfactory', category: false },
  ] as const)('$grade → $band', ({ grade, band, equivalent, category }) => {
    const s = ofstedStanding(school({ ofstedGrade: grade, inspectionDate: d('2019-03-01') }));
    expect(s).toMatchObject({ band, equivalentGrade: equivalent, inCategoryOfConcern: category, source: 'legacy-grade', lastInspectionDate: d('2019-03-01') });
  });

  it('reads "not judged" as no judgement', () => {
    expect(bandOfLegacyGrade('not-judged')).toBe('not-inspected');
    expect(ofstedStanding(school({ ofstedGrade: 'not-judged' }))).toMatchObject({ band: 'not-inspected', source: 'none', inCategoryOfConcern: false });
  });

  it('takes the previous band from the previous grade', () => {
    expect(ofstedStanding(school({ ofstedGrade: 'good', inspectionDate: d('2019-03-01'), previousOfstedGrade: 'requires-improvement' })).previousBand).toBe('requires-improvement');
    expect(ofstedStanding(school({ ofstedGrade: 'good' })).previousBand).toBe('not-inspected');
  });
});

describe('a category of concern or ineffective safeguarding is inadequate', () => {
  it.each([
    { why: 'category of concern in force (SW)', fields: { ofstedGrade: 'good', categoryOfConcern: 'serious-weaknesses' } },
    { why: 'category of concern in force (SM), no grade given', fields: { categoryOfConcern: 'special-measures' } },
    { why: 'requires significant improvement (report-card category)', fields: { ofstedGrade: 'requires-improvement', categoryOfConcern: 'requires-significant-improvement' } },
    // Handbook 2024, paras 190-191: safeguarding ineffective → category of concern.
    { why: 'safeguarding not effective at a graded inspection', fields: { ofstedGrade: 'good', safeguardingEffective: false } },
  ] as const)('$why', ({ fields }) => {
    expect(ofstedStanding(school({ inspectionDate: d('2023-05-01'), ...fields }))).toMatchObject({ band: 'inadequate', equivalentGrade: 'inadequate', inCategoryOfConcern: true });
  });

  it('keeps an inadequate grade out of a category when the record says "none" (a later removal)', () => {
    expect(ofstedStanding(school({ ofstedGrade: 'inadequate', categoryOfConcern: 'none' })).inCategoryOfConcern).toBe(false);
  });
});

describe('2024-25 inspections: key judgements when there is no overall grade (handbook 2024, paras 190-191)', () => {
  it.each([
    { kj: { kjQualityOfEducation: 'good', kjBehaviourAttitudes: 'outstanding', kjPersonalDevelopment: 'good', kjLeadershipManagement: 'good' }, band: 'good-or-better', equivalent: 'good', category: false },
    { kj: { kjQualityOfEducation: 'outstanding', kjBehaviourAttitudes: 'outstanding', kjPersonalDevelopment: 'outstanding', kjLeadershipManagement: 'outstanding' }, band: 'good-or-better', equivalent: 'outstanding', category: false },
    { kj: { kjQualityOfEducation: 'requires-improvement', kjBehaviourAttitudes: 'good', kjPersonalDevelopment: 'good', kjLeadershipManagement: 'good' }, band: 'requires-improvement', equivalent: 'requires-improvement', category: false },
    // "A category of concern follows any key judgement Inadequate".
    { kj: { kjQualityOfEducation: 'good', kjBehaviourAttitudes: 'inadequate', kjPersonalDevelopment: 'good', kjLeadershipManagement: 'good' }, band: 'inadequate', equivalent: 'inadequate', category: true },
  ] as const)('worst key judgement decides: $band', ({ kj, band, equivalent, category }) => {
    const s = ofstedStanding(school({ inspectionDate: d('2025-01-20'), ...kj }));
    expect(s).toMatchObject({ band, equivalentGrade: equivalent, inCategoryOfConcern: category, source: 'key-judgements' });
  });

  it('reads the key judgements when the overall grade is "not judged"', () => {
    expect(ofstedStanding(school({ ofstedGrade: 'not-judged', inspectionDate: d('2025-01-20'), kjLeadershipManagement: 'requires-improvement' })).source).toBe('key-judgements');
  });

  it('prefers an overall grade when both are given', () => {
    expect(ofstedStanding(school({ ofstedGrade: 'good', kjQualityOfEducation: 'requires-improvement' }))).toMatchObject({ band: 'good-or-better', source: 'legacy-grade' });
  });
});

describe('report cards (from 10 Nov 2025) win when later than the graded inspection', () => {
  const card = { rcInclusion: 'expected', rcCurriculumTeaching: 'expected', rcAchievement: 'strong', rcAttendanceBehaviour: 'expected', rcPersonalDevelopment: 'expected', rcLeadershipGovernance: 'expected' } as const;

  it('reads a later report card and keeps the graded inspection as the previous standing', () => {
    const s = ofstedStanding(school({ ofstedGrade: 'requires-improvement', inspectionDate: d('2022-06-01'), reportCardDate: d('2026-02-03'), ...card }));
    expect(s).toMatchObject({ band: 'good-or-better', source: 'report-card', previousBand: 'requires-improvement', lastInspectionDate: d('2026-02-03') });
  });

  it('ignores a report card dated before the graded inspection', () => {
    const s = ofstedStanding(school({ ofstedGrade: 'good', inspectionDate: d('2026-03-01'), reportCardDate: d('2025-12-01'), ...card, rcAchievement: 'urgent-improvement' }));
    expect(s).toMatchObject({ band: 'good-or-better', source: 'legacy-grade' });
  });

  it('reads safeguarding "not met" on a report card as inadequate', () => {
    const s = ofstedStanding(school({ reportCardDate: d('2026-01-10'), ...card, safeguardingEffective: false }));
    expect(s).toMatchObject({ band: 'inadequate', inCategoryOfConcern: true, source: 'report-card' });
  });

  it('passes partial mapping parameters through (two "needs attention" areas needed for RI)', () => {
    const r = school({ reportCardDate: d('2026-01-10'), ...card, rcAchievement: 'needs-attention' });
    expect(ofstedStanding(r).band).toBe('requires-improvement');
    expect(ofstedStanding(r, { needsAttentionAreasForRi: 2 }).band).toBe('good-or-better');
  });
});

describe('ungraded inspections (DOMAIN.md: "say whether the school remains at its grade or that the next inspection will be graded")', () => {
  it.each([
    { outcome: 'remains', concerns: false, gradedNext: false },
    { outcome: 'improving-graded-next', concerns: false, gradedNext: true },
    // "School remains Good (Concerns) - S5 Next": Oxfordshire's trigger.
    { outcome: 'concerns-graded-next', concerns: true, gradedNext: true },
  ] as const)('$outcome keeps the band and moves the last inspection date', ({ outcome, concerns, gradedNext }) => {
    const s = ofstedStanding(school({ ofstedGrade: 'good', inspectionDate: d('2017-11-01'), ungradedInspectionDate: d('2022-03-01'), ungradedOutcome: outcome }));
    expect(s).toMatchObject({ band: 'good-or-better', source: 'legacy-grade', ungradedConcerns: concerns, gradedNext, lastInspectionDate: d('2022-03-01'), lastJudgedDate: d('2017-11-01') });
  });

  it('ignores an ungraded inspection older than the graded one', () => {
    const s = ofstedStanding(school({ ofstedGrade: 'good', inspectionDate: d('2023-11-01'), ungradedInspectionDate: d('2019-03-01'), ungradedOutcome: 'concerns-graded-next' }));
    expect(s.ungradedConcerns).toBeUndefined();
    expect(s.lastInspectionDate).toBe(d('2023-11-01'));
  });
});
