/**
 * The speed work of issue 17 keeps, per parameters object, what every school shares (the merged
 * parameters, a measured window's span and its basis in words, the routine factor). Parameters changed
 * are a new object: these tests hold that a change shows in the next result, and that going back gives
 * the first result again (nothing is kept from the wrong parameters).
 */
import { describe, expect, it } from 'vitest';
import { fromIsoDate, toExcelSerial, type CalendarDate } from '../../core/dates';
import { deriveFacts, nationalParameters, NATIONAL_DEFAULTS } from '../../core/deriveFacts';
import type { SchoolRecord } from '../../core/fields';
import { frameworkById } from '../../core/frameworks';
import { categoriseRegister } from '../../core/register';
import { readSettingsFrom, riskCategoryOf, riskReasonsOf } from '../../functions/registerFunctions';
import { readSheetGrid } from '../../src/workbook/readFile';
import { installCustomFunctionsDouble } from '../support/customFunctionsDouble';

installCustomFunctionsDouble();

const d = (iso: string) => fromIsoDate(iso) as CalendarDate;
const AS_OF = d('2026-11-01');
const RI: SchoolRecord = { row: 2, urn: '140002', phase: 'primary', status: 'maintained', ofstedGrade: 'requires-improvement', inspectionDate: d('2025-03-10') };

describe('parameters kept per parameters object', () => {
  it('a measured window follows the coverage it is given, and the first coverage again gives the first window', () => {
    const first = deriveFacts(RI, AS_OF).inspection;
    const narrower = deriveFacts(RI, AS_OF, nationalParameters({ windowCoverage: 0.6 })).inspection;
    expect(narrower.basis).not.toBe(first.basis);
    expect(narrower.basis).toMatch(/^requires improvement: 60% of next graded inspections/);
    expect([narrower.dueFrom, narrower.dueBy]).not.toEqual([first.dueFrom, first.dueBy]);
    expect(deriveFacts(RI, AS_OF, NATIONAL_DEFAULTS).inspection).toEqual(first);
  });

  it('the risk follows the horizon and the rules it is given, and the defaults again give the first risk', () => {
    const first = deriveFacts(RI, AS_OF).inspection;
    const shorter = deriveFacts(RI, AS_OF, nationalParameters({ horizonMonths: 6 })).inspection;
    expect(shorter.probability).toBeLessThan(first.probability);
    const practice = deriveFacts({ ...RI, ofstedGrade: 'good' }, AS_OF, nationalParameters({ rules: 'practice-2012-2019' })).inspection;
    expect(practice.rules).toBe('practice-2012-2019');
    expect(deriveFacts(RI, AS_OF).inspection.riskReasons).toEqual(first.riskReasons);
  });

  it('a register run with other national parameters gives other outlooks, and the defaults again the first run', async () => {
    const grid = await readSheetGrid('examples/sample-register.xlsx');
    const [header, ...rows] = grid.values;
    const fw = frameworkById('oxfordshire')!;
    const run = (national = NATIONAL_DEFAULTS) => categoriseRegister(fw, header!, rows, { asOf: AS_OF, headerRowNumber: 1, national })
      .rows.map((r) => JSON.stringify([r.result?.category, r.provisional, r.inspection, r.result?.reasons]));
    const first = run();
    const everyoneHigh = { ...NATIONAL_DEFAULTS, risk: { ...NATIONAL_DEFAULTS.risk, levels: { highFrom: 0, mediumFrom: 0 } } };
    expect(run(everyoneHigh)).not.toEqual(first);
    expect(run()).toEqual(first);
  });
});

describe('RISKCATEGORY after the workbook\'s settings change', () => {
  it('gives the new settings\' categories, then the first ones again when they are put back', async () => {
    const grid = await readSheetGrid('examples/sample-register.xlsx');
    const [headers, ...rows] = grid.values;
    const asOf = toExcelSerial(AS_OF);
    let saved: string | null = null;
    readSettingsFrom(() => saved);
    try {
      const first = riskCategoryOf('oxfordshire', [headers!], rows, asOf);
      const firstReasons = riskReasonsOf('oxfordshire', [headers!], rows, asOf);
      // Every school at high risk: the targeted trigger on the risk fires for every good school.
      saved = JSON.stringify({ framework: 'oxfordshire', mapping: {}, parameters: { oxfordshire: { 'risk.levels.highFrom': 0, 'risk.levels.mediumFrom': 0 } } });
      expect(riskCategoryOf('oxfordshire', [headers!], rows, asOf)).not.toEqual(first);
      saved = null;
      expect(riskCategoryOf('oxfordshire', [headers!], rows, asOf)).toEqual(first);
      expect(riskReasonsOf('oxfordshire', [headers!], rows, asOf)).toEqual(firstReasons);
    } finally {
      readSettingsFrom(() => null);
    }
  });
});
