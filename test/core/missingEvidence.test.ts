import { describe, expect, it } from 'vitest';
import { fromIsoDate, type CalendarDate } from '../../core/dates';
import { FIELDS, type FieldKey, type SchoolRecord } from '../../core/fields';
import { allFrameworks, frameworkById } from '../../core/frameworks';
import { deriveFacts } from '../../core/deriveFacts';
import { registerReader } from '../../core/record';
import { BENCH_AS_OF, englandRegister } from '../../bench/englandRegister';
import { BLANK_READINGS, blankIsMissing, inFieldOrder, unknownsReader } from '../../core/missingEvidence';
import { categoriseRegister, provisionalText, type RowOutcome } from '../../core/register';
import { withRequiredColumns } from '../support/requiredColumns';

const AS_OF = fromIsoDate('2026-11-01') as CalendarDate;
const record = (fields: Partial<SchoolRecord>): SchoolRecord => ({ row: 2, ...fields }) as SchoolRecord;

describe('inFieldOrder', () => {
  it('lists each field once, in the catalogue\'s order, whatever order they come in', () => {
    const catalogue = Object.keys(FIELDS) as FieldKey[];
    expect(inFieldOrder(['rcLeadershipGovernance', 'urn', 'attendancePct', 'urn', 'phase', 'rcLeadershipGovernance'])).toEqual(catalogue.filter((f) => ['urn', 'phase', 'attendancePct', 'rcLeadershipGovernance'].includes(f)));
    expect(inFieldOrder([...catalogue].reverse())).toEqual(catalogue);
    expect(inFieldOrder(new Set<FieldKey>())).toEqual([]);
  });
});

describe('which blank cells are missing evidence', () => {
  it.each<[string, FieldKey, Partial<SchoolRecord>, boolean]>([
    ['a concern flag, always', 'attendanceConcern', {}, true],
    ['the category of concern: blank is none', 'categoryOfConcern', {}, false],
    ['the ungraded outcome, with no ungraded inspection', 'ungradedOutcome', {}, false],
    ['the ungraded outcome of a dated ungraded inspection', 'ungradedOutcome', { ungradedInspectionDate: AS_OF }, true],
    ['Progress 8 of a primary school', 'ks4Progress8', { phase: 'primary' }, false],
    ['Progress 8 of a secondary school', 'ks4Progress8', { phase: 'secondary' }, true],
    ['Progress 8 of a school of no recorded phase', 'ks4Progress8', {}, true],
    ['KS2 results of a middle school', 'ks2RwmExpectedPct', { phase: 'middle' }, true],
    ['the overall grade of a school judged by a report card', 'ofstedGrade', { reportCardDate: AS_OF }, false],
    ['the overall grade of a school judged by nothing at all', 'ofstedGrade', {}, true],
    ['a report-card area of a dated report card', 'rcLeadershipGovernance', { reportCardDate: AS_OF }, true],
    ['a report-card area, no report card', 'rcLeadershipGovernance', {}, false],
    ['one key judgement of four, the others given', 'kjLeadershipManagement', { kjQualityOfEducation: 'good' }, true],
    ['safeguarding under a graded judgement, which implies it', 'safeguardingEffective', { ofstedGrade: 'good' }, false],
    ['safeguarding under a report card, which judges it apart', 'safeguardingEffective', { ofstedGrade: 'good', reportCardDate: AS_OF }, true],
    ['an interim head: blank is not interim', 'headteacherInterim', {}, false],
  ])('%s', (_what, field, fields, missing) => {
    expect(blankIsMissing(field, record(fields))).toBe(missing);
  });

  it('every reading says what its blank means', () => {
    for (const [field, reading] of Object.entries(BLANK_READINGS)) expect(reading!.means.length, field).toBeGreaterThan(8);
  });
});

/** One school of the test's own columns (the others the frameworks need, with no concern), under a framework. */
function school(framework: string, own: Record<string, unknown>): RowOutcome {
  const { header, rows } = withRequiredColumns<unknown>(['URN', ...Object.keys(own)], [[100001, ...Object.values(own)]]);
  const outcome = categoriseRegister(frameworkById(framework)!, header, rows, { asOf: AS_OF, headerRowNumber: 1 });
  expect(outcome.fatal).toBe(false);
  return outcome.rows[0]!;
}

