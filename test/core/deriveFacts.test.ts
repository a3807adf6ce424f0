import { describe, expect, it } from 'vitest';
import { fromIsoDate, type CalendarDate } from '../../core/dates';
import { deriveFacts, InPlaceDeriver, nationalParameters, NATIONAL_DEFAULTS } from '../../core/deriveFacts';
import { FACT_KEYS, factsFromRecord } from '../../core/factShape';
import type { SchoolRecord } from '../../core/fields';
import { inspectionRisk, inspectionWindow, ofstedStanding } from '../../core/ofsted';

const d = (iso: string) => fromIsoDate(iso) as CalendarDate;
const AS_OF = d('2026-11-01');

/** A good academy, graded in 2019, with a later ungraded inspection that raised concerns. */
const record: SchoolRecord = {
  row: 7, urn: '140001', schoolName: 'Ashby Lane Academy', phase: 'primary', status: 'academy',
  ofstedGrade: 'good', inspectionDate: d('2019-03-12'), ungradedInspectionDate: d('2024-01-16'), ungradedOutcome: 'concerns-graded-next',
  headteacherStartDate: d('2026-02-01'), attainmentConcern: true, attendanceConcern: true, leadershipConcern: false,
  attendancePct: 92.1,
};

describe('deriveFacts', () => {
  const { facts, inspection } = deriveFacts(record, AS_OF);

  it('copies every field of the record unchanged, and leaves the record as it was', () => {
    const before = JSON.stringify(record);
    const again = deriveFacts(record, AS_OF).facts;
    for (const [k, v] of Object.entries(record)) expect(again[k as keyof typeof again], k).toBe(v);
    expect(JSON.stringify(record)).toBe(before);
  });

  it('derives in place for a register (InPlaceDeriver) as for one school, rules and parameters worked out once', () => {
    const national = nationalParameters({ horizonMonths: 12 });
    const inPlace = factsFromRecord(record) as unknown as SchoolRecord;
    const outlook = new InPlaceDeriver(AS_OF, national).derive(inPlace);
    const one = deriveFacts(record, AS_OF, national);
    expect(inPlace).toEqual(one.facts);
    expect(JSON.stringify(outlook)).toBe(JSON.stringify(one.inspection));
  });

  it('gives every school the same keys, in the same order (one V8 shape)', () => {
    expect(Object.keys(facts)).toEqual([...FACT_KEYS]);
    expect(Object.keys(deriveFacts({ row: 2, urn: '100000' }, AS_OF).facts)).toEqual([...FACT_KEYS]);
  });

  it('derives the standing from the latest inspection that judged the school, the time since the latest of any kind', () => {
    expect(facts).toMatchObject({
      isAcademy: true, ofstedBand: 'good-or-better', ofstedSource: 'legacy-grade', ofstedEquivalentGrade: 'good', inCategoryOfConcern: false,
      lastInspectionDate: d('2024-01-16'), monthsSinceInspection: 33.5, ungradedConcerns: true, monthsInPost: 9, concernCount: 2, // over 33 months; exactly 9
    });
  });

  it('leaves blank what the record cannot tell (status unknown, no head start date)', () => {
    const bare = deriveFacts({ row: 2, urn: '100000' }, AS_OF).facts;
    expect([bare.isAcademy, bare.monthsInPost, bare.lastInspectionDate, bare.monthsSinceInspection]).toEqual([undefined, undefined, undefined, undefined]);
    expect([bare.ofstedBand, bare.concernCount]).toEqual(['not-inspected', 0]);
  });

  it('a head who starts after the as-of date has been in post 0 months, not a negative number', () => {
    expect(deriveFacts({ ...record, headteacherStartDate: d('2027-01-01') }, AS_OF).facts.monthsInPost).toBe(0);
  });

  it('the outlook agrees with the Ofsted functions it comes from, and words the risk\'s reasons only when read', () => {
    const standing = ofstedStanding(record);
    const window = inspectionWindow(standing, record.openDate)!;
    const risk = inspectionRisk(record, standing, AS_OF);
    expect([inspection.dueFrom, inspection.dueBy, inspection.risk, inspection.riskScore]).toEqual([window.dueFrom, window.dueBy, risk.level, risk.score]);
    expect([facts.inspectionDueBy, facts.inspectionRisk, facts.inspectionRiskScore]).toEqual([window.dueBy, risk.level, risk.score]);
    expect(inspection.riskReasons).toEqual(risk.reasons);
    expect(inspection.riskReasons).toEqual(expect.arrayContaining([expect.stringMatching(/^\+\d+: ungraded inspection raised concerns/)]));
    expect([inspection.probability, inspection.inspectedWithinHorizon, inspection.belowGoodIfInspected, inspection.horizonMonths, inspection.rules]).toEqual([risk.probability, risk.inspectedWithinHorizon, risk.belowGoodIfInspected, 24, 'report-cards-2025']);
    expect([inspection.windowCoverage, inspection.statutoryLatest]).toEqual([window.coverage, window.statutoryLatest]);
    // Serialised (the JSON output of the command line), the reasons are there.
    expect(JSON.parse(JSON.stringify(inspection)).riskReasons).toEqual(risk.reasons);
  });

  it('takes the analyst\'s horizon, window coverage and rules', () => {
    const ri: SchoolRecord = { row: 2, urn: '100001', ofstedGrade: 'requires-improvement', inspectionDate: d('2025-06-01') };
    const wide = deriveFacts(ri, AS_OF, nationalParameters({ horizonMonths: 12, windowCoverage: 0.9, rules: 'practice-2012-2019' })).inspection;
    const usual = deriveFacts(ri, AS_OF).inspection;
    expect([wide.horizonMonths, wide.windowCoverage, wide.rules]).toEqual([12, 0.9, 'practice-2012-2019']);
    expect(wide.inspectedWithinHorizon).toBeLessThan(usual.inspectedWithinHorizon);
    expect(wide.dueBy! - wide.dueFrom!).toBeGreaterThan(usual.dueBy! - usual.dueFrom!);
    expect(nationalParameters()).toBe(NATIONAL_DEFAULTS);
  });
});

