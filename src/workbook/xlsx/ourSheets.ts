/**
 * The sheets a run adds, written whole as worksheet parts: the pack's layouts (src/run/packSheets.ts:
 * the SIG summary and School profiles) and the Run log. They are ours, rewritten each run. Text is
 * written inline (no shared-strings edit), values only, no formulas, so the workbook reads the same for
 * SIG members without the add-in. Each prints on A4 landscape, one page wide, with a header naming the
 * authority, the framework and the as-of date and "Page x of y" below; rows of wrapped text are as tall
 * as their text needs (a file's reader does not work that out: LibreOffice prints rows at the height the
 * file gives, and wrapped lines then run into the next row).
 */
import { headerFooterText, LINE_POINTS, pageScale, PAGE_X_OF_Y, wrappedHeight } from '../../run/packPrint';
import { lookStyle, type LayoutPrint, type SheetLayout } from '../../run/packSheets';
import { columnLetters } from '../port';
import { escapeCellText, escapeXml, NS } from './xml';

export { wrappedHeight } from '../../run/packPrint';

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
  /** The fixed print scale of a sheet printed a page per block (src/run/packPrint.ts). */
  readonly scale?: number;
}

/** The header and footer in SpreadsheetML's codes (&L left, &C centre, &R right, &P page, &N pages; "&" doubled). */
export function headerFooter(print: LayoutPrint): { header: string; footer: string } {
  return { header: `&L${headerFooterText(print.header)}`, footer: `&L${PAGE_X_OF_Y}&R${headerFooterText(print.footerRight)}` };
}

/** The worksheet part of a sheet of ours. */
export function sheetXml(spec: SheetSpec): string {
  const cols = spec.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
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
    return body ? `<row r="${r + 1}"${height > LINE_POINTS ? ` ht="${height}" customHeight="1"` : ''}>${body}</row>` : '';
  }).join('');
  // A loop, not Math.max(...rows): a spread of 100,000+ arguments overflows the stack.
  let width = Math.max(1, spec.widths.length);
  for (const row of spec.rows) if (row.length > width) width = row.length;
  const dimension = `A1:${columnLetters(width - 1)}${Math.max(1, spec.rows.length)}`;
  const breaks = spec.pageBreaks?.length
    ? `<rowBreaks count="${spec.pageBreaks.length}" manualBreakCount="${spec.pageBreaks.length}">${spec.pageBreaks.map((b) => `<brk id="${b}" max="16383" man="1"/>`).join('')}</rowBreaks>`
    : '';
  const drawing = spec.drawingRelId ? `<drawing r:id="${spec.drawingRelId}"/>` : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${NS.main}" xmlns:r="${NS.r}">${spec.print && !spec.print.pagePerBlock ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : ''}<dimension ref="${dimension}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${rows}</sheetData><pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${spec.print ? printXml(spec.print, spec.print.pagePerBlock ? spec.scale ?? 100 : null) : ''}${breaks}${drawing}</worksheet>`;
}

function printXml(print: LayoutPrint, scale: number | null): string {
  const { header, footer } = headerFooter(print);
  const fit = scale === null ? `fitToWidth="1" fitToHeight="${print.onePage ? 1 : 0}"` : `scale="${scale}"`;
  return `<pageSetup paperSize="9" orientation="landscape" ${fit}/><headerFooter><oddHeader>${escapeXml(header)}</oddHeader><oddFooter>${escapeXml(footer)}</oddFooter></headerFooter>`;
}

/** A pack layout as a sheet spec, its cells' looks turned into cell formats by `formatOf`. */
export function layoutSpec(layout: SheetLayout, formatOf: (look: NonNullable<SheetLayout['rows'][number][number]>['look']) => number, drawingRelId?: string): SheetSpec {
  const scale = pageScale(layout);
  return {
    widths: layout.widths,
    rows: layout.rows.map((row) => row.map((c) => (c === null ? null : { value: c.value, style: formatOf(c.look), wrap: lookStyle(c.look).wrap === true }))),
    pageBreaks: layout.pageBreaks,
    print: layout.print,
    ...(scale === null ? {} : { scale }),
    ...(drawingRelId ? { drawingRelId } : {}),
  };
}

/** A relationships part. */
export function relsXml(rels: readonly { id: string; type: string; target: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join('')}</Relationships>`;
}