describe('a provisional result: the worst case its blank cells could give', () => {
  it('a blank attendance concern: Universal, but could be Targeted', () => {
    const r = school('oxfordshire', { 'Ofsted grade': 'Good', 'Inspection date': '01/09/2025', 'Attendance concern': '' });
    expect(r.result!.category).toBe('universal');
    expect(r.provisional).toEqual({ worstCase: 'targeted', label: 'Targeted', missing: ['Attendance concern'] });
    expect(provisionalText(r.provisional!)).toBe('Could be Targeted: Attendance concern blank');
  });

  it('names the columns as the analyst headed them, and every blank that could lift the school', () => {
    const r = school('oxfordshire', { 'Ofsted grade': 'Good', 'Inspection date': '01/09/2025', 'SAFEGUARDING CONCERN': '', 'Years low attainment': '' });
    expect(r.provisional).toMatchObject({ worstCase: 'bespoke', missing: ['SAFEGUARDING CONCERN', 'Years low attainment'] });
  });

  it('a blank that says something is not missing: no category of concern, no ungraded inspection, no KS4 results at a primary school', () => {
    const r = school('oldham', { 'Ofsted grade': 'Good', 'Inspection date': '01/09/2025', 'Phase': 'Primary', 'Category of concern': '', 'Ungraded inspection date': '', 'Ungraded outcome': '', 'Progress 8': '' });
    expect(r.result!.category).toBe('green');
    expect(r.provisional).toBeNull();
  });

  it('the same blank Progress 8 at a secondary school is missing evidence', () => {
    const r = school('oldham', { 'Ofsted grade': 'Good', 'Inspection date': '01/09/2025', 'Phase': 'Secondary', 'Progress 8': '' });
    expect(r.provisional).toMatchObject({ worstCase: 'red', missing: ['Progress 8'] });
  });

  it('a blank attendance can lift the next-inspection risk level only as far as its points go', () => {
    // Good, inspected two years ago, weak KS2 results: just under Oxfordshire's trigger (the risk level High) with good attendance.
    expect(frameworkById('oxfordshire')!.definition.parameters.riskLevelTrigger!.default).toBe('high');
    const near = { 'Ofsted grade': 'Good', 'Inspection date': '01/09/2024', 'Phase': 'Primary', 'Persistent absence %': 10, 'KS2 RWM expected %': 50, 'KS2 cohort': 30, 'KS2 reading progress': -2 };
    const filled = school('oxfordshire', { ...near, 'Attendance %': 97 });
    const poorest = school('oxfordshire', { ...near, 'Attendance %': 0 });
    expect(filled.inspection!.risk).not.toBe('high');
    expect(poorest.inspection!.risk).toBe('high');
    expect(filled.result!.category).toBe('universal');
    expect(filled.provisional).toBeNull();
    // Blank, attendance could add its points: past the trigger.
    expect(school('oxfordshire', { ...near, 'Attendance %': '' }).provisional).toMatchObject({ worstCase: 'targeted', missing: ['Attendance %'] });
    // Inspected a year later, even the poorest attendance stays under the trigger: a blank one cannot make it Targeted.
    const later = { ...near, 'Inspection date': '01/09/2025' };
    expect(school('oxfordshire', { ...later, 'Attendance %': 0 }).inspection!.risk).not.toBe('high');
    expect(school('oxfordshire', { ...later, 'Attendance %': '' }).provisional).toBeNull();
  });

  describe('a blank Status reads as maintained, the same rule in every framework (docs/authoring-a-framework.md)', () => {
    const newHead = { 'Ofsted grade': 'Good', 'Inspection date': '01/09/2025', 'Headteacher start date': '01/10/2026' };
    it.each([
      ['oxfordshire', newHead, 'universal', null, ['new-headteacher-visit']],
      ['oxfordshire', { 'Ofsted grade': 'Inadequate', 'Category of concern': 'Special measures', 'Inspection date': '01/09/2025' }, 'inadequate', 'academy-order', ['maintained-one-day-visit']],
      ['wokingham', newHead, 'green', null, ['new-headteacher-review']],
    ] as const)('%s: %j', (framework, own, category, variant, additional) => {
      const blank = school(framework, { ...own, Status: '' });
      const maintained = school(framework, { ...own, Status: 'Community school' });
      for (const r of [blank, maintained]) {
        expect(r.result!.category).toBe(category);
        expect(r.result!.variant?.id ?? null).toBe(variant);
        expect(r.result!.support.offerFor).toBe('maintained');
        expect(r.result!.additional.map((a) => a.id)).toEqual(additional);
      }
      // No category rule reads the status, so a blank one cannot make the school more concerning: not provisional.
      expect(blank.provisional).toBeNull();
    });
  });

  it('an analyst\'s override stands: not provisional', () => {
    const r = school('oxfordshire', { 'Ofsted grade': 'Good', 'Inspection date': '01/09/2025', 'Attendance concern': '', 'Category override': 'Targeted', 'Override reason': 'SIG agreed' });
    expect(r.result!.category).toBe('targeted');
    expect(r.provisional).toBeNull();
  });

  describe('best fit (Southwark): the median of the evidence', () => {
    // Leadership and governance judged A, and good with no current concern: three pieces of evidence for A.
    const judged = { 'Ofsted grade': 'Good', 'Inspection date': '01/09/2025', 'Leadership area': 'A', 'Governance area': 'A' };

    it('one blank area cannot move the median of three: not provisional (an area has one grade, not all four)', () => {
      const r = school('southwark', { ...judged, 'Outcomes area': '' });
      expect(r.result!.category).toBe('A');
      expect(r.provisional).toBeNull();
    });

    it('three blank areas could outweigh them', () => {
      const r = school('southwark', { ...judged, 'Outcomes area': '', 'Staffing area': '', 'Behaviour area': '' });
      expect(r.provisional).toMatchObject({ worstCase: 'D', missing: ['Outcomes area', 'Staffing area', 'Behaviour area'] });
    });

    it('one blank critical area could set the floor by itself', () => {
      const r = school('southwark', { ...judged, 'Curriculum area': '' });
      expect(r.provisional).toMatchObject({ worstCase: 'D', missing: ['Curriculum area'] });
    });
  });
});

