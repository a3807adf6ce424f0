/**
 * The backtest, as an analyst would run it: builds the 2018 register (register.ts), runs the command line
 * on it (`schoolrisk categorise --as-of 2018-08-31 --out results.json`, and again with the 18-month horizon
 * the outcomes allow), and measures the ranking and the calibration on the ODD URNs, which the fit never
 * saw; the even ones are shown for comparison. It also measures the windows against the 2012-2017 histories
 * (even: the half they were calibrated on; odd: held out). The tables are written into docs/ofsted.md
 * between the backtest markers. Run with `npm run backtest:risk` (after the fit).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { INSPECTION_RISK_MODEL, RISK_TERMS, TIMED_STANDINGS, type RiskTermId } from '../../core/ofsted';
import fitted from '../../core/ofsted/inspectionRiskModel.json';
import type { ResultRow, ResultsFile } from '../../src/run/resultsJson';
import { isTrainingUrn } from './data';
import { measureCoverage, measureRanking, type CoverageFigures, type RankingFigures } from './measure';
import { backtestRegister, OUTCOME_MONTHS, registerCsv } from './register';

const ROOT = resolve(__dirname, '../..');
const OUT = resolve(ROOT, 'out/backtest');
const DOCS = resolve(ROOT, 'docs/ofsted.md');
const isHeldOut = (urn: string) => !isTrainingUrn(urn);

/**
 * The score before this model (the points score of commit 71510da), measured the same way on the same
 * register: kept as a record, since that code is gone.
 */
export const BEFORE = {
  heldOut: { top10: 0.385, top20: 0.591, auc: 0.797 },
  training: { top10: 0.373, top20: 0.592, auc: 0.801 },
};

