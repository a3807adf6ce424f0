/**
 * The Excel double's charts and page layout (see excelDouble.ts for how commands queue and apply), as
 * Excel keeps them:
 * - A chart (`worksheet.charts.add(type, source, seriesBy)`) reads its source when it is made
 *   (excelModel.ts `chartSeries`); then `title.text`, `legend.visible`, `setPosition(start, end)`, and per
 *   series (`series.getItemAt(i)`, ItemNotFound past the last): `format.fill.setSolidColor`,
 *   `format.line.color`, `markerStyle`, `markerBackgroundColor`, `markerForegroundColor`, and per point
 *   (`points.getItemAt(k)`, ItemNotFound past the last category) `format.fill.setSolidColor`,
 *   `format.border.color`.
 * - `worksheet.pageLayout` (ExcelApi 1.9): `orientation`, `paperSize`, the margins, `zoom` (a scale from
 *   10 to 400, or pages to fit: both at once are refused), `headersFooters.defaultForAllPages` (left,
 *   center, right header and footer) and `setPrintTitleRows`.
 * - `worksheet.horizontalPageBreaks.add(range)` (ExcelApi 1.9): a manual break before the range's top row.
 */
import { parseAddress } from '../../src/workbook/port';
import { addressOf, chartSeries, DoubleError, type Box, type ChartModel, type PageLayoutModel, type SeriesModel, type SheetModel } from './excelModel';

/** How a proxy queues a command: its payload (measured in the request) and what it does when the sync applies it. */
export interface CommandQueue {
  push(payload: unknown, apply: () => void): void;
}

/** A range proxy, or an address on the sheet. */
export type RangeRef = string | { target(): { sheet: SheetModel; box: Box } };

const boxOf = (sheet: SheetModel, ref: RangeRef): Box => {
  if (typeof ref !== 'string') return ref.target().box;
  const whole = /^\$?(\d+):\$?(\d+)$/.exec(ref);
  if (whole) return { top: Number(whole[1]) - 1, left: 0, bottom: Number(whole[2]) - 1, right: 16_383 };
  const a = parseAddress(ref.includes('!') ? ref : `${sheet.name}!${ref}`);
  return { top: a.top, left: a.left, bottom: a.bottom, right: a.right };
};

/** A property that queues its setting, and throws PropertyNotLoaded when read (the double loads none of these). */
function settable<T>(q: CommandQueue, target: object, prop: string, apply: (v: T) => void): void {
  Object.defineProperty(target, prop, {
    set: (v: T) => q.push({ op: prop, v }, () => apply(v)),
    get: () => {
      throw new DoubleError('PropertyNotLoaded', `The property '${prop}' is not available.`);
    },
    enumerable: true,
  });
}

/** `Worksheet.charts.add`: the chart reads its source once the command applies. */
export function addChart(q: CommandQueue, resolve: () => SheetModel, type: string, source: { target(): { sheet: SheetModel; box: Box } }, seriesBy: string): ChartProxy {
  const chart: ChartModel = { type, source: '', seriesBy, series: [], legendVisible: true };
  q.push({ op: 'addChart', type, seriesBy }, () => {
    const { sheet, box } = source.target();
    chart.source = addressOf(sheet.name, box);
    chart.series = chartSeries(sheet, box, seriesBy);
    resolve().charts.push(chart);
  });
  return new ChartProxy(q, chart);
}

/** `Excel.Chart`, as far as the port sets it. */
export class ChartProxy {
  readonly title = {} as { text: string };
  readonly legend = {} as { visible: boolean };
  readonly series: { getItemAt(index: number): SeriesProxy };
  constructor(private readonly q: CommandQueue, private readonly chart: ChartModel) {
    settable<string>(q, this.title, 'text', (t) => void (chart.title = t));
    settable<boolean>(q, this.legend, 'visible', (v) => void (chart.legendVisible = v));
    this.series = { getItemAt: (i) => new SeriesProxy(q, () => chart.series[i] ?? notFound(`series ${i}`)) };
  }
  setPosition(start: string, end?: string): void {
    this.q.push({ op: 'chartPosition', start, end }, () => void (this.chart.position = [start, end]));
  }
}

const notFound = (what: string): never => {
  throw new DoubleError('ItemNotFound', `The requested resource doesn't exist: ${what}.`);
};

