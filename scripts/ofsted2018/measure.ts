/**
 * The backtest's measurements, shared by the figures script (backtest.ts) and the test that keeps them
 * from slipping: how results.json from the command line ranks and calibrates against what the next
 * graded inspections found, and how often real re-inspections fell inside the windows.
 */
import { inspectionWindow, MONTH_DAYS, type InspectionRiskModel, type IntervalStanding } from '../../core/ofsted';
import type { ResultRow } from '../../src/run/resultsJson';
import { loadData2018 } from './data';
import { INTERVALS_FROM, INTERVALS_TO } from './fit';
import type { RegisterOutcome } from './register';
import { areaUnderCurve, calibrationTable, captureInTopFraction, type CalibrationRow } from './stats';

/** How a score ranked and a probability calibrated on some schools. */
export interface RankingFigures {
  readonly schools: number;
  readonly belowGood: number;
  /** Share of the later below-good schools in the riskiest tenth and fifth by `riskScore`. */
  readonly top10: number;
  readonly top20: number;
  readonly auc: number;
  /** Deciles of the probability: predicted against observed. */
  readonly calibration: readonly CalibrationRow[];
}

/** Measures results.json rows (those whose URN `keep` accepts) against the outcomes. */
export function measureRanking(rows: readonly ResultRow[], outcomes: ReadonlyMap<string, RegisterOutcome>, keep: (urn: string) => boolean): RankingFigures {
  const kept = rows.filter((r) => r.urn !== null && r.inspection !== null && keep(r.urn));
  const scores = kept.map((r) => r.inspection!.riskScore);
  const events = kept.map((r) => outcomes.get(r.urn!)?.belowGood === true);
  return {
    schools: kept.length,
    belowGood: events.filter(Boolean).length,
    top10: captureInTopFraction(scores, events, 0.1),
    top20: captureInTopFraction(scores, events, 0.2),
    auc: areaUnderCurve(scores, events),
    calibration: calibrationTable(kept.map((r) => r.inspection!.probability), events),
  };
}

/** How often the next graded inspection fell inside the window. */
export interface CoverageFigures {
  readonly standing: IntervalStanding;
  readonly coverage: number;
  /** Judgements with a next graded inspection of the same school by February 2020. */
  readonly reinspected: number;
  /** ... and with none (closed, converted, or not yet). */
  readonly notReinspected: number;
  /** Share of the next graded inspections inside [dueFrom, dueBy]. */
  readonly held: number;
  /** The window, in months after the judgement. */
  readonly fromMonths: number;
  readonly toMonths: number;
}

/** The windows at `coverage` against the 2012-2017 judgements of the URNs `keep` accepts. */
export function measureCoverage(model: InspectionRiskModel, coverage: number, keep: (urn: string) => boolean): CoverageFigures[] {
  const { histories } = loadData2018();
  return (['requires-improvement', 'inadequate'] as const).map((standing) => {
    let reinspected = 0;
    let notReinspected = 0;
    let held = 0;
    let span: { from: number; to: number } | null = null;
    for (const [urn, history] of histories) {
      if (!keep(urn)) continue;
      history.forEach((inspection, k) => {
        if (inspection.grade !== standing || inspection.date < INTERVALS_FROM || inspection.date > INTERVALS_TO) return;
        const w = inspectionWindow({ band: standing, lastJudgedDate: inspection.date }, undefined, { intervals: model.intervals, coverage })!;
        span ??= { from: w.dueFrom - inspection.date, to: w.dueBy - inspection.date };
        const next = history[k + 1]?.date;
        if (next === undefined) {
          notReinspected++;
          return;
        }
        reinspected++;
        if (next >= w.dueFrom && next <= w.dueBy) held++;
      });
    }
    const days = span as { from: number; to: number } | null;
    return { standing, coverage, reinspected, notReinspected, held: held / reinspected, fromMonths: (days?.from ?? 0) / MONTH_DAYS, toMonths: (days?.to ?? 0) / MONTH_DAYS };
  });
}