/** Runs the command line on the register; returns its results.json rows. */
function categorise(register: string, out: string, extra: string[]): ResultRow[] {
  const tsx = require.resolve('tsx/cli');
  execFileSync(process.execPath, [tsx, resolve(ROOT, 'src/cli/main.ts'), 'categorise', register, '--framework', 'oxfordshire', '--as-of', '2018-08-31', ...extra, '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return (JSON.parse(readFileSync(out, 'utf8')) as ResultsFile).rows;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const pts = (x: number) => (x * 100).toFixed(1);

function rankingRow(label: string, f: { top10: number; top20: number; auc: number }, schools = '', events = ''): string {
  return `| ${label} | ${schools} | ${events} | ${pct(f.top10)} | ${pct(f.top20)} | ${f.auc.toFixed(3)} |`;
}

function calibrationRows(f: RankingFigures): string[] {
  return f.calibration.map((c, i) => {
    const gap = (c.observed - c.predicted) * 100;
    return `| ${i + 1} | ${c.schools} | ${pts(c.predicted)}% | ${pts(c.observed)}% | ${gap >= 0 ? '+' : ''}${gap.toFixed(1)} |`;
  });
}

function coverageRows(label: string, figures: readonly CoverageFigures[]): string[] {
  return figures.map((c) => `| ${c.standing === 'inadequate' ? 'inadequate' : 'requires improvement'} | ${Math.round(c.coverage * 100)}% | ${label} | ${c.fromMonths.toFixed(1)}-${c.toMonths.toFixed(1)} | ${c.reinspected.toLocaleString('en-GB')} (+${c.notReinspected} not re-inspected) | ${pct(c.held)} |`);
}

/** The markdown written between the markers of docs/ofsted.md. */
export function figuresMarkdown(figures: { heldOut24: RankingFigures; training24: RankingFigures; heldOut18: RankingFigures; training18: RankingFigures; windows: CoverageFigures[][] }): string {
  const { heldOut24, training24, heldOut18, training18 } = figures;
  const worstGap = Math.max(...heldOut18.calibration.map((c) => Math.abs(c.observed - c.predicted))) * 100;
  return [
    `Register: ${(heldOut24.schools + training24.schools).toLocaleString('en-GB')} good or outstanding schools with KS2 2018 results, as of 31 August 2018; ${heldOut24.belowGood + training24.belowGood} were found below good by a graded inspection by 29 February 2020. Held out: the ${heldOut24.schools.toLocaleString('en-GB')} odd URNs (${heldOut24.belowGood} below good).`,
    '',
    '| score, ranked by `riskScore` | schools | later below good | riskiest 10% holds | riskiest 20% holds | AUC |',
    '|---|---|---|---|---|---|',
    rankingRow('**this model, held out (odd URNs), default 24-month horizon**', heldOut24, heldOut24.schools.toLocaleString('en-GB'), String(heldOut24.belowGood)),
    rankingRow('this model, held out, 18-month horizon (the outcomes\' own)', heldOut18, heldOut18.schools.toLocaleString('en-GB'), String(heldOut18.belowGood)),
    rankingRow('this model, training half (even URNs), 24 months', training24, training24.schools.toLocaleString('en-GB'), String(training24.belowGood)),
    rankingRow('before: the points score (commit 71510da), held out', BEFORE.heldOut),
    rankingRow('before: the points score, training half', BEFORE.training),
    '| issue 14: a plain logistic model on the same columns, cross-validated by URN halves | | | 49.7% | 72.8% | 0.862 |',
    '| target (issue 14) | | | 50% | 72% | 0.86 |',
    '| Behavioural Insights Team\'s model for Ofsted (2017), richer data | | | 65% | 85% | |',
    '',
    `Calibration on the held-out half, ${OUTCOME_MONTHS}-month horizon (the outcomes end in February 2020), by decile of the probability (worst gap ${worstGap.toFixed(1)} points):`,
    '',
    '| decile | schools | predicted | observed | observed - predicted (points) |',
    '|---|---|---|---|---|',
    ...calibrationRows(heldOut18),
    '',
    `For comparison, the training half's worst decile gap is ${(Math.max(...training18.calibration.map((c) => Math.abs(c.observed - c.predicted))) * 100).toFixed(1)} points.`,
    '',
    'Windows against the next graded inspections after judgements of Sept 2012 - Aug 2017 (same URN, to Feb 2020); even URNs calibrated them, odd URNs are held out:',
    '',
    '| after | stated coverage | half | window (months after the judgement) | judgements re-inspected | held |',
    '|---|---|---|---|---|---|',
    ...figures.windows.flatMap((w, i) => coverageRows(i % 2 === 0 ? 'even (calibration)' : 'odd (held out)', w)),
  ].join('\n');
}

interface FitReport {
  readonly selectionSteps: readonly { dropped: RiskTermId | null; heldOutLogLikelihood: number }[];
  readonly belowGoodSteps: readonly { dropped: RiskTermId | null; heldOutLogLikelihood: number }[];
  readonly standingOffsets: Record<'requires-improvement' | 'inadequate', { offset: number; schools: number; belowGood: number }>;
}

/** The fitted model as tables: the terms, how they were chosen, the rates. */
export function fitMarkdown(): string {
  const m = INSPECTION_RISK_MODEL;
  const report = (fitted as unknown as { report: FitReport }).report;
  const coefficient = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(2));
  const steps = (list: FitReport['selectionSteps']) =>
    list.map((step) => (step.dropped === null ? `all candidates ${step.heldOutLogLikelihood.toFixed(4)}` : `without ${step.dropped} ${step.heldOutLogLikelihood.toFixed(4)}`)).join(' → ');
  const perThousand = (s: (typeof TIMED_STANDINGS)[number], month: number) => {
    const r = m.rates[s].perMonth;
    return (r[Math.min(month, r.length - 1)]! * 1000).toFixed(1);
  };
  const months = [6, 12, 18, 24, 30, 36, 42, 48, 54, 60, 72, 96];
  return [
    m.fittedOn,
    '',
    '| indicator | worse never lowers the risk | rate of a graded inspection, 2012-2019 practice (log multiplier) | below good if inspected (log-odds) |',
    '|---|---|---|---|',
    `| intercept | | ${coefficient(m.selection.intercept)} | ${coefficient(m.belowGood.intercept)} |`,
    ...(Object.keys(RISK_TERMS) as RiskTermId[]).map((id) => {
      const t = RISK_TERMS[id];
      return `| ${t.label}${id === 'outstanding' ? ' (value -1 for outstanding, 0 for good)' : ''} | ${t.worse === 'higher' ? 'yes' : 'no (not a better or worse value)'} | ${coefficient(m.selection.terms[id])} | ${coefficient(m.belowGood.terms[id])} |`;
    }),
    `| requires improvement (offset; fitted ${report.standingOffsets['requires-improvement'].offset.toFixed(2)} on ${report.standingOffsets['requires-improvement'].schools} re-inspected schools, held at 0 so it is never below good) | yes | | ${coefficient(m.belowGood.standing['requires-improvement'])} |`,
    `| inadequate (offset; ${report.standingOffsets.inadequate.schools} re-inspected schools, ${report.standingOffsets.inadequate.belowGood} below good) | yes | | ${coefficient(m.belowGood.standing.inadequate)} |`,
    '',
    'Terms chosen by backward elimination on the mean held-out log-likelihood, 4-fold cross-validation within the even URNs:',
    '',
    `- rate of a graded inspection: ${steps(report.selectionSteps)}`,
    `- below good if inspected: ${steps(report.belowGoodSteps)}`,
    '',
    `Monthly rate of a graded inspection (per 1,000 schools), by month on the clock (good and outstanding: from 1 August of the school year of the last graded inspection; RI and inadequate: from the judgement); unscheduled rate ${(m.unscheduledPerMonth * 1000).toFixed(2)}:`,
    '',
    `| last judged | ${months.map((x) => `m${x}`).join(' | ')} |`,
    `|---|${months.map(() => '---').join('|')}|`,
    ...TIMED_STANDINGS.map((s) => `| ${s} | ${months.map((x) => perThousand(s, x)).join(' | ')} |`),
  ].join('\n');
}

/** Replaces the text between `<!-- name:begin -->` and `<!-- name:end -->`. */
export function replaceBetweenMarkers(text: string, name: string, body: string): string {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`docs/ofsted.md has no ${begin} ... ${end} markers`);
  return `${text.slice(0, i + begin.length)}\n${body}\n${text.slice(j)}`;
}

if (require.main === module) {
  mkdirSync(OUT, { recursive: true });
  const { rows, outcomes } = backtestRegister();
  const register = resolve(OUT, 'register-2018.csv');
  writeFileSync(register, registerCsv(rows));
  const results24 = categorise(register, resolve(OUT, 'results.json'), []);
  const results18 = categorise(register, resolve(OUT, 'results-18-months.json'), ['--horizon-months', String(OUTCOME_MONTHS)]);
  const windows = [0.5, 0.8, 0.9].flatMap((c) => [measureCoverage(INSPECTION_RISK_MODEL, c, isTrainingUrn), measureCoverage(INSPECTION_RISK_MODEL, c, isHeldOut)]);
  const figures = {
    heldOut24: measureRanking(results24, outcomes, isHeldOut),
    training24: measureRanking(results24, outcomes, isTrainingUrn),
    heldOut18: measureRanking(results18, outcomes, isHeldOut),
    training18: measureRanking(results18, outcomes, isTrainingUrn),
    windows,
  };
  const markdown = figuresMarkdown(figures);
  writeFileSync(DOCS, replaceBetweenMarkers(replaceBetweenMarkers(readFileSync(DOCS, 'utf8'), 'backtest', markdown), 'fit', fitMarkdown()));
  writeFileSync(resolve(OUT, 'figures.json'), `${JSON.stringify(figures, null, 1)}\n`);
  console.log(markdown);
}
