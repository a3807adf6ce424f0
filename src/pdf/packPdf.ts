/**
 * The SIG pack as an A4 landscape PDF, for SIG members who read it away from Excel: the summary on the
 * first page (counts in the framework's colours, the charts as vectors, the tables and lists), then a page
 * per school of concern. Built from the same pack as the workbook's sheets (src/run/pack.ts).
 *
 * pdfmake (0.3): the document is one plain, typed definition built by a pure function (`packDocument`),
 * so it is tested without rendering; tables with per-cell fills, header and footer functions given the
 * page number and count, page breaks per profile, SVG drawn as vectors, fonts embedded and subset
 * (shared/PDF-LIBRARIES.md measured it against pdfkit, jsPDF and react-pdf). The fonts are DejaVu Sans
 * from the `dejavu-fonts-ttf` package, so the PDF looks the same on every machine.
 */
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { Content, CustomTableLayout, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Pack, PackCount, Profile, SchoolLine } from '../run/pack';
import { packHeader } from '../run/packSheets';

const GREY = '#595959';
/** Lines of a list on the summary page before "and N more" (the summary is one page). */
const LIST_LINES = 5;
/** Tables as compact as a one-page summary needs: rules under the header and the last row, light ones between. */
const COMPACT: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 1 || i === node.table.body.length ? 0.6 : i === 0 ? 0 : 0.2),
  vLineWidth: () => 0,
  hLineColor: () => '#808080',
  paddingLeft: () => 2,
  paddingRight: () => 2,
  paddingTop: () => 1,
  paddingBottom: () => 1,
};

/** The document definition of a pack (pure: no fonts, no files). */
export function packDocument(pack: Pack): TDocumentDefinitions {
  const ran = new Date(pack.ranAt);
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [32, 40, 32, 36],
    info: { title: `${pack.authority}: SIG pack, as of ${pack.asOf}`, author: 'School risk register', subject: pack.framework.name, creationDate: ran, modDate: ran } as TDocumentDefinitions['info'],
    defaultStyle: { font: 'DejaVu', fontSize: 7, lineHeight: 1.05 },
    styles: {
      title: { fontSize: 14, bold: true, margin: [0, 0, 0, 2] },
      subtitle: { fontSize: 8, color: GREY, margin: [0, 0, 0, 6] },
      heading: { fontSize: 8.5, bold: true, margin: [0, 4, 0, 1] },
      header: { bold: true },
      note: { color: GREY, italics: true },
    },
    header: () => ({ text: packHeader(pack), margin: [32, 16, 32, 0], fontSize: 7, color: GREY }),
    footer: (page: number, pages: number) => ({
      columns: [{ text: `Page ${page} of ${pages}` }, { text: `Run ${pack.ranAt.slice(0, 16).replace('T', ' ')} UTC`, alignment: 'right' }],
      margin: [32, 10, 32, 0], fontSize: 7, color: GREY,
    }),
    content: [summaryPage(pack), ...pack.profiles.map((p) => profilePage(p))],
  };
}

function summaryPage(pack: Pack): Content {
  const left: Content[] = [
    { text: 'Schools per category', style: 'heading' },
    table(['Category', 'Schools', 'Share', 'Provisional'], [
      ...pack.counts.map((c) => [fill(c), num(c.schools), pct(c.schools, pack.total), num(c.provisional)]),
      ['Not categorised (see Problems)', num(pack.notCategorised), pct(pack.notCategorised, pack.total), ''],
      [{ text: 'Total', bold: true }, num(pack.total), pct(pack.total, pack.total), num(pack.counts.reduce((a, c) => a + c.provisional, 0))],
    ], [120, 40, 36, 50]),
    { columns: [{ svg: columnChart(pack.counts), width: 185 }, { svg: trendChart(pack), width: 185 }], columnGap: 8, margin: [0, 4, 0, 0] },
    { text: 'By phase', style: 'heading' },
    crossTab(pack.byPhase),
    { text: 'Maintained schools and academies', style: 'heading' },
    crossTab(pack.byStatus),
    { text: 'Movements since the previous run', style: 'heading' },
    pack.movements.firstRun
      ? { text: 'The first run on this register: movements show from the next run.', style: 'note' }
      : table(['Movement', 'Schools'], pack.movements.totals.map((t) => [t.label, num(t.schools)]), [170, 40]),
  ];
  const right: Content[] = [
    ...(pack.movements.changed.length
      ? [{ text: `Schools that changed category (${pack.movements.changed.length})`, style: 'heading' } as Content,
        table(['School', 'URN', 'Previous → now', 'Movement'], pack.movements.changed.slice(0, LIST_LINES).map((m) => [m.name, m.urn, `${m.previous} → ${m.now}`, m.movement]), ['*', 30, 110, 56]),
        more(pack.movements.changed.length)]
      : []),
    ...schoolList(`Inspections overdue (${pack.overdue.length})`, pack.overdue, 'Latest date'),
    ...schoolList(`Inspections due this term (${pack.dueThisTerm.length})`, pack.dueThisTerm, 'Window'),
    ...schoolList('Highest inspection risks', pack.highestRisks, 'Inspection risk'),
    ...schoolList(`"Stuck" schools, as the DfE defines them for RISE (${pack.stuck.length})`, pack.stuck, 'Why'),
    { text: `A page follows for each school in the two most concerning categories (${pack.profiles.length}).`, style: 'note', margin: [0, 6, 0, 0] },
  ];
  return [
    { text: `${pack.authority}: SIG summary`, style: 'title' },
    { text: `${pack.framework.name} (version ${pack.framework.version}), as of ${pack.asOf}. ${pack.total} schools from ${pack.source}.`, style: 'subtitle' },
    { columns: [{ stack: left, width: LEFT_WIDTH }, { stack: right, width: '*' }], columnGap: 14 },
  ];
}

