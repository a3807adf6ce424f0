/**
 * The SIG pack laid out as worksheets, once for both shells: the SIG summary (one A4 landscape page) and
 * the School profiles (a page per school of concern). Cells carry a style by name, charts say which cells
 * they read, and each sheet says how it prints; the command line writes these into the package, the task
 * pane through Office.js. What each look means (bold, size, wrap, fill...) is said here too (lookStyle),
 * so both shells format a look alike. Lists on the summary are cut to what a page holds, and say how many
 * more.
 */
import { MAX_PROFILES, type Pack, type PackHeading, type SchoolLine } from './pack';

/** How a cell looks, by name; a category's fill carries its colours. */
export type CellLook = 'title' | 'subtitle' | 'heading' | 'header' | 'section' | 'plain' | 'wrap' | 'percent' | 'note' | { readonly fill: string; readonly colour: string };

/** What a look means, in the terms every shell formats with. */
export interface LookStyle {
  readonly bold?: boolean;
  /** Font size in points (11 when absent). */
  readonly size?: number;
  /** Text colour, "#RRGGBB". */
  readonly colour?: string;
  /** Solid fill colour, "#RRGGBB". */
  readonly fill?: string;
  /** A number format code ("0%"). */
  readonly numberFormat?: string;
  readonly wrap?: boolean;
  /** Aligned to the top of its row (else the bottom, Excel's default). */
  readonly top?: boolean;
}

const LOOK_STYLES: Readonly<Record<Exclude<CellLook, object>, LookStyle>> = {
  title: { bold: true, size: 14 },
  subtitle: {},
  heading: { bold: true, size: 12 },
  // Headers wrap too, so a long one ("Alternative provision") is never cut off by the next column.
  header: { bold: true, wrap: true },
  // A list's title in a column of the list (the Changes sheet's sections): bold, and running on across the empty cells beside it.
  section: { bold: true },
  plain: { top: true },
  wrap: { top: true, wrap: true },
  percent: { numberFormat: '0%' },
  note: { colour: '#595959' },
};

/** What a cell's look means (no look: plain). */
export function lookStyle(look: CellLook | undefined): LookStyle {
  if (look === undefined) return LOOK_STYLES.plain;
  return typeof look === 'object' ? { bold: true, fill: look.fill, colour: look.colour, top: true } : LOOK_STYLES[look];
}

export interface LayoutCell {
  readonly value: string | number;
  readonly look?: CellLook;
}

/** A chart on a sheet: its kind, the cells it reads (0-based, inclusive) and where it sits. */
export interface LayoutChart {
  readonly kind: 'column' | 'line';
  readonly title: string;
  /** The category labels: one column (column chart: the category names) or one row (line chart: the runs). */
  readonly labels: { readonly top: number; readonly left: number; readonly bottom: number; readonly right: number };
  /** One series per entry: its name's cell and its values. */
  readonly series: readonly { readonly name: { readonly row: number; readonly col: number }; readonly values: { readonly top: number; readonly left: number; readonly bottom: number; readonly right: number }; readonly colour: string }[];
  /** Colour per bar (column chart of one series). */
  readonly pointColours?: readonly string[];
  /** Anchored from this cell to that one (0-based). */
  readonly from: { readonly row: number; readonly col: number };
  readonly to: { readonly row: number; readonly col: number };
}

/** How a sheet prints: A4 landscape, one page wide; `onePage` fits it on one page. */
export interface LayoutPrint {
  readonly onePage: boolean;
  /** Each block between page breaks prints on one page (a school's profile): scaled so the longest fits. */
  readonly pagePerBlock?: boolean;
  /** Rows repeated at the top of every page (count from the first row); 0 for none. */
  readonly titleRows: number;
  /** Header and footer text, as plain words (each shell turns them into its codes). */
  readonly header: string;
  readonly footerRight: string;
}

export interface SheetLayout {
  readonly name: string;
  readonly widths: readonly number[];
  readonly rows: readonly (readonly (LayoutCell | null)[])[];
  /** Rows (0-based) a new printed page starts at. */
  readonly pageBreaks: readonly number[];
  readonly charts: readonly LayoutChart[];
  readonly print: LayoutPrint;
}

export const SUMMARY_SHEET = 'SIG summary';
export const PROFILES_SHEET = 'School profiles';

