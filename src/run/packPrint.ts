/**
 * How the pack's sheets print, worked out once for both shells: the height a row of wrapped text needs
 * (estimated: the command line writes it into the file, whose readers do not size rows; Excel sizes them
 * itself when the task pane asks), the fixed scale at which each profile fits a page, and header and
 * footer text in Excel's codes.
 */
import { lookStyle, type SheetLayout } from './packSheets';

/** Points per line of 11-point text, and the tallest row Excel allows. */
export const LINE_POINTS = 15;
const MAX_ROW_POINTS = 409;

/** Printable A4 landscape, in points, inside the margins both shells leave (0.5 in sides, 0.75 in top and bottom, header and footer lines). */
const PAGE_WIDTH = 842 - 72;
const PAGE_HEIGHT = 595 - 108 - 24;
/** Points a character of column width takes on paper (7 pixels at 96 dpi). */
const POINTS_PER_CHAR = 5.4;

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

/** Each row's height in points, as tall as its wrapped text needs. */
export function rowHeights(layout: SheetLayout): number[] {
  return layout.rows.map((row) => row.reduce((h, c, k) => (c && lookStyle(c.look).wrap && typeof c.value === 'string' ? Math.max(h, wrappedHeight(c.value, layout.widths[k] ?? 10)) : h), LINE_POINTS));
}

/**
 * The scale (percent) at which each block between page breaks fits one page, and the sheet one page
 * wide; `null` for a sheet fitted to pages instead. A fixed scale, not "fit to pages", for a page per
 * block: LibreOffice and Excel both ignore manual page breaks on a sheet fitted to pages.
 */
export function pageScale(layout: SheetLayout): number | null {
  if (!layout.print.pagePerBlock) return null;
  const heights = rowHeights(layout);
  const width = layout.widths.reduce((a, w) => a + w, 0) * POINTS_PER_CHAR;
  const starts = [0, ...layout.pageBreaks, heights.length];
  let tallest = 0;
  for (let i = 0; i + 1 < starts.length; i++) tallest = Math.max(tallest, heights.slice(starts[i], starts[i + 1]).reduce((a, h) => a + h, 0));
  return Math.max(10, Math.min(100, Math.floor(Math.min(PAGE_WIDTH / width, PAGE_HEIGHT / Math.max(1, tallest)) * 100)));
}

/** Text for a header or footer section: "&" is Excel's code character, so a literal one is doubled. */
export function headerFooterText(text: string): string {
  return text.replace(/&/g, '&&');
}

/** "Page x of y", in Excel's codes. */
export const PAGE_X_OF_Y = 'Page &P of &N';
