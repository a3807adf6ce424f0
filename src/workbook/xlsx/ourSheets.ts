/**
 * The sheets a run adds, written whole as worksheet parts: the pack's layouts (src/run/packSheets.ts:
 * the SIG summary and School profiles) and the Run log. They are ours, rewritten each run. Text is
 * written inline (no shared-strings edit), values only, no formulas, so the workbook reads the same for
 * SIG members without the add-in. Each prints on A4 landscape, one page wide, with a header naming the
 * authority, the framework and the as-of date and "Page x of y" below; rows of wrapped text are as tall
 * as their text needs (a file's reader does not work that out: LibreOffice prints rows at the height the
 * file gives, and wrapped lines then run into the next row).
 */
import type { LayoutPrint, SheetLayout } from '../../run/packSheets';
import { columnLetters } from '../port';
import { escapeCellText, escapeXml, NS } from './xml';

/** A cell ready to write: its value and cell format index. */
export interface SheetCell {
  readonly value: string | number | null;
  readonly style: number;
  /** The cell wraps its text (its row grows to hold it). */
  readonly wrap?: boolean;
}

/** A whole sheet of ours. */
export interface SheetSpec {
  readonly rows: readonly (readonly (SheetCell | undefined | null)[])[];
  /** Column widths in characters, from column A. */
  readonly widths: readonly number[];
  /** The relationship id of the sheet's drawing (its charts), when it has one. */
  readonly drawingRelId?: string;
  readonly pageBreaks?: readonly number[];
  /** How it prints; none for a register made from a CSV (its printing is set as any register's is). */
  readonly print?: LayoutPrint;
}

/** Points per line of 11-point text, and the tallest row Excel allows. */
const LINE_POINTS = 15;
const MAX_ROW_POINTS = 409;

/**
 * The height a cell's text needs when it wraps in a column `width` characters wide: lines counted per
 * paragraph at about 1.15 characters of text to a character of width (proportional text is narrower
 * than the digit "0" a width is measured in).
 */
export function wrappedHeight(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.15));
  const lines = text.split('\n').reduce((n, para) => n + Math.max(1, Math.ceil(para.length / perLine)), 0);
  return Math.min(MAX_ROW_POINTS, lines * LINE_POINTS);
}

/** The header and footer in SpreadsheetML's codes (&L left, &C centre, &R right, &P page, &N pages; "&" doubled). */
export function headerFooter(print: LayoutPrint): { header: string; footer: string } {
  const text = (s: string) => s.replace(/&/g, '&&');
  return { header: `&L${text(print.header)}`, footer: `&LPage &P of &N&R${text(print.footerRight)}` };
}

/** The worksheet part of a sheet of ours. */
export function sheetXml(spec: SheetSpec): string {
  const cols = spec.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  const heights: number[] = [];
  const rows = spec.rows.map((cells, r) => {
    let height = 0;
    const body = cells.map((c, k) => {
      if (!c) return '';
      const ref = `${columnLetters(k)}${r + 1}`;
      if (c.wrap && typeof c.value === 'string') height = Math.max(height, wrappedHeight(c.value, spec.widths[k] ?? 10));
      if (c.value === null || c.value === '') return `<c r="${ref}" s="${c.style}"/>`;
      if (typeof c.value === 'number') return `<c r="${ref}" s="${c.style}"><v>${c.value}</v></c>`;
      return `<c r="${ref}" s="${c.style}" t="inlineStr"><is><t xml:space="preserve">${escapeCellText(c.value)}</t></is></c>`;
    }).join('');
    heights.push(Math.max(LINE_POINTS, height));
    return body ? `<row r="${r + 1}"${height > LINE_POINTS ? ` ht="${height}" customHeight="1"` : ''}>${body}</row>` : '';
  }).join('');
  // A reduce, not a spread: a profiles sheet of an England-sized register has more rows than a call has arguments.
  const width = spec.rows.reduce((w, r) => Math.max(w, r.length), Math.max(1, spec.widths.length));
  const dimension = `A1:${columnLetters(width - 1)}${Math.max(1, spec.rows.length)}`;
  const breaks = spec.pageBreaks?.length
    ? `<rowBreaks count="${spec.pageBreaks.length}" manualBreakCount="${spec.pageBreaks.length}">${spec.pageBreaks.map((b) => `<brk id="${b}" max="16383" man="1"/>`).join('')}</rowBreaks>`
    : '';
  const drawing = spec.drawingRelId ? `<drawing r:id="${spec.drawingRelId}"/>` : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${NS.main}" xmlns:r="${NS.r}">${spec.print && !spec.print.pagePerBlock ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : ''}<dimension ref="${dimension}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${rows}</sheetData><pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${spec.print ? printXml(spec.print, spec.print.pagePerBlock ? blockScale(spec, heights) : null) : ''}${breaks}${drawing}</worksheet>`;
}

/** Printable A4 landscape, in points, inside the margins written below (0.5 in sides, 0.75 in top and bottom, header and footer lines). */
const PAGE_WIDTH = 842 - 72;
const PAGE_HEIGHT = 595 - 108 - 24;
/** Points a character of column width takes on paper (7 pixels at 96 dpi). */
const POINTS_PER_CHAR = 5.4;

/**
 * The scale at which each block between page breaks fits one page (and the sheet one page wide). A fixed
 * scale, not "fit to pages": LibreOffice ignores manual page breaks on a sheet fitted to pages.
 */
function blockScale(spec: SheetSpec, heights: readonly number[]): number {
  const width = spec.widths.reduce((a, w) => a + w, 0) * POINTS_PER_CHAR;
  const starts = [0, ...(spec.pageBreaks ?? []), heights.length];
  let tallest = 0;
  for (let i = 0; i + 1 < starts.length; i++) tallest = Math.max(tallest, heights.slice(starts[i], starts[i + 1]).reduce((a, h) => a + h, 0));
  return Math.max(10, Math.min(100, Math.floor(Math.min(PAGE_WIDTH / width, PAGE_HEIGHT / Math.max(1, tallest)) * 100)));
}

function printXml(print: LayoutPrint, scale: number | null): string {
  const { header, footer } = headerFooter(print);
  const fit = scale === null ? `fitToWidth="1" fitToHeight="${print.onePage ? 1 : 0}"` : `scale="${scale}"`;
  return `<pageSetup paperSize="9" orientation="landscape" ${fit}/><headerFooter><oddHeader>${escapeXml(header)}</oddHeader><oddFooter>${escapeXml(footer)}</oddFooter></headerFooter>`;
}

/** A pack layout as a sheet spec, its cells' looks turned into cell formats by `formatOf`. */
export function layoutSpec(layout: SheetLayout, formatOf: (look: NonNullable<SheetLayout['rows'][number][number]>['look']) => number, drawingRelId?: string): SheetSpec {
  return {
    widths: layout.widths,
    // Headers wrap too, so a long one ("Alternative provision") is never cut off by the next column.
    rows: layout.rows.map((row) => row.map((c) => (c === null ? null : { value: c.value, style: formatOf(c.look), wrap: c.look === 'wrap' || c.look === 'header' }))),
    pageBreaks: layout.pageBreaks,
    print: layout.print,
    ...(drawingRelId ? { drawingRelId } : {}),
  };
}

/** A relationships part. */
export function relsXml(rels: readonly { id: string; type: string; target: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join('')}</Relationships>`;
}
