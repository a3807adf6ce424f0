import { beforeAll, describe, expect, it } from 'vitest';
import { fromIsoDate } from '../../../core/dates';
import { frameworkById } from '../../../core/frameworks';
import { buildPack, HIGHEST_RISKS, TREND_RUNS, type Pack } from '../../../src/run/pack';
import { LIST_LINES, profilesLayout, summaryLayout } from '../../../src/run/packSheets';
import { planRun, RESULT_HEADERS, type RunPlan } from '../../../src/run/registerRun';
import { readRunLog, RUN_LOG_HEADERS, runLogRow } from '../../../src/run/runLog';
import type { GridValue } from '../../../src/workbook/cell';
import { readSheetGrid } from '../../../src/workbook/readFile';

const asOf = fromIsoDate('2026-11-01')!;
const oxfordshire = frameworkById('oxfordshire')!;
const ranAt = new Date(Date.UTC(2026, 10, 1, 9));
let sample: GridValue[][] = [];
let plan: RunPlan;
let pack: Pack;

beforeAll(async () => {
  sample = (await readSheetGrid('examples/sample-register.xlsx')).values;
  plan = planRun(sample, { framework: oxfordshire, asOf, source: 'sample' });
  pack = buildPack(plan, oxfordshire, { asOf, ranAt, source: 'sample', history: [] });
});

describe('the SIG pack of the sample register', () => {
  it('counts every school once: by category, by phase and by maintained / academy, with the same totals', () => {
    const categorised = pack.counts.reduce((a, c) => a + c.schools, 0);
    expect(categorised + pack.notCategorised).toBe(pack.total);
    expect(pack.total).toBe(200);
    for (const t of [pack.byPhase, pack.byStatus]) {
      t.rows.forEach((r, i) => expect(r.counts.reduce((a, n) => a + n, 0)).toBe(pack.counts[i]!.schools));
    }
    expect(pack.byStatus.columns).toEqual(['Maintained', 'Academy', 'Not recorded']);
  });

  it('lists overdue inspections (latest date before the as-of date), earliest first, and those due this term', () => {
    expect(pack.overdue.length).toBeGreaterThan(0);
    const dates = pack.overdue.map((l) => l.detail.replace('due by ', '').split('/').reverse().join('-'));
    expect([...dates].sort()).toEqual(dates);
    expect(dates.every((d) => d < '2026-11-01')).toBe(true);
    expect(pack.dueThisTerm.every((l) => !pack.overdue.some((o) => o.urn === l.urn))).toBe(true);
  });

  it('ranks the highest inspection risks by score, and finds the schools the DfE would call stuck', () => {
    expect(pack.highestRisks).toHaveLength(HIGHEST_RISKS);
    const scores = pack.highestRisks.map((l) => Number(/score (\d+)/.exec(l.detail)![1]));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // Stuck: requires improvement now, below good at the inspection before.
    const grade = (urn: string, col: string) => String(sample.find((r) => String(r[0]) === urn)![sample[0]!.indexOf(col)]);
    expect(pack.stuck.length).toBeGreaterThan(0);
    for (const s of pack.stuck) {
      // Judged RI (or, in 2024-25, RI for quality of education) now, and below good at the graded inspection before.
      const now = `${grade(s.urn, 'Ofsted grade')} ${grade(s.urn, 'Quality of education')}`;
      expect(grade(s.urn, 'Report card date') === '' ? now : grade(s.urn, 'Leadership and governance')).toMatch(/requires improvement|\bri\b|\b3\b|needs attention/i);
      expect(grade(s.urn, grade(s.urn, 'Report card date') === '' ? 'Previous Ofsted grade' : 'Ofsted grade')).toMatch(/requires improvement|inadequate|serious|special|^ri$|^[34]/i);
    }
  });

  it('profiles every school in the two most concerning categories, most concerning first, each with its reasons, offer and every criterion', () => {
    const top = new Set(['ri', 'inadequate']);
    const concerning = plan.rows.filter((r) => r.outcome.result && top.has(r.outcome.result.category));
    expect(pack.profiles.map((p) => p.urn).sort()).toEqual(concerning.map((r) => r.outcome.urn).sort());
    expect(pack.profiles[0]!.category).toMatch(/^Inadequate/);
    for (const p of pack.profiles) {
      expect(p.reasons.length).toBeGreaterThan(0);
      expect(p.reasons.every((x) => x.section && x.quote)).toBe(true);
      expect(p.support.summary).not.toBe('');
      expect(p.criteria).toHaveLength(oxfordshire.definition.criteria.length);
    }
  });

  it('on a first run there are no movements to show; the trend is this run alone', () => {
    expect(pack.movements.firstRun).toBe(false); // the sample keeps its own "Previous category" column
    const bare = planRun(sample.map((r) => r.filter((_, i) => i !== sample[0]!.indexOf('Previous category'))), { framework: oxfordshire, asOf, source: 'sample' });
    const first = buildPack(bare, oxfordshire, { asOf, ranAt, source: 'sample', history: [] });
    expect(first.movements.firstRun).toBe(true);
    expect(first.movements.totals.every((t) => t.schools === 0)).toBe(true);
    expect(first.trend.runs).toEqual([{ asOf: '01/11/2026', counts: first.counts.map((c) => c.schools) }]);
  });
});

