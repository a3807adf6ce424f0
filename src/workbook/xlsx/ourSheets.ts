/**
 * The sheets a run adds (the SIG summary with its chart, and the Run sheet) as worksheet parts written
 * whole: they are ours, rewritten each run. Text is written inline (no shared-strings edit), values only,
 * no formulas, so the workbook reads the same for SIG members without the add-in.
 */
import { columnLetters } from '../port';
import { escapeCellText, NS } from './xml';

/** A cell of one of our sheets. */
export interface SheetCell {
  readonly value: string | number | null;
  readonly style: number;
}

/** A whole sheet of ours. */
export interface SheetSpec {
  readonly rows: readonly (readonly (SheetCell | undefined)[])[];
  /** Column widths in characters, from column A. */
  readonly widths: readonly number[];
  /** The relationship id of the sheet's drawing (the chart), when it has one. */
  readonly drawingRelId?: string;
}

/** The worksheet part of a sheet of ours. */
export function sheetXml(spec: SheetSpec): string {
  const cols = spec.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  const rows = spec.rows.map((cells, r) => {
    const body = cells.map((c, k) => {
      if (!c) return '';
      const ref = `${columnLetters(k)}${r + 1}`;
      if (c.value === null || c.value === '') return `<c r="${ref}" s="${c.style}"/>`;
      if (typeof c.value === 'number') return `<c r="${ref}" s="${c.style}"><v>${c.value}</v></c>`;
      return `<c r="${ref}" s="${c.style}" t="inlineStr"><is><t xml:space="preserve">${escapeCellText(c.value)}</t></is></c>`;
    }).join('');
    return body ? `<row r="${r + 1}">${body}</row>` : '';
  }).join('');
  const width = Math.max(1, spec.widths.length, ...spec.rows.map((r) => r.length));
  const dimension = `A1:${columnLetters(width - 1)}${Math.max(1, spec.rows.length)}`;
  const drawing = spec.drawingRelId ? `<drawing r:id="${spec.drawingRelId}"/>` : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${NS.main}" xmlns:r="${NS.r}"><dimension ref="${dimension}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${rows}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${drawing}</worksheet>`;
}

/** A relationships part. */
export function relsXml(rels: readonly { id: string; type: string; target: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join('')}</Relationships>`;
}
