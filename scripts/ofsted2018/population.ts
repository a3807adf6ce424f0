/**
 * The schools the risk model is fitted on: every maintained school, academy and special school open on
 * 31 August 2018 with a graded inspection before then (its own URN's), as a school record with the
 * 2018 results, and what its next graded inspection found by the end of February 2020. The register
 * (register.ts) is the good and outstanding ones with KS2 results; the fit also sees secondaries and
 * specials, and requires-improvement and inadequate schools for their standing's offset.
 */
import type { CalendarDate } from '../../core/dates';
import type { SchoolRecord } from '../../core/fields';
import { ofstedStanding, type OfstedStanding } from '../../core/ofsted';
import { isBelowGood, loadData2018, type SchoolDetails } from './data';
import { OUTCOME_END, REGISTER_AS_OF } from './register';

/** One school of the fit. */
export interface FitSchool {
  readonly urn: string;
  readonly record: SchoolRecord;
  readonly standing: OfstedStanding;
  /** In the backtest register (good or outstanding, with a KS2 2018 row). */
  readonly inRegister: boolean;
  /** A graded inspection by the end of the outcomes. */
  readonly inspected: boolean;
  /** ... that found the school below good. */
  readonly belowGood: boolean;
}

const STATE_FUNDED = new Set(['Maintained School', 'Academy', 'Special School']);

function phaseOf(d: SchoolDetails): SchoolRecord['phase'] {
  if (d.type === 'Special School') return 'special';
  if (d.primary && d.secondary) return 'all-through';
  return d.secondary ? 'secondary' : 'primary';
}

/** Every school the fit may learn from (both halves: the fit itself keeps to the even URNs). */
export function fitPopulation(asOf: CalendarDate = REGISTER_AS_OF): FitSchool[] {
  const data = loadData2018();
  const out: FitSchool[] = [];
  let row = 1;
  for (const d of data.details.values()) {
    if (!STATE_FUNDED.has(d.type)) continue;
    const history = data.histories.get(d.urn) ?? [];
    const before = history.filter((i) => i.date < asOf);
    const last = before.at(-1);
    if (!last) continue;
    const ks2 = data.ks2.get(d.urn);
    const inRegister = ks2 !== undefined && (last.grade === 'good' || last.grade === 'outstanding');
    // Closed by the as-of date, or opened after it (the register keeps a school whatever its later status, as the analyst's would).
    if (!inRegister && ((d.closed !== undefined && d.closed <= asOf) || (d.opened !== undefined && d.opened > asOf))) continue;
    const previous = before.at(-2);
    const k4 = data.ks4.get(d.urn);
    const record: SchoolRecord = {
      row: ++row,
      urn: d.urn,
      phase: phaseOf(d),
      status: d.type === 'Academy' ? 'academy' : 'maintained',
      ofstedGrade: last.grade,
      inspectionDate: last.date,
      ...(previous ? { previousOfstedGrade: previous.grade, previousInspectionDate: previous.date } : {}),
      ...(d.opened !== undefined && d.opened <= asOf ? { openDate: d.opened } : {}),
    };
    for (const source of [ks2, k4]) {
      if (!source) continue;
      for (const [key, value] of Object.entries(source)) if (value !== undefined) (record as unknown as Record<string, unknown>)[key] = value;
    }
    const next = history.find((i) => i.date >= asOf && i.date <= OUTCOME_END);
    out.push({ urn: d.urn, record, standing: ofstedStanding(record), inRegister, inspected: next !== undefined, belowGood: isBelowGood(next?.grade) });
  }
  return out;
}