function profilePage(p: Profile): Content {
  return {
    pageBreak: 'before',
    stack: [
      { text: p.name, style: 'title' },
      { text: `URN ${p.urn} · ${p.phase} · ${p.status}`, style: 'subtitle' },
      table(['Category', ''], [
        [{ text: 'Category', bold: true }, { text: p.category, fillColor: p.colour, color: p.textColour, bold: true }],
        ...(p.missing ? [[{ text: 'Missing evidence', bold: true }, p.missing]] : []),
        ...(p.override ? [[{ text: 'Analyst override', bold: true }, p.override]] : []),
      ], [90, '*'], false),
      { text: 'Why', style: 'heading' },
      table(['Reason', 'Section', 'The policy says'], p.reasons.map((x) => [x.text, x.section, { text: x.quote, italics: true }]), ['*', 120, 220]),
      { text: 'Support', style: 'heading' },
      table(['', ''], [
        [{ text: 'Offer', bold: true }, `${p.support.summary} [${p.support.section}]`],
        ...p.support.actions.map((a) => [{ text: 'Action', bold: true }, a]),
        ...(p.support.cadence ? [[{ text: 'How often', bold: true }, p.support.cadence]] : []),
        ...(p.support.informed.length ? [[{ text: 'Who is informed', bold: true }, p.support.informed.join('; ')]] : []),
        ...p.alsoOffered.map((a) => [{ text: 'Also', bold: true }, a]),
      ], [90, '*'], false),
      { text: 'Ofsted', style: 'heading' },
      { ul: [...p.ofsted, p.window] },
      { text: 'Against the framework', style: 'heading' },
      { ...(table(['Criterion', 'Section', 'This school'], p.criteria.map((c) => [c.label, c.section, c.outcome === 'Not known' && c.missing ? `Not known: ${c.missing} blank` : c.outcome]), ['*', 270, 150]) as object), fontSize: 6.5 } as Content,
      ...(p.problems.length ? [{ text: 'Problems', style: 'heading' } as Content, { ul: [...p.problems] }] : []),
    ],
  };
}

const num = (n: number): TableCell => ({ text: n.toLocaleString('en-GB'), alignment: 'right' });
const pct = (n: number, of: number): TableCell => ({ text: `${of ? Math.round((n / of) * 100) : 0}%`, alignment: 'right' });
const fill = (c: PackCount): TableCell => ({ text: c.label, fillColor: c.colour, color: c.textColour, bold: true });

function table(header: readonly string[], rows: readonly (readonly TableCell[])[], widths: readonly (number | string)[], withHeader = true, headerSize?: number): Content {
  const body: TableCell[][] = [...(withHeader ? [header.map((h) => ({ text: h, style: 'header', ...(headerSize ? { fontSize: headerSize } : {}) }))] : []), ...rows.map((r) => [...r])];
  if (body.length === 0) body.push(header.map(() => ''));
  return { table: { headerRows: withHeader ? 1 : 0, widths: [...widths], body }, layout: COMPACT };
}

/** A table of categories by phase (or status) in the left half's width: the columns share what the category column leaves. */
function crossTab(t: Pack['byPhase']): Content {
  const width = Math.floor((LEFT_WIDTH - 84 - 4 * (t.columns.length + 2)) / (t.columns.length + 1));
  // Headers a size smaller, so "Alternative provision" wraps at its space, not inside a word.
  const body = table(['Category', ...t.columns, 'Total'], t.rows.map((r) => [fill(r.category), ...r.counts.map(num), num(r.counts.reduce((a, n) => a + n, 0))]), [84, ...t.columns.map(() => width), width], true, 5.2);
  return { ...(body as object), fontSize: 6.5 } as Content;
}

/** Points of the summary page's left half (the page is 778 wide inside its margins). */
const LEFT_WIDTH = 410;