/**
 * Whether a sheet of the pack's name holds a pack of ours, from its first two cells down column A (the
 * summary's title ends ": SIG summary"; a profile page's second line starts "URN "): a sheet an analyst
 * happens to call "SIG summary" is theirs and is never replaced.
 */
export function isOurPackSheet(name: string, firstCells: readonly unknown[]): boolean {
  const [a1 = '', a2 = ''] = firstCells.map((v) => String(v ?? ''));
  const base = name.replace(/ \(\d+\)$/, '');
  if (base === SUMMARY_SHEET) return a1.endsWith(': SIG summary');
  if (base === PROFILES_SHEET) return a2.startsWith('URN ') || a1 === 'No school is in the two most concerning categories.';
  if (base === 'Run log') return a1 === 'Run at';
  return false;
}

/** A sheet of ours by its name, or one we numbered ("SIG summary (2)") beside an analyst's of that name. */
export function isOurSheetName(name: string): boolean {
  return /^(SIG summary|School profiles|Run log)( \(\d+\))?$/.test(name);
}
/** Lines a list of schools shows on the one-page summary before "and N more". */
export const LIST_LINES = 8;

/** Header words for every sheet of the pack: the authority, the framework, the as-of date. */
export function packHeader(pack: PackHeading): string {
  return `${pack.authority} · ${pack.framework.name} · as of ${pack.asOf}`;
}

/** How a sheet of the pack prints, but for the page settings that are the sheet's own. */
function packPrint(pack: PackHeading, print: Pick<LayoutPrint, 'onePage' | 'pagePerBlock' | 'titleRows'>): LayoutPrint {
  return { ...print, header: packHeader(pack), footerRight: `Run ${pack.ranAt.slice(0, 16).replace('T', ' ')} UTC` };
}

/** How the Run log prints: one page wide, its header row on every page; the footer leaves the run's time to the rows. */
export function runLogPrint(pack: PackHeading): LayoutPrint {
  return { onePage: false, titleRows: 1, header: packHeader(pack), footerRight: '' };
}

/** A builder of rows: the current row's index, and cells added left to right. */
class Rows {
  readonly rows: (LayoutCell | null)[][] = [];
  get next(): number {
    return this.rows.length;
  }
  add(...cells: (LayoutCell | string | number | null)[]): number {
    this.rows.push(cells.map((c) => (c === null ? null : typeof c === 'object' ? c : { value: c })));
    return this.rows.length - 1;
  }
  blank(): void {
    this.rows.push([]);
  }
}

const h = (value: string): LayoutCell => ({ value, look: 'header' });
const heading = (value: string): LayoutCell => ({ value, look: 'heading' });
const fill = (c: { label: string; colour: string; textColour: string }): LayoutCell => ({ value: c.label, look: { fill: c.colour, colour: c.textColour } });

/** Columns of the summary's left half (tables of counts) and where its right half (lists of schools) starts. */
const LEFT_WIDTHS = [30, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13];
const GAP = 2;
const RIGHT = LEFT_WIDTHS.length + 1;
const RIGHT_WIDTHS = [30, 8, 24, 36];