describe('deriveFacts: RISE "stuck" schools (DfE, Schools eligible for RISE intervention)', () => {
  const stuck = (r: Omit<SchoolRecord, 'row'>) => deriveFacts({ row: 2, ...r }, AS_OF);
  const ri = { ofstedGrade: 'requires-improvement', inspectionDate: d('2024-03-01') } as const;
  const rc = { reportCardDate: d('2026-01-20'), rcInclusion: 'expected', rcCurriculumTeaching: 'expected', rcAchievement: 'expected', rcAttendanceBehaviour: 'expected', rcPersonalDevelopment: 'expected' } as const;

  it('"graded Requires Improvement ... at its most recent Ofsted inspection and ... below Good at its previous": stuck, and the outlook says why', () => {
    const { facts, inspection } = stuck({ ...ri, previousOfstedGrade: 'requires-improvement' });
    expect(facts.riseStuck).toBe(true);
    expect(inspection.riseStuck).toBe('RI (or equivalent) now, RI before');
    expect(stuck({ ...ri, previousOfstedGrade: 'inadequate' }).facts.riseStuck).toBe(true);
  });

  it('good before, or nothing recorded before, or good now: not stuck', () => {
    expect(stuck({ ...ri, previousOfstedGrade: 'good' }).facts.riseStuck).toBe(false);
    expect(stuck(ri).facts.riseStuck).toBe(false);
    expect(stuck({ ofstedGrade: 'good', inspectionDate: d('2024-03-01'), previousOfstedGrade: 'requires-improvement' }).facts.riseStuck).toBe(false);
    expect(stuck({ ofstedGrade: 'good', inspectionDate: d('2024-03-01') }).inspection.riseStuck).toBeNull();
  });

  it('report cards: "a \'needs attention\' grade for leadership and governance, which were graded below good ... at their previous Ofsted inspection"', () => {
    expect(stuck({ ...rc, rcLeadershipGovernance: 'needs-attention', ofstedGrade: 'requires-improvement', inspectionDate: d('2023-05-01') }).facts.riseStuck).toBe(true);
    expect(stuck({ ...rc, rcLeadershipGovernance: 'expected', ofstedGrade: 'requires-improvement', inspectionDate: d('2023-05-01') }).facts.riseStuck).toBe(false);
    expect(stuck({ ...rc, rcLeadershipGovernance: 'needs-attention', ofstedGrade: 'good', inspectionDate: d('2023-05-01') }).facts.riseStuck).toBe(false);
  });
});

describe('RISK_MODEL_INPUTS: every column the inspection outlook reads', () => {
  // The custom functions read only a framework's columns and these: a column the outlook read but this
  // list missed would give the functions another risk than the pane and the command line.
  it('holds every field the outlook reads: without any other field, every school\'s outlook is the same', async () => {
    const { englandRegister, BENCH_AS_OF } = await import('../../bench/englandRegister');
    const { readRegister } = await import('../../core/record');
    const { RISK_MODEL_INPUTS } = await import('../../core/facts');
    const { FIELD_KEYS } = await import('../../core/fields');
    const { header, rows } = englandRegister(400);
    const records = readRegister(header, rows, { asOf: BENCH_AS_OF, headerRowNumber: 1 }).records.filter((r): r is SchoolRecord => r !== undefined && r !== null);
    const listed = new Set<string>(RISK_MODEL_INPUTS);
    const others = FIELD_KEYS.filter((f) => !listed.has(f));
    const outlook = (r: SchoolRecord) => {
      const o = deriveFacts(r, BENCH_AS_OF).inspection;
      return JSON.stringify([o.dueFrom, o.dueBy, o.windowCoverage, o.statutoryLatest, o.basis, o.rules, o.risk, o.riskScore, o.probability, o.riskReasons, o.riseStuck]);
    };
    let tried = 0;
    for (const r of records) {
      const only = { ...r } as Record<string, unknown>;
      for (const f of others) if (only[f] !== undefined) {
        delete only[f];
        tried++;
      }
      expect(outlook(only as unknown as SchoolRecord), `row ${r.row}`).toBe(outlook(r));
    }
    // The benchmark register fills many of the other columns, so the check removes something real.
    expect(tried).toBeGreaterThan(records.length * 5);
  });
});
