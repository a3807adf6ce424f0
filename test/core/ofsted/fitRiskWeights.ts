/**
 * Fits a logistic regression of "next graded inspection below good" on the 2018 data, training on even
 * URNs and reporting the riskiest-tenth capture on odd ones. The defaults in core/ofsted/inspectionRisk.ts
 * are these coefficients at about ten points per unit of log-odds, rounded and made monotone by hand.
 * Run: npx tsx test/core/ofsted/fitRiskWeights.ts (about 20 s; not a test).
 */
import { loadBacktestSchools, isBelowGood, BACKTEST_AS_OF, captureInTopFraction } from './backtestData';
import { monthsBetween } from '../../../core/dates';
const s = loadBacktestSchools();
const clamp = (x: number, a: number, b: number) => Math.max(a, Math.min(b, x));
const names = ['out', 'sat', 'ri', 'inad', 'none', 'prevBelow', 'goodDue3to5', 'goodYears', 'outYears', 'newDue', 'rwmDef', 'ks2Prog', 'p8', 'em5', 'noResults', 'secondary', 'academy', 'smallCohort'];
function feats(x: typeof s[0]): number[] {
  const r = x.record; const g = r.ofstedGrade;
  const yrs = r.inspectionDate !== undefined ? monthsBetween(r.inspectionDate, BACKTEST_AS_OF) / 12 : 0;
  const prog = [r.ks2ReadingProgress, r.ks2WritingProgress, r.ks2MathsProgress].filter((v): v is number => v !== undefined);
  const mp = prog.length ? prog.reduce((a, b) => a + b, 0) / prog.length : 0;
  const age = r.openDate !== undefined ? monthsBetween(r.openDate, BACKTEST_AS_OF) / 12 : 99;
  return [g === 'outstanding' ? 1 : 0, g === 'satisfactory' ? 1 : 0, g === 'requires-improvement' ? 1 : 0, g === 'inadequate' ? 1 : 0, g === undefined ? 1 : 0,
    ['requires-improvement', 'inadequate', 'satisfactory'].includes(r.previousOfstedGrade ?? '') ? 1 : 0,
    g === 'good' && yrs >= 2.5 && yrs < 5 ? 1 : 0,
    g === 'good' ? clamp(yrs, 0, 8) / 4 : 0,
    g === 'outstanding' ? clamp(yrs, 0, 12) / 4 : 0,
    g === undefined && age >= 1.5 && age < 4 ? 1 : 0,
    r.ks2RwmExpectedPct !== undefined ? clamp((64 - r.ks2RwmExpectedPct) / 10, -3, 4) : 0,
    prog.length ? clamp(-mp, -5, 5) / 2 : 0,
    r.ks4Progress8 !== undefined ? clamp(-r.ks4Progress8, -1.5, 1.5) * 2 : 0,
    r.ks4EnglishMathsGrade5Pct !== undefined ? clamp((43 - r.ks4EnglishMathsGrade5Pct) / 10, -3, 4) : 0,
    r.ks2RwmExpectedPct === undefined && r.ks4Progress8 === undefined ? 1 : 0,
    r.phase === 'secondary' ? 1 : 0, r.status === 'academy' ? 1 : 0,
    (r.ks2Cohort ?? 100) < 15 ? 1 : 0];
}
function fit(X: number[][], y: number[], iters = 3000, lr = 0.5, l2 = 1e-3) {
  const p = X[0].length; const w = new Array(p).fill(0); let b = -2;
  for (let it = 0; it < iters; it++) {
    const gw = new Array(p).fill(0); let gb = 0;
    for (let i = 0; i < X.length; i++) { let z = b; for (let j = 0; j < p; j++) z += w[j] * X[i][j]; const e = 1 / (1 + Math.exp(-z)) - y[i]; gb += e; for (let j = 0; j < p; j++) gw[j] += e * X[i][j]; }
    b -= lr * gb / X.length; for (let j = 0; j < p; j++) w[j] -= lr * (gw[j] / X.length + l2 * w[j]);
  }
  return { w, b };
}
for (const mode of ['all', 'inspected']) {
  const pop = mode === 'all' ? s : s.filter(x => x.laterGrade);
  const train = pop.filter(x => Number(x.record.urn) % 2 === 0), test = pop.filter(x => Number(x.record.urn) % 2 === 1);
  const { w, b } = fit(train.map(feats), train.map(x => isBelowGood(x.laterGrade) ? 1 : 0));
  console.log(mode, 'b', b.toFixed(2), names.map((n, j) => `${n}=${w[j].toFixed(2)}`).join(' '));
  const sc = (x: typeof s[0]) => { const f = feats(x); return b + f.reduce((a, v, j) => a + v * w[j], 0); };
  for (const [nm, set] of [['train', train], ['test', test]] as const) {
    console.log(' ', nm, 'top10', captureInTopFraction(set.map(sc), set.map(x => isBelowGood(x.laterGrade)), 0.1).toFixed(3), 'top20', captureInTopFraction(set.map(sc), set.map(x => isBelowGood(x.laterGrade)), 0.2).toFixed(3));
  }
}
