import { describe, expect, it } from 'vitest';
import { fromIsoDate, toIsoDate } from '../../core/dates';
import { frameworkById } from '../../core/frameworks';
import { NATIONAL_PARAMETERS } from '../../core/nationalParameters';
import { defaultsAt, flattenParameters, resolveSettings, valueInForce, valueInForceText } from '../../core/parameters';
import { categoriseRegister } from '../../core/register';
import { withRequiredColumns } from '../support/requiredColumns';

const date = (iso: string) => fromIsoDate(iso)!;
const herefordshire = frameworkById('herefordshire')!;
const oxfordshire = frameworkById('oxfordshire')!;
const rwm = herefordshire.definition.parameters.nationalRwmPct!;

describe('dated parameter values', () => {
  it.each([
    ['2016-10-01', 53, '2016-09-01'],
    ['2018-11-01', 64, '2018-09-01'],
    // No assessments in 2020 and 2021: 2019's figure stays in force until 2022's.
    ['2021-11-01', 65, '2019-09-01'],
    ['2022-08-31', 65, '2019-09-01'],
    ['2022-09-01', 59, '2022-09-01'],
    ['2025-08-31', 61, '2024-09-01'],
    ['2026-11-01', 62, '2025-09-01'],
  ])('as of %s the national RWM figure in force is %s (from %s), with its DfE source', (asOf, value, since) => {
    const v = valueInForce(rwm, date(asOf));
    expect([v.value, v.since, v.beforeFirst]).toEqual([value, since, false]);
    expect(v.reference?.title).toMatch(/DfE/);
  });

  it('before the first date takes the earliest value, and says so', () => {
    expect(valueInForce(rwm, date('2015-01-01'))).toMatchObject({ value: 53, since: '2016-09-01', beforeFirst: true });
    expect(valueInForceText(rwm, date('2015-01-01'))).toMatch(/^53 \(the earliest value, from 2016-09-01: 2015-01-01 is before it/);
    expect(valueInForceText(rwm, date('2018-11-01'))).toMatch(/^64 \(in force from 2018-09-01; National curriculum assessments at key stage 2 in England, 2018/);
  });

  it('gives one defaults object per framework and date (results cached by it stay valid)', () => {
    expect(defaultsAt(herefordshire, date('2018-11-01'))).toBe(defaultsAt(herefordshire, date('2018-11-01')));
    expect(defaultsAt(herefordshire, date('2018-11-01')).nationalRwmPct).toBe(64);
    expect(defaultsAt(herefordshire, date('2026-11-01')).nationalRwmPct).toBe(62);
  });

  it('make a backtest use the figures of its year: RWM 62% is in line with national in 2023, not in 2018', () => {
    // A primary school whose low-risk indicators are the national-standards one and the good inspection only: the third decides low or medium.
    const header = ['URN', 'Phase', 'Ofsted grade', 'Inspection date', 'KS2 RWM expected %', 'Attainment trend', 'Headteacher start date', 'Leadership concern', 'Governance concern', 'Headteacher interim'];
    const row = ['100001', 'Primary', 'Good', '', 62, 'declining', '', 'No', 'No', 'No'];
    const run = (asOf: string, inspected: string, start: string) => {
      const register = withRequiredColumns<unknown>(header, [row.map((c, i) => (i === 3 ? inspected : i === 6 ? start : c))]);
      const outcome = categoriseRegister(herefordshire, register.header, register.rows, { asOf: date(asOf), headerRowNumber: 1, trace: true });
      return outcome.rows[0]!.result!.trace.find((t) => t.criterion === 'standards-national')!.outcome;
    };
    expect(run('2018-11-01', '2017-11-01', '2010-09-01')).toBe('not-fired');
    expect(run('2023-11-01', '2022-11-01', '2015-09-01')).toBe('fired');
  });
});

describe('an analyst\'s values', () => {
  const asOf = date('2026-11-01');

  it('are checked, one message per unknown name (with the nearest), wrong type or value out of range', () => {
    const r = resolveSettings(oxfordshire, { targetedMaxDay: '5', universalDays: 'two', targetedMaxDays: 500, 'windows.goodEarliestMonth': 24, 'windows.goodEarliestMonths': -1 }, asOf);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      '"targetedMaxDay" is not a parameter of Oxfordshire Improvement Guarantee; did you mean "targetedMaxDays"?',
      'Parameter "universalDays" is "two"; expected a number.',
      expect.stringMatching(/^Parameter "targetedMaxDays" is 500; expected a number from \d+ to \d+\.$/),
      '"windows.goodEarliestMonth" is not a parameter of Oxfordshire Improvement Guarantee; did you mean "windows.goodEarliestMonths"?',
      'Parameter "windows.goodEarliestMonths" is -1; expected a number from 0 to 120.',
    ]);
  });

  it('record only what differs from the default in force, as name=value', () => {
    const r = resolveSettings(oxfordshire, { targetedMaxDays: '12', universalDays: String(oxfordshire.defaults.universalDays), 'windows.goodEarliestMonths': '24', 'reportCards.leadershipNeedsAttentionIsRi': 'no' }, asOf);
    expect(r.ok && r.settings.changed).toEqual(['targetedMaxDays=12', 'windows.goodEarliestMonths=24', 'reportCards.leadershipNeedsAttentionIsRi=false']);
    expect(r.ok && r.settings.params.targetedMaxDays).toBe(12);
    expect(r.ok && r.settings.national.windows.goodEarliestMonths).toBe(24);
    expect(r.ok && r.settings.national.reportCards.leadershipNeedsAttentionIsRi).toBe(false);
  });

  it('set the inspection windows the register run derives its facts with', () => {
    const { header, rows } = withRequiredColumns<unknown>(['URN', 'Ofsted grade', 'Inspection date'], [['100001', 'Good', '2025-01-15']]);
    const dueFrom = (values: Record<string, unknown>) => {
      const r = resolveSettings(oxfordshire, values, asOf);
      if (!r.ok) throw new Error(r.errors.join(' '));
      const outcome = categoriseRegister(oxfordshire, header, rows, { asOf, headerRowNumber: 1, params: r.settings.params, national: r.settings.national });
      return toIsoDate(outcome.rows[0]!.inspection!.dueFrom!);
    };
    expect(dueFrom({})).toBe('2027-07-15');
    expect(dueFrom({ 'windows.goodEarliestMonths': 24 })).toBe('2027-01-15');
  });

  it('name every leaf of the national models under its prefix', () => {
    const names = NATIONAL_PARAMETERS.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['windows.goodEarliestMonths', 'reportCards.needsAttentionAreasForRi', 'risk.judgement.interimHead', 'risk.levels.highFrom']));
    expect(new Set(names).size).toBe(names.length);
  });

  it('read a parameters file with nested names as dotted ones', () => {
    expect(flattenParameters({ newHeadMonths: 18, windows: { goodEarliestMonths: 24 }, risk: { levels: { highFrom: 50 } } })).toEqual({ newHeadMonths: 18, 'windows.goodEarliestMonths': 24, 'risk.levels.highFrom': 50 });
  });

  it('a file naming "__proto__" (as JSON.parse keeps it) is refused as an unknown parameter, not silently dropped', () => {
    const file = JSON.parse('{"__proto__": 5, "windows": {"__proto__": 3}}') as Record<string, unknown>;
    const flat = flattenParameters(file);
    expect(Object.keys(flat)).toEqual(['__proto__', 'windows.__proto__']);
    const r = resolveSettings(oxfordshire, flat, fromIsoDate('2026-11-01')!);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.stringMatching(/^"__proto__" is not a parameter of /), expect.stringMatching(/^"windows.__proto__" is not a parameter of /)]);
  });
});

describe('an analyst\'s parameter name', () => {
  it('is looked up among the framework\'s own parameters, never Object\'s ("constructor" is unknown)', () => {
    const r = resolveSettings(oxfordshire, { constructor: 5, toString: 'x' }, date('2026-11-01'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.replace(/; expected one of: .*/, ''))).toEqual([
      '"constructor" is not a parameter of Oxfordshire Improvement Guarantee',
      '"toString" is not a parameter of Oxfordshire Improvement Guarantee',
    ]);
  });
});
