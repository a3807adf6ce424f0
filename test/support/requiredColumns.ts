/**
 * Tests that are about something else (a formula in a name, a result block's place) use small
 * registers; every framework refuses a register without the columns it needs (core/columns.ts). This
 * adds those columns, each with a value that raises no concern, so a test's own columns decide.
 */
import { columnNeeds } from '../../core/columns';
import type { FieldKey } from '../../core/fields';
import { FIELDS } from '../../core/fields';
import { allFrameworks } from '../../core/frameworks';
import { mapHeaders } from '../../core/headers';

/** A value that raises no concern, for each column some framework requires. */
const NO_CONCERN: Partial<Record<FieldKey, string | number>> = {
  phase: 'Primary', ofstedGrade: 'Good', inspectionDate: '01/03/2023', previousOfstedGrade: 'Good', safeguardingEffective: 'Yes',
  attainmentConcern: 'No', attendanceConcern: 'No', leadershipConcern: 'No', governanceConcern: 'No', safeguardingConcern: 'No', hrConcern: 'No', fallingRoll: 'No',
  yearsLowAttainment: 0, yearsLowProgress: 0, yearsLowAttendance: 0, laJudgement: 'Good', attainmentTrend: 'stable',
  ks2Cohort: 30, ks2RwmExpectedPct: 70, ks2ReadingProgress: 0, ks4Progress8: 0, ks4EnglishMathsGrade4Pct: 70, bottomQuartileMeasures: 0,
  disadvantagedGap: 0, disadvantagedGapTrend: 'stable', headteacherStartDate: '01/09/2015', headteacherInterim: 'No', areaLeadership: 'A',
};

/** The columns every framework requires that `header` lacks: the first column of each need, by its label. */
export function missingRequiredColumns(header: readonly unknown[]): FieldKey[] {
  const mapping = mapHeaders(header);
  const out: FieldKey[] = [];
  for (const fw of allFrameworks()) {
    for (const need of columnNeeds(fw)) {
      if (!need.required || need.fields.some((f) => mapping.byField[f] !== undefined || out.includes(f))) continue;
      out.push(need.fields[0]!);
    }
  }
  return out;
}

/** The header and rows with every column a framework requires added on the right, with no concern in them. */
export function withRequiredColumns<T>(header: readonly T[], rows: readonly (readonly T[])[]): { header: (T | string)[]; rows: (T | string | number)[][] } {
  const added = missingRequiredColumns(header);
  const value = (f: FieldKey) => {
    const v = NO_CONCERN[f];
    if (v === undefined) throw new Error(`no value without concern for the required column ${f}: add one to NO_CONCERN`);
    return v;
  };
  const blank = (r: readonly T[]) => r.every((c) => c === '' || c === null || c === undefined);
  return { header: [...header, ...added.map((f) => FIELDS[f].label)], rows: rows.map((r) => [...r, ...added.map((f) => (blank(r) ? '' : value(f)))]) };
}