describe('a formula without its calculated value in a register', () => {
  it('stops its row where the framework reads the column, and is a warning where it does not', () => {
    const used = school('oldham', { 'Ofsted grade': { formula: 'VLOOKUP(A2,Ofsted!A:C,3,FALSE)' }, 'Inspection date': '01/09/2025' });
    expect(used.result).toBeNull();
    expect(used.problems).toEqual([expect.objectContaining({ kind: 'formula-not-calculated', severity: 'error', column: 'Ofsted grade' })]);
    const unused = school('oldham', { 'Ofsted grade': 'Good', 'Inspection date': '01/09/2025', 'Attainment 8': { formula: 'SUM(C2:K2)' } });
    expect(unused.result).not.toBeNull();
    expect(unused.problems).toEqual([expect.objectContaining({ kind: 'formula-not-calculated', severity: 'warning', column: 'Attainment 8' })]);
  });
});

describe('the range of the inspection risk a school\'s blank inputs leave open', () => {
  it('is scored as the school\'s own risk is (the analyst\'s horizon, window coverage and rules), so it holds the school\'s score with the blank filled', async () => {
    const { englandRegister, BENCH_AS_OF } = await import('../../bench/englandRegister');
    const { deriveFacts, nationalParameters } = await import('../../core/deriveFacts');
    const { mapHeaders } = await import('../../core/headers');
    const { readRegister } = await import('../../core/record');
    const { unknownsReader } = await import('../../core/missingEvidence');
    const { header, rows } = englandRegister(3000);
    const read = readRegister(header, rows, { asOf: BENCH_AS_OF, headerRowNumber: 1 });
    const mapping = mapHeaders(header, { headerRowNumber: 1 });
    for (const options of [{ windowCoverage: 0.6 }, { windowCoverage: 0.95, horizonMonths: 6 }, { rules: 'practice-2012-2019' as const }]) {
      const national = nationalParameters(options);
      const unknowns = unknownsReader(['inspectionRiskScore'], mapping, BENCH_AS_OF, national);
      let open = 0;
      for (const record of read.records) {
        if (!record || record.attendancePct === undefined) continue;
        // The school as it is, and with its attendance blank: the range the blank leaves must hold its score.
        const known = deriveFacts(record, BENCH_AS_OF, national).facts.inspectionRiskScore;
        const blanked = { ...record, attendancePct: undefined };
        const range = unknowns(blanked, deriveFacts(blanked, BENCH_AS_OF, national).facts)?.get('inspectionRiskScore')?.range;
        if (!range) continue;
        open++;
        expect(known, `${JSON.stringify(options)} row ${record.row}`).toBeGreaterThanOrEqual(range[0] as number);
        expect(known, `${JSON.stringify(options)} row ${record.row}`).toBeLessThanOrEqual(range[1] as number);
      }
      expect(open, JSON.stringify(options)).toBeGreaterThan(30);
    }
  });
});