/** The one-page SIG summary: counts on the left with their charts below, lists of schools on the right. */
export function summaryLayout(pack: Pack): SheetLayout {
  const top = new Rows();
  top.add({ value: `${pack.authority}: SIG summary`, look: 'title' });
  top.add({ value: `${pack.framework.name} (version ${pack.framework.version}), as of ${pack.asOf}. ${pack.total} schools from ${pack.source}.`, look: 'subtitle' });
  top.blank();
  const offset = top.next;

  // Left: counts, by phase, by status, movements, the trend's table.
  const l = new Rows();
  l.add(heading('Schools per category'));
  l.add(h('Category'), h('Schools'), h('Share'), h('Provisional'));
  const first = l.next;
  const share = (n: number) => (pack.total ? n / pack.total : 0);
  for (const c of pack.counts) l.add(fill(c), c.schools, { value: share(c.schools), look: 'percent' }, c.provisional);
  const last = l.next - 1;
  l.add('Not categorised (see Problems)', pack.notCategorised, { value: share(pack.notCategorised), look: 'percent' }, '');
  l.add({ value: 'Total', look: 'header' }, pack.total, { value: 1, look: 'percent' }, pack.counts.reduce((a, c) => a + c.provisional, 0));
  l.blank();
  crossTab(l, 'By phase', pack.byPhase);
  crossTab(l, 'Maintained schools and academies', pack.byStatus);
  l.add(heading('Movements since the previous run'));
  if (pack.movements.firstRun) l.add({ value: 'The first run on this register: movements show from the next run.', look: 'note' });
  else for (const t of pack.movements.totals) l.add(t.label, t.schools);
  l.blank();
  l.add(heading(`The last ${pack.trend.runs.length === 1 ? 'run' : `${pack.trend.runs.length} runs`} under this framework`));
  l.add(h('As of'), ...pack.counts.map((c) => h(c.label)));
  const runsFirst = l.next;
  for (const run of pack.trend.runs) l.add(run.asOf, ...run.counts);
  const runsLast = l.next - 1;
  l.blank();
  const chartsAt = offset + l.next;

  // Right: the schools the SIG will ask about.
  const r = new Rows();
  if (!pack.movements.firstRun && pack.movements.changed.length) {
    r.add(heading(`Schools that changed category (${pack.movements.changed.length})`));
    r.add(h('School'), h('URN'), h('Previous → now'), h('Movement'));
    for (const m of pack.movements.changed.slice(0, LIST_LINES)) r.add(m.name, m.urn, `${m.previous} → ${m.now}`, m.movement);
    more(r, pack.movements.changed.length);
    r.blank();
  }
  schoolList(r, `Inspections overdue (${pack.overdue.length})`, pack.overdue, 'Latest date');
  schoolList(r, `Inspections due this term (${pack.dueThisTerm.length})`, pack.dueThisTerm, 'Window');
  schoolList(r, 'Highest inspection risks', pack.highestRisks, 'Inspection risk');
  schoolList(r, `"Stuck" schools, as the DfE defines them for RISE (${pack.stuck.length})`, pack.stuck, 'Why');
  r.add({ value: pack.profilesNotShown
    ? `The first ${pack.profiles.length} of the ${pack.profiles.length + pack.profilesNotShown} schools in the two most concerning categories have a page in "${PROFILES_SHEET}".`
    : `Each school in the two most concerning categories has a page in "${PROFILES_SHEET}" (${pack.profiles.length}).`, look: 'note' });

  // Side by side, then the two charts under the left half.
  const rows: (LayoutCell | null)[][] = [...top.rows];
  for (let i = 0; i < Math.max(l.next, r.next); i++) {
    const left = l.rows[i] ?? [];
    const right = r.rows[i] ?? [];
    rows.push(right.length ? [...left, ...Array<null>(RIGHT - left.length).fill(null), ...right] : [...left]);
  }
  const half = Math.floor(LEFT_WIDTHS.length / 2);
  const charts: LayoutChart[] = [
    {
      kind: 'column', title: 'Schools per category',
      labels: { top: offset + first, left: 0, bottom: offset + last, right: 0 },
      series: [{ name: { row: offset + first - 1, col: 1 }, values: { top: offset + first, left: 1, bottom: offset + last, right: 1 }, colour: '#4472C4' }],
      pointColours: pack.counts.map((c) => c.colour),
      from: { row: chartsAt, col: 0 }, to: { row: chartsAt + 16, col: half },
    },
    {
      kind: 'line', title: 'Schools per category, run by run',
      labels: { top: offset + runsFirst, left: 0, bottom: offset + runsLast, right: 0 },
      series: pack.counts.map((c, k) => ({ name: { row: offset + runsFirst - 1, col: 1 + k }, values: { top: offset + runsFirst, left: 1 + k, bottom: offset + runsLast, right: 1 + k }, colour: c.colour })),
      from: { row: chartsAt, col: half }, to: { row: chartsAt + 16, col: LEFT_WIDTHS.length },
    },
  ];
  // Rows under the charts, so the printed page holds them.
  while (rows.length < chartsAt + 17) rows.push([]);
  return {
    name: SUMMARY_SHEET,
    widths: [...LEFT_WIDTHS, ...Array<number>(RIGHT - LEFT_WIDTHS.length).fill(GAP), ...RIGHT_WIDTHS],
    rows,
    pageBreaks: [],
    charts,
    print: packPrint(pack, { onePage: true, titleRows: 0 }),
  };
}