/** `Excel.ChartSeries`: its colours and markers, and its points. */
class SeriesProxy {
  readonly format: { fill: { setSolidColor(c: string): void }; line: { color: string } };
  readonly points: { getItemAt(index: number): { format: { fill: { setSolidColor(c: string): void }; border: { color: string } } } };
  constructor(q: CommandQueue, series: () => SeriesModel) {
    const line = {} as { color: string };
    settable<string>(q, line, 'color', (c) => void (series().colour = c));
    this.format = { fill: { setSolidColor: (c) => q.push({ op: 'seriesFill', c }, () => void (series().colour = c)) }, line };
    for (const [prop, key] of [['markerStyle', 'style'], ['markerBackgroundColor', 'fill'], ['markerForegroundColor', 'outline']] as const) {
      settable<string>(q, this, prop, (v) => {
        const s = series();
        s.marker = { ...s.marker, [key]: v };
      });
    }
    this.points = {
      getItemAt: (k) => {
        // A point exists for each category the series' values cover.
        const point = () => {
          const s = series();
          const count = parseAddress(s.values).bottom - parseAddress(s.values).top + 1;
          if (k >= count) notFound(`point ${k}`);
          return (s.points[k] ??= {});
        };
        const border = {} as { color: string };
        settable<string>(q, border, 'color', (c) => void (point().outline = c));
        return { format: { fill: { setSolidColor: (c: string) => q.push({ op: 'pointFill', c }, () => void (point().fill = c)) }, border } };
      },
    };
  }
}

/** `Worksheet.pageLayout` (ExcelApi 1.9). */
export class PageLayoutProxy {
  readonly headersFooters: { defaultForAllPages: Record<'leftHeader' | 'centerHeader' | 'rightHeader' | 'leftFooter' | 'centerFooter' | 'rightFooter', string> };
  constructor(private readonly q: CommandQueue, private readonly sheet: () => SheetModel) {
    const page = () => sheet().pageLayout;
    settable<string>(q, this, 'orientation', (v) => void (page().orientation = v));
    settable<string>(q, this, 'paperSize', (v) => void (page().paperSize = v));
    for (const side of ['left', 'right', 'top', 'bottom', 'header', 'footer'] as const) settable<number>(q, this, `${side}Margin`, (v) => void (page().margins[side] = v));
    settable<PageLayoutModel['zoom']>(q, this, 'zoom', (z) => {
      const fits = z.horizontalFitToPages !== undefined || z.verticalFitToPages !== undefined;
      if (z.scale !== undefined && (fits || z.scale < 10 || z.scale > 400)) throw new DoubleError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      page().zoom = { ...z };
    });
    const all = {} as PageLayoutProxy['headersFooters']['defaultForAllPages'];
    for (const part of ['header', 'footer'] as const) {
      for (const at of ['left', 'center', 'right'] as const) settable<string>(q, all, `${at}${part === 'header' ? 'Header' : 'Footer'}`, (v) => void (page()[part][at] = v));
    }
    this.headersFooters = { defaultForAllPages: all };
  }
  /** Rows repeated at the top of each printed page: a range or "$1:$1". */
  setPrintTitleRows(rows: RangeRef): void {
    this.q.push({ op: 'setPrintTitleRows', rows: typeof rows === 'string' ? rows : 'range' }, () => {
      const b = boxOf(this.sheet(), rows);
      this.sheet().pageLayout.printTitleRows = `$${b.top + 1}:$${b.bottom + 1}`;
    });
  }
}

/** `Worksheet.horizontalPageBreaks` (ExcelApi 1.9): `add` puts a manual break before the range's top row. */
export class PageBreaksProxy {
  constructor(private readonly q: CommandQueue, private readonly sheet: () => SheetModel) {}
  add(range: RangeRef): void {
    this.q.push({ op: 'addPageBreak', range: typeof range === 'string' ? range : 'range' }, () => {
      const s = this.sheet();
      const row = boxOf(s, range).top;
      if (row === 0) throw new DoubleError('InvalidArgument', 'A page break cannot go before the first row.');
      if (!s.pageBreaks.includes(row)) {
        s.pageBreaks.push(row);
        s.pageBreaks.sort((a, b) => a - b);
      }
    });
  }
}