describe('the trend, read back from the Run log', () => {
  it('shows the last runs under this framework (others left out), this one last', () => {
    const row = (fw: string, date: string, counts: string) => ['2026-01-01T00:00:00.000Z', `${fw} name (${fw})`, '1', date, 'src', 1, 1, 0, 0, 0, '', '', '', '', counts];
    const log = [
      [...RUN_LOG_HEADERS],
      ...Array.from({ length: 7 }, (_, i) => row('oxfordshire', `0${i + 1}/01/2026`, `universal=${100 + i}; targeted=${50 - i}`)),
      row('oldham', '01/06/2026', 'green=1'),
      ['typed by the analyst'],
    ];
    const history = readRunLog(log);
    expect(history).toHaveLength(8);
    const p = buildPack(plan, oxfordshire, { asOf, ranAt, source: 'sample', history });
    expect(p.trend.runs).toHaveLength(TREND_RUNS);
    expect(p.trend.runs.map((r) => r.asOf)).toEqual(['03/01/2026', '04/01/2026', '05/01/2026', '06/01/2026', '07/01/2026', '01/11/2026']);
    // A category a run did not log counts 0 there.
    expect(p.trend.runs[0]!.counts).toEqual([102, 48, 0, 0, 0]);
  });

  it('logs each run\'s counts by category id, which the next run reads back', () => {
    const row = runLogRow(plan, { framework: oxfordshire, asOf, source: 'sample', ranAt });
    expect(row).toHaveLength(RUN_LOG_HEADERS.length);
    const [entry] = readRunLog([[...RUN_LOG_HEADERS], row]);
    expect(entry).toMatchObject({ frameworkId: 'oxfordshire', asOf: '01/11/2026', counts: Object.fromEntries(pack.counts.map((c) => [c.id, c.schools])) });
  });
});

describe('the pack as sheets', () => {
  it('the summary prints on one page; lists are cut to what a page holds and say how many more', () => {
    const s = summaryLayout(pack);
    expect(s.print).toMatchObject({ onePage: true });
    const texts = s.rows.flat().filter(Boolean).map((c) => String(c!.value));
    expect(texts).toContain(`Inspections overdue (${pack.overdue.length})`);
    expect(texts).toContain(`and ${pack.overdue.length - LIST_LINES} more (in the register's result columns)`);
    expect(s.charts.map((c) => c.kind)).toEqual(['column', 'line']);
    // The charts read the counts and the trend's cells.
    const counts = s.charts[0]!.series[0]!.values;
    expect(s.rows.slice(counts.top, counts.bottom + 1).map((r) => r[1]!.value)).toEqual(pack.counts.map((c) => c.schools));
  });

  it('the profiles: a page break before each school but the first, every one scaled to fit its page', () => {
    const p = profilesLayout(pack);
    expect(p.pageBreaks).toHaveLength(pack.profiles.length - 1);
    expect(p.print.pagePerBlock).toBe(true);
    for (const [k, b] of p.pageBreaks.entries()) expect(p.rows[b]![0]!.value).toBe(pack.profiles[k + 1]!.name);
  });

  it('labels in cells: the movement and previous category read as the Category column does', () => {
    const labels = new Set(oxfordshire.definition.categories.map((c) => c.label));
    const previous = RESULT_HEADERS.indexOf('Previous category (last run)');
    for (const r of plan.rows) {
      const v = String(r.cells[previous]);
      if (v) expect(labels.has(v)).toBe(true);
    }
  });
});