function crossTab(r: Rows, title: string, t: Pack['byPhase']): void {
  r.add(heading(title));
  r.add(h('Category'), ...t.columns.map(h), h('Total'));
  for (const row of t.rows) r.add(fill(row.category), ...row.counts, row.counts.reduce((a, n) => a + n, 0));
  r.blank();
}

function schoolList(r: Rows, title: string, lines: readonly SchoolLine[], detail: string): void {
  r.add(heading(title));
  if (lines.length === 0) {
    r.add({ value: 'None.', look: 'note' });
  } else {
    r.add(h('School'), h('URN'), h('Category'), h(detail));
    for (const l of lines.slice(0, LIST_LINES)) r.add(l.name, l.urn, l.category, l.detail);
    more(r, lines.length);
  }
  r.blank();
}

function more(r: Rows, n: number): void {
  if (n > LIST_LINES) r.add({ value: `and ${n - LIST_LINES} more (in the register's result columns)`, look: 'note' });
}

/** A page per school of concern (or for one school: a pack of one profile). */
export function profilesLayout(pack: PackHeading & Pick<Pack, 'profiles' | 'profilesNotShown'>): SheetLayout {
  const r = new Rows();
  const pageBreaks: number[] = [];
  if (pack.profiles.length === 0) r.add({ value: 'No school is in the two most concerning categories.', look: 'note' });
  pack.profiles.forEach((p, i) => {
    if (i > 0) pageBreaks.push(r.next);
    r.add({ value: p.name, look: 'title' });
    r.add({ value: `URN ${p.urn} · ${p.phase} · ${p.status}`, look: 'subtitle' });
    r.add(h('Category'), { value: p.category, look: { fill: p.colour, colour: p.textColour } });
    if (p.missing) r.add(h('Missing evidence'), { value: p.missing, look: 'wrap' });
    if (p.override) r.add(h('Analyst override'), { value: p.override, look: 'wrap' });
    r.blank();
    r.add(heading('Why'));
    r.add(null, h('Reason'), h('Section'), h('The policy says'));
    p.reasons.forEach((x, k) => r.add(k + 1, { value: x.text, look: 'wrap' }, { value: x.section, look: 'wrap' }, { value: x.quote, look: 'wrap' }));
    r.blank();
    r.add(heading('Support'));
    r.add(h('Offer'), { value: `${p.support.summary} [${p.support.section}]`, look: 'wrap' });
    for (const a of p.support.actions) r.add(h('Action'), { value: a, look: 'wrap' });
    if (p.support.cadence) r.add(h('How often'), { value: p.support.cadence, look: 'wrap' });
    if (p.support.informed.length) r.add(h('Who is informed'), { value: p.support.informed.join('; '), look: 'wrap' });
    for (const a of p.alsoOffered) r.add(h('Also'), { value: a, look: 'wrap' });
    r.blank();
    r.add(heading('Ofsted'));
    for (const o of p.ofsted) r.add(null, o);
    r.add(null, { value: p.window, look: 'wrap' });
    r.blank();
    r.add(heading('Against the framework'));
    r.add(null, h('Criterion'), h('Section'), h('This school'));
    for (const c of p.criteria) r.add(null, { value: c.label, look: 'wrap' }, { value: c.section, look: 'wrap' }, { value: c.outcome === 'Not known' && c.missing ? `Not known: ${c.missing} blank` : c.outcome, look: 'wrap' });
    if (p.problems.length) {
      r.blank();
      r.add(heading('Problems'));
      for (const x of p.problems) r.add(null, { value: x, look: 'wrap' });
    }
  });
  if (pack.profilesNotShown) {
    r.blank();
    r.add({ value: `And ${pack.profilesNotShown} more schools in these categories, past the ${MAX_PROFILES} a pack holds: their reasons and support are in the register's result columns, and the task pane writes any school's profile on request.`, look: 'note' });
  }
  return {
    name: PROFILES_SHEET,
    widths: [16, 60, 32, 44],
    rows: r.rows,
    pageBreaks,
    charts: [],
    // A page per profile: the sheet is scaled so that the longest profile fits a page.
    print: packPrint(pack, { onePage: false, pagePerBlock: true, titleRows: 0 }),
  };
}
