import { describe, expect, it } from 'vitest';
import { fromIsoDate, type CalendarDate } from '../../../core/dates';
import type { SchoolRecord } from '../../../core/fields';
import { stuckReason } from '../../../core/ofsted/rise';
import { ofstedStanding } from '../../../core/ofsted/standing';

const d = (iso: string) => fromIsoDate(iso) as CalendarDate;
const stuck = (fields: Partial<SchoolRecord>) => {
  const record = { row: 2, ...fields } as SchoolRecord;
  return stuckReason(record, ofstedStanding(record));
};

// DfE, "Schools eligible for RISE intervention" (explore-education-statistics), as quoted in
// shared/REPORT-CARDS-AND-RISE.md section 3.
describe('"stuck" schools, as the DfE defines them for RISE', () => {
  it.each<[string, Partial<SchoolRecord>, string | null]>([
    ['RI now, RI before: "graded Requires Improvement ... and also graded below Good at its previous"', { ofstedGrade: 'requires-improvement', inspectionDate: d('2024-03-01'), previousOfstedGrade: 'requires-improvement' }, 'RI (or equivalent) now, RI before'],
    ['RI now, inadequate before', { ofstedGrade: 'requires-improvement', inspectionDate: d('2024-03-01'), previousOfstedGrade: 'inadequate' }, 'RI (or equivalent) now, inadequate before'],
    ['RI now, good before: not stuck, improving or declining once', { ofstedGrade: 'requires-improvement', inspectionDate: d('2024-03-01'), previousOfstedGrade: 'good' }, null],
    ['inadequate now: a category of concern, not "stuck"', { ofstedGrade: 'inadequate', inspectionDate: d('2024-03-01'), previousOfstedGrade: 'requires-improvement' }, null],
    ['2024-25, no overall grade: "a sub-judgement of Requires Improvement for ... quality of education" is the equivalent', { inspectionDate: d('2025-01-15'), kjQualityOfEducation: 'requires-improvement', kjBehaviourAttitudes: 'good', kjPersonalDevelopment: 'good', kjLeadershipManagement: 'good', previousOfstedGrade: 'requires-improvement' }, 'RI (or equivalent) now, RI before'],
    ['report card: "needs attention ... for leadership and governance" after RI', { ofstedGrade: 'requires-improvement', inspectionDate: d('2023-05-01'), reportCardDate: d('2026-02-01'), rcLeadershipGovernance: 'needs-attention', rcAchievement: 'expected' }, 'Leadership and governance needs attention, RI before'],
    ['report card: another area needs attention, leadership and governance expected: not stuck', { ofstedGrade: 'requires-improvement', inspectionDate: d('2023-05-01'), reportCardDate: d('2026-02-01'), rcLeadershipGovernance: 'expected', rcAchievement: 'needs-attention' }, null],
  ])('%s', (_what, fields, reason) => {
    expect(stuck(fields)).toBe(reason);
  });
});