function schoolList(title: string, lines: readonly SchoolLine[], detail: string): Content[] {
  if (lines.length === 0) return [{ text: title, style: 'heading' }, { text: 'None.', style: 'note' }];
  return [
    { text: title, style: 'heading' },
    { ...(table(['School', 'URN', 'Category', detail], lines.slice(0, LIST_LINES).map((l) => [l.name, l.urn, l.category, l.detail]), ['*', 28, 80, 118]) as object), fontSize: 6.5 } as Content,
    more(lines.length),
  ];
}

function more(n: number): Content {
  return n > LIST_LINES ? { text: `and ${n - LIST_LINES} more (in the register's result columns)`, style: 'note' } : { text: '' };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Schools per category as columns in their colours (SVG, drawn as vectors). */
export function columnChart(counts: readonly PackCount[]): string {
  const W = 190, H = 120, left = 22, bottom = 28, top = 14;
  const max = Math.max(1, ...counts.map((c) => c.schools));
  const step = (W - left - 4) / Math.max(1, counts.length);
  const bars = counts.map((c, i) => {
    const h = ((H - bottom - top) * c.schools) / max;
    const x = left + i * step + step * 0.15;
    const y = H - bottom - h;
    return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="${c.colour}" stroke="#404040" stroke-width="0.5"/>`
      + `<text x="${(x + step * 0.35).toFixed(1)}" y="${(y - 2).toFixed(1)}" font-size="6" text-anchor="middle">${c.schools}</text>`
      // Labels on two alternating lines, so long ones ("Requires improvement") do not run into each other.
      + `<text x="${(x + step * 0.35).toFixed(1)}" y="${H - bottom + 8 + (i % 2) * 7}" font-size="5.5" text-anchor="middle">${esc(c.label.length > 22 ? `${c.label.slice(0, 21)}…` : c.label)}</text>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><text x="${W / 2}" y="9" font-size="7" font-weight="bold" text-anchor="middle">Schools per category</text><line x1="${left}" y1="${H - bottom}" x2="${W - 2}" y2="${H - bottom}" stroke="#404040" stroke-width="0.5"/>${bars}</svg>`;
}

/** The count per category over the last runs (SVG lines in the categories' colours). */
export function trendChart(pack: Pack): string {
  const W = 190, H = 130, left = 22, bottom = 38, top = 14;
  const runs = pack.trend.runs;
  const max = Math.max(1, ...runs.flatMap((r) => r.counts));
  const x = (i: number) => left + (runs.length === 1 ? (W - left) / 2 : ((W - left - 10) * i) / (runs.length - 1)) + 4;
  const y = (n: number) => H - bottom - ((H - bottom - top) * n) / max;
  const lines = pack.counts.map((c, k) => {
    const pts = runs.map((r, i) => `${x(i).toFixed(1)},${y(r.counts[k] ?? 0).toFixed(1)}`);
    return `<polyline points="${pts.join(' ')}" fill="none" stroke="${c.colour}" stroke-width="1.5"/>${runs.map((r, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(r.counts[k] ?? 0).toFixed(1)}" r="1.8" fill="${c.colour}" stroke="#404040" stroke-width="0.3"/>`).join('')}`;
  }).join('');
  const labels = runs.map((r, i) => `<text x="${x(i).toFixed(1)}" y="${H - bottom + 8}" font-size="5.5" text-anchor="middle">${esc(r.asOf)}</text>`).join('');
  const key = pack.counts.map((c, k) => `<rect x="${left + (k % 2) * 84}" y="${H - 16 + Math.floor(k / 2) * 6}" width="4" height="4" fill="${c.colour}"/><text x="${left + (k % 2) * 84 + 6}" y="${H - 12.5 + Math.floor(k / 2) * 6}" font-size="4.8">${esc(c.label.length > 30 ? `${c.label.slice(0, 29)}…` : c.label)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><text x="${W / 2}" y="9" font-size="7" font-weight="bold" text-anchor="middle">Schools per category, run by run</text><line x1="${left}" y1="${H - bottom}" x2="${W - 2}" y2="${H - bottom}" stroke="#404040" stroke-width="0.5"/>${lines}${labels}${key}</svg>`;
}

const require = createRequire(__filename);
let fontsReady = false;

/** The PDF's bytes. The fonts are read from the `dejavu-fonts-ttf` package; nothing else is read or fetched. */
export async function packPdf(pack: Pack): Promise<Uint8Array> {
  if (!fontsReady) {
    const ttf = (f: string) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`);
    pdfmake.setFonts({ DejaVu: { normal: ttf('DejaVuSans.ttf'), bold: ttf('DejaVuSans-Bold.ttf'), italics: ttf('DejaVuSans-Oblique.ttf'), bolditalics: ttf('DejaVuSans-BoldOblique.ttf') } });
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => path.includes('dejavu-fonts-ttf'));
    fontsReady = true;
  }
  return new Uint8Array(await pdfmake.createPdf(packDocument(pack)).getBuffer());
}