describe('rows with the same blank cells', () => {
  it('each get their own ranges, though the pattern of blanks is worked out once', async () => {
    const { mapHeaders } = await import('../../core/headers');
    const { unknownsReader } = await import('../../core/missingEvidence');
    const { FIELDS } = await import('../../core/fields');
    const flags = ['attendanceConcern', 'exclusionsConcern', 'financeConcern'] as const;
    const mapping = mapHeaders(['URN', ...flags.map((f) => FIELDS[f].label)], { headerRowNumber: 1 });
    const unknowns = unknownsReader(['concernCount', 'attendanceConcern'], mapping, AS_OF);
    const row = (set: Partial<SchoolRecord>, count: number) => unknowns(record(set), { row: 2, concernCount: count } as never);
    // The same blank (finance), two other flags set, then none: the count's range starts from each row's own count.
    const two = row({ attendanceConcern: true, exclusionsConcern: true }, 2);
    const none = row({ attendanceConcern: false, exclusionsConcern: false }, 0);
    expect(two?.get('concernCount')).toEqual({ fields: ['financeConcern'], range: [2, 3] });
    expect(none?.get('concernCount')).toEqual({ fields: ['financeConcern'], range: [0, 1] });
    expect(two?.has('attendanceConcern')).toBe(false);
    // Another pattern, then the first again.
    expect(row({ exclusionsConcern: true, financeConcern: true }, 2)?.get('attendanceConcern')).toEqual({ fields: ['attendanceConcern'] });
    expect(row({ attendanceConcern: true, exclusionsConcern: false }, 1)?.get('concernCount')).toEqual({ fields: ['financeConcern'], range: [1, 2] });
    expect(row({ attendanceConcern: true, exclusionsConcern: true, financeConcern: false }, 2)).toBeNull();
  });
});

describe('two runs at once (the pane\'s stepped run, and a function recalculated between its steps)', () => {
  it('each gives every row as it does alone: what a run keeps of its patterns and parameters is not the other\'s', async () => {
    const { categoriseRegisterSteps } = await import('../../core/register');
    const { header, rows } = englandRegister(1600);
    const later = fromIsoDate('2027-03-01')!;
    const provisional = (o: { rows: readonly RowOutcome[] }) => o.rows.filter((r) => r.provisional !== null).length;
    const shown = (o: { rows: readonly RowOutcome[] }) => o.rows.map((r) => `${r.row} ${r.result?.label} ${r.provisional?.worstCase ?? '-'} ${r.provisional?.missing.join('|') ?? ''} ${r.inspection?.riskScore}`);
    for (const fw of [frameworkById('southwark')!, frameworkById('herefordshire')!]) {
      const alone = (asOf: CalendarDate, reasons: boolean) => shown(categoriseRegister(fw, header, rows, { asOf, headerRowNumber: 1, reasons }));
      // Provisional rows, whose worst cases the patterns keep (1,176 for Southwark, 25 for Herefordshire).
      expect(provisional(categoriseRegister(fw, header, rows, { asOf: BENCH_AS_OF, headerRowNumber: 1 }))).toBeGreaterThan(20);
      const expected = [alone(BENCH_AS_OF, true), alone(later, false)];
      // The first run's steps, with the whole second run (another as-of date, no reasons) between each two.
      const first = categoriseRegisterSteps(fw, header, rows, { asOf: BENCH_AS_OF, headerRowNumber: 1 });
      const between: string[][] = [];
      let step = first.next();
      while (!step.done) {
        between.push(shown(categoriseRegister(fw, header, rows, { asOf: later, headerRowNumber: 1, reasons: false })));
        step = first.next();
      }
      expect(between.length).toBeGreaterThanOrEqual(3);
      expect(shown(step.value)).toEqual(expected[0]);
      for (const b of between) expect(b).toEqual(expected[1]);
    }
  });
});


describe('the cells a row set, as the register\'s reader flags them', () => {
  it('give the same unknowns as testing every field of the record', () => {
    const { header, rows } = englandRegister(400);
    // Some cells bad (left blank, with a problem) and some blank, so the flags differ from row to row.
    const damaged = rows.map((r, i) => r.map((c, k) => (k > 0 && (i + k) % 11 === 0 ? 'n/a?' : (i * k) % 7 === 1 ? '' : c)));
    for (const fw of allFrameworks()) {
      const reader = registerReader(header, { asOf: BENCH_AS_OF, headerRowNumber: 1 });
      const unknowns = unknownsReader(fw.slotFacts, reader.mapping, BENCH_AS_OF);
      let open = 0;
      damaged.forEach((cells, i) => {
        const record = reader.read(cells, i, [])!;
        const facts = deriveFacts(record, BENCH_AS_OF).facts;
        const flagged = unknowns(record, facts, reader.given);
        expect(flagged, `${fw.definition.id} row ${i}`).toEqual(unknowns(record, facts));
        if (flagged) open++;
      });
      expect(open, fw.definition.id).toBeGreaterThan(100);
    }
  });
});
