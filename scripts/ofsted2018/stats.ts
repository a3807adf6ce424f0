/**
 * The few statistics the risk fit and its backtest need, written out so that every step can be read:
 * a binary regression fitted by Fisher scoring (logistic, or complementary log-log with an offset, which
 * is a proportional-hazards model for "an event within a period"), with coefficients that may be held to
 * a sign; the share of events in the riskiest fraction; the AUC; a calibration table.
 */

/** How the linear predictor becomes a probability. */
export type Link = 'logit' | 'cloglog';

/** One fitted binary regression: coefficient 0 is the intercept. */
export interface BinaryFit {
  readonly coefficients: number[];
  /** Mean log-likelihood per row at the fit. */
  readonly logLikelihood: number;
}

/** Probability and its derivative by the linear predictor. */
function inverseLink(link: Link, eta: number): { p: number; dp: number } {
  if (link === 'logit') {
    const p = 1 / (1 + Math.exp(-eta));
    return { p, dp: p * (1 - p) };
  }
  const rate = Math.exp(eta);
  const survive = Math.exp(-rate);
  return { p: 1 - survive, dp: survive * rate };
}

/** The probability a fitted row gets. */
export function predict(link: Link, coefficients: readonly number[], x: readonly number[], offset = 0): number {
  let eta = offset;
  for (let j = 0; j < coefficients.length; j++) eta += coefficients[j]! * x[j]!;
  return inverseLink(link, eta).p;
}

/** Solves A x = b (small, dense, Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const d = m[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / d;
      if (f !== 0) for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12));
}

/**
 * Maximum likelihood for P(y = 1) = link⁻¹(offset + X b), with an L2 penalty `ridge` per row on every
 * coefficient but the intercept, and `signs[j]` = +1 or -1 holding coefficient j at or above (below) zero:
 * a coefficient that would cross zero is held at zero and the rest refitted (an active set).
 */
export function fitBinary(link: Link, x: readonly (readonly number[])[], y: readonly boolean[], options: { offsets?: readonly number[]; signs?: readonly number[]; ridge?: number } = {}): BinaryFit {
  const p = x[0]!.length;
  const n = x.length;
  const ridge = options.ridge ?? 1e-4;
  const b = new Array<number>(p).fill(0);
  b[0] = link === 'logit' ? -1 : 0;
  const held = new Set<number>();
  let logLikelihood = -Infinity;
  for (let iteration = 0; iteration < 200; iteration++) {
    const h = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const g = new Array<number>(p).fill(0);
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const row = x[i]!;
      let eta = options.offsets?.[i] ?? 0;
      for (let j = 0; j < p; j++) eta += b[j]! * row[j]!;
      const { p: raw, dp } = inverseLink(link, eta);
      const prob = Math.min(1 - 1e-12, Math.max(1e-12, raw));
      ll += y[i] ? Math.log(prob) : Math.log(1 - prob);
      const score = ((y[i] ? 1 : 0) - prob) / (prob * (1 - prob)) * dp;
      const weight = (dp * dp) / (prob * (1 - prob));
      for (let j = 0; j < p; j++) {
        const xj = row[j]!;
        if (xj === 0) continue;
        g[j]! += score * xj;
        for (let k = 0; k <= j; k++) h[j]![k]! += weight * xj * row[k]!;
      }
    }
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < j; k++) h[k]![j] = h[j]![k]!;
      if (j > 0) {
        h[j]![j]! += ridge * n;
        g[j]! -= ridge * n * b[j]!;
      }
      h[j]![j]! += 1e-9;
    }
    const pull = g.slice();
    // Held coefficients stay at zero: their rows become identity with a zero step.
    for (const j of held) {
      for (let k = 0; k < p; k++) h[j]![k] = h[k]![j] = 0;
      h[j]![j] = 1;
      g[j] = 0;
    }
    const step = solve(h, g);
    const largest = Math.max(...step.map(Math.abs));
    const damping = largest > 2 ? 2 / largest : 1;
    let released = false;
    for (let j = 0; j < p; j++) {
      b[j]! += damping * step[j]!;
      const sign = options.signs?.[j] ?? 0;
      if (sign !== 0 && sign * b[j]! < 0) {
        b[j] = 0;
        held.add(j);
      } else if (held.has(j) && sign * pull[j]! > 0 && iteration % 20 === 19) {
        // Now and then, let a held coefficient go if the likelihood pulls it the allowed way.
        held.delete(j);
        released = true;
      }
    }
    if (!released && Math.abs(ll - logLikelihood) < 1e-9 * n && largest * damping < 1e-7) break;
    logLikelihood = ll;
  }
  return { coefficients: b, logLikelihood: logLikelihood / n };
}

/** Mean log-likelihood of probabilities against outcomes (higher is better). */
export function meanLogLikelihood(probabilities: readonly number[], outcomes: readonly boolean[]): number {
  let s = 0;
  probabilities.forEach((raw, i) => {
    const q = Math.min(1 - 1e-12, Math.max(1e-12, raw));
    s += outcomes[i] ? Math.log(q) : Math.log(1 - q);
  });
  return s / probabilities.length;
}

/**
 * Share of the events that fall in the riskiest `fraction` of rows. Ties at the cut-off are shared out in
 * proportion (the expected share under a random tie-break), so the figure does not depend on row order.
 */
export function captureInTopFraction(scores: readonly number[], events: readonly boolean[], fraction: number): number {
  const k = Math.round(scores.length * fraction);
  const cutoff = [...scores].sort((a, b) => b - a)[k - 1]!;
  let above = 0;
  let atCutoff = 0;
  for (const s of scores) {
    if (s > cutoff) above++;
    else if (s === cutoff) atCutoff++;
  }
  const share = (k - above) / atCutoff;
  let captured = 0;
  let total = 0;
  scores.forEach((s, i) => {
    if (!events[i]) return;
    total++;
    if (s > cutoff) captured++;
    else if (s === cutoff) captured += share;
  });
  return total === 0 ? 0 : captured / total;
}

/** Area under the ROC curve: the chance a random event outranks a random non-event (ties count half). */
export function areaUnderCurve(scores: readonly number[], events: readonly boolean[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const rank = new Array<number>(scores.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && scores[order[j]!] === scores[order[i]!]) j++;
    for (let k = i; k < j; k++) rank[order[k]!] = (i + j + 1) / 2;
    i = j;
  }
  let positives = 0;
  let rankSum = 0;
  events.forEach((e, i) => {
    if (!e) return;
    positives++;
    rankSum += rank[i]!;
  });
  const negatives = events.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** One row of a calibration table. */
export interface CalibrationRow {
  readonly schools: number;
  /** Mean predicted probability. */
  readonly predicted: number;
  /** Share that had the event. */
  readonly observed: number;
}

/** Predicted against observed by equal-sized groups of rising predicted probability (deciles for 10). */
export function calibrationTable(probabilities: readonly number[], events: readonly boolean[], groups = 10): CalibrationRow[] {
  const order = probabilities.map((_, i) => i).sort((a, b) => probabilities[a]! - probabilities[b]! || a - b);
  const rows: CalibrationRow[] = [];
  for (let g = 0; g < groups; g++) {
    const part = order.slice(Math.floor((g * order.length) / groups), Math.floor(((g + 1) * order.length) / groups));
    rows.push({
      schools: part.length,
      predicted: part.reduce((s, i) => s + probabilities[i]!, 0) / part.length,
      observed: part.filter((i) => events[i]).length / part.length,
    });
  }
  return rows;
}
