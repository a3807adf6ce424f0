/**
 * Writes our cells into the analyst's register sheet by splicing its XML as it streams (xmlStream.ts):
 * every byte of theirs is copied through; our cells are inserted in column order in their rows (rows
 * the sheet lacks are inserted in row order), an earlier run's cells in our columns are dropped, and the
 * sheet's dimension, column widths and (for a plain range) frozen panes are updated. Nothing outside
 * our columns is touched: not a cell, a row attribute, a merged area, a validation or an extension.
 *
 * Element order follows CT_Worksheet (ECMA-376 Part 1, 18.3.1.99): sheetPr, dimension, sheetViews,
 * sheetFormatPr, cols, sheetData, ...
 */
import { columnLetters } from '../port';
import { parseCellRef, type Box } from './readSheet';
import { escapeCellText, escapeXml } from './xml';
import { spliceXml, type Splicer, type XmlEvents } from './xmlStream';

/** One cell of ours: text, a number, or a styled blank (`null`). */
export interface OurCell {
  readonly col: number;
  readonly style: number;
  readonly value: string | number | null;
  /** Replacing an analyst's cell: keep the cell's own format (its fill, its date format), `style` only if it had none. */
  readonly keepStyle?: boolean;
  /**
   * A date (`value` its 1900-system serial, as every reader of ours and Office.js read a number) in a
   * 1904-system workbook: written as this, its 1904 serial, where the cell's style, kept or ours, is a date
   * format (in `SheetEdit.dateStyles`), since only there does the workbook read it as a date of its own system.
   */
  readonly date1904?: number;
  /** `value` is a date: a kept style that shows no date is written as its date form (`SheetEdit.dateForms`). */
  readonly date?: boolean;
}

/** What to do to the sheet. */
export interface SheetEdit {
  /** Our cells of a 0-based row, in column order (none: `undefined` or []). */
  readonly cellsOf: (row: number) => readonly OurCell[] | undefined;
  /** 0-based rows that get cells, ascending (so rows the sheet lacks can be inserted in order). */
  readonly rows: readonly number[];
  /** Columns that are ours: an earlier run's cells in them are dropped in `clearRows`. */
  readonly ourColumns: ReadonlySet<number>;
  readonly clearRows: { readonly from: number; readonly to: number };
  /** Widths for our columns that the analyst has not sized. */
  readonly widths: ReadonlyMap<number, number>;
  /** Freeze the panes above and left of this cell (0-based), unless the sheet already has panes. */
  readonly freeze: { readonly row: number; readonly col: number } | null;
  /** The used range after the edit. */
  readonly dimension: Box;
  /** Points a row needs for our wrapped text (it is raised to that, never lowered; a height the analyst fixed stays). */
  readonly rowHeight?: (row: number) => number | undefined;
  /**
   * How the sheet prints where the analyst has not set it (registerPrint.ts decides): `pageSetup`, A4
   * landscape fitted to as many pages wide as legibility needs; `headerFooter`, this header and footer (in
   * SpreadsheetML's codes). The analyst's part of the two is copied as it was.
   */
  readonly print?: { readonly header: string; readonly footer: string; readonly pageSetup: boolean; readonly headerFooter: boolean } | null;
  /** The styles with a date format, for `OurCell.date1904`. */
  readonly dateStyles?: ReadonlySet<number>;
  /** For a date kept in a cell's own style that shows no date: that style with a date format (styles.ts `dateFormOf`). */
  readonly dateForms?: ReadonlyMap<number, number>;
}

/** The worksheet elements that come after pageSetup (CT_Worksheet): pageSetup and headerFooter go before the first of them. */
const AFTER_PAGE_SETUP = new Set(['rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst']);

const refOf = (row: number, col: number) => `${columnLetters(col)}${row + 1}`;
const boxRef = (b: Box) => `${refOf(b.top, b.left)}${b.bottom === b.top && b.right === b.left ? '' : `:${refOf(b.bottom, b.right)}`}`;

/** The sheet part, edited, as a stream. */
export function editSheet(source: ReadableStream<Uint8Array>, edit: SheetEdit): ReadableStream<Uint8Array> {
  return spliceXml(source, (s) => sheetEditor(s, edit));
}

function sheetEditor(s: Splicer, edit: SheetEdit): XmlEvents & { finish(): void } {
  let p = ''; // the prefix the sheet's elements carry ("x:" in some producers' files)
  const q = (local: string) => `${p}${local}`;
  let inSheetData = false;
  let sawSheetViews = false;
  let sawCols = false;
  let nextRowIdx = 0; // index into edit.rows of the next row still to write
  // The row being copied.
  let row = -1;
  let rowCells: readonly OurCell[] = [];
  let rowCols: ReadonlySet<number> = new Set();
  /** Styles of the cells of this row that ours replace, by column. */
  const keptStyle = new Map<number, number>();
  let rowNext = 0;
  let clearing = false;
  let col = -1;
  let skipFrom = -1;
  // The <cols> element being rebuilt.
  let colsStart = -1;
  const colTags: { min: number; max: number; tag: string }[] = [];
  // The first <sheetView>.
  let viewOpen: { start: number; end: number; selfClosing: boolean; tag: string } | null = null;
  let viewHasPane = false;
  let viewDone = false;
  let skippingDimension = false;
  // Printing: ours where the analyst has set none (edit.print says which half).
  const printing = edit.print ?? null;
  const ourPage = !!printing?.pageSetup;
  const ourHeaderFooter = !!printing?.headerFooter;
  let inCustomViews = false;
  let firstChild = true;
  let inSheetPr = false;
  let sawPageSetUpPr = false;
  let pageSetupDone = false;
  let skippingTo: string | null = null;
  const widthOf = new Map<number, number>();

  const cellXml = (c0: OurCell, r: number) => {
    const kept = c0.keepStyle ? keptStyle.get(c0.col) : undefined;
    const style = (kept !== undefined && c0.date ? (edit.dateForms?.get(kept) ?? kept) : kept) ?? c0.style;
    const value = c0.date1904 !== undefined && edit.dateStyles?.has(style) ? c0.date1904 : c0.value;
    const ref = refOf(r, c0.col);
    if (value === null || value === '') return `<${q('c')} r="${ref}" s="${style}"/>`;
    if (typeof value === 'number') return `<${q('c')} r="${ref}" s="${style}"><${q('v')}>${value}</${q('v')}></${q('c')}>`;
    return `<${q('c')} r="${ref}" s="${style}" t="inlineStr"><${q('is')}><${q('t')} xml:space="preserve">${escapeCellText(value)}</${q('t')}></${q('is')}></${q('c')}>`;
  };
  /** Our cells of row `r` from position `from`, up to (not including) column `beforeCol`. */
  const cellsBefore = (beforeCol: number) => {
    let out = '';
    while (rowNext < rowCells.length && rowCells[rowNext]!.col < beforeCol) out += cellXml(rowCells[rowNext++]!, row);
    return out;
  };
  /** Whole rows of ours that the sheet lacks, up to (not including) row `before`. */
  const missingRowsBefore = (before: number) => {
    let out = '';
    while (nextRowIdx < edit.rows.length && edit.rows[nextRowIdx]! < before) {
      const r = edit.rows[nextRowIdx++]!;
      const cells = edit.cellsOf(r) ?? [];
      const height = edit.rowHeight?.(r);
      if (cells.length) out += `<${q('row')} r="${r + 1}"${height ? ` ht="${height}"` : ''}>${cells.map((c) => cellXml(c, r)).join('')}</${q('row')}>`;
    }
    return out;
  };
  const spansFor = (tag: string) => {
    if (!rowCells.length) return tag;
    const lo = rowCells[0]!.col + 1;
    const hi = rowCells[rowCells.length - 1]!.col + 1;
    return tag.replace(/\sspans="(\d+):(\d+)"/, (_m, a: string, b: string) => ` spans="${Math.min(Number(a), lo)}:${Math.max(Number(b), hi)}"`);
  };
  /** A row's open tag raised to the height our text needs, unless the analyst fixed its height. */
  const heightFor = (tag: string, r: number) => {
    const need = edit.rowHeight?.(r);
    if (!need || /\scustomHeight="(1|true)"/.test(tag)) return tag;
    const had = Number(/\sht="([\d.]+)"/.exec(tag)?.[1] ?? 0);
    if (had >= need) return tag;
    return had ? tag.replace(/\sht="[\d.]+"/, ` ht="${need}"`) : tag.replace(/^(<[^\s/>]+)/, `$1 ht="${need}"`);
  };
  const colsXml = () => {
    const pieces: { min: number; max: number; tag: string }[] = [];
    const ours = [...edit.widths.keys()].sort((a, b) => a - b);
    const sized = new Set<number>();
    for (const c of colTags) {
      // A width the analyst set on one of our columns is kept; a default-width range is split around ours.
      const custom = /\scustomWidth="(1|true)"/.test(c.tag);
      let from = c.min;
      for (let k = c.min; k <= c.max; k++) {
        if (!edit.widths.has(k - 1)) continue;
        if (custom) {
          sized.add(k - 1);
          continue;
        }
        if (k > from) pieces.push({ min: from, max: k - 1, tag: withRange(c.tag, from, k - 1) });
        from = k + 1;
      }
      if (custom) pieces.push(c);
      else if (from <= c.max) pieces.push({ min: from, max: c.max, tag: withRange(c.tag, from, c.max) });
    }
    for (const c of ours) {
      if (sized.has(c)) continue;
      pieces.push({ min: c + 1, max: c + 1, tag: `<${q('col')} min="${c + 1}" max="${c + 1}" width="${edit.widths.get(c)}" customWidth="1"/>` });
    }
    pieces.sort((a, b) => a.min - b.min);
    return `<${q('cols')}>${pieces.map((x) => x.tag).join('')}</${q('cols')}>`;
  };
  const paneXml = () => {
    const f = edit.freeze!;
    const attrs = [f.col > 0 ? `xSplit="${f.col}"` : '', f.row > 0 ? `ySplit="${f.row}"` : '', `topLeftCell="${refOf(f.row, f.col)}"`, `activePane="${f.col > 0 && f.row > 0 ? 'bottomRight' : f.row > 0 ? 'bottomLeft' : 'topRight'}"`, 'state="frozen"'];
    return `<${q('pane')} ${attrs.filter(Boolean).join(' ')}/>`;
  };
  const beforeSheetData = (start: number, local: string) => {
    // sheetViews comes before sheetFormatPr, cols and sheetData; cols before sheetData.
    if (!sawSheetViews && edit.freeze && (local === 'sheetFormatPr' || local === 'cols' || local === 'sheetData')) {
      s.copyTo(start);
      s.insert(`<${q('sheetViews')}><${q('sheetView')} workbookViewId="0">${paneXml()}</${q('sheetView')}></${q('sheetViews')}>`);
      sawSheetViews = true;
    }
    if (!sawCols && local === 'sheetData' && edit.widths.size) {
      s.copyTo(start);
      s.insert(colsXml());
      sawCols = true;
    }
  };

  // One page wide would print a register of seventy columns at a sixth of its size: as many pages wide as
  // keep it at half size or more (about 290 characters of column width to an A4 landscape page), its header
  // row repeated on each (a print title the caller sets).
  const pagesWide = () => {
    let chars = 0;
    for (let c = 0; c <= edit.dimension.right; c++) chars += edit.widths.get(c) ?? widthOf.get(c) ?? 9;
    return Math.max(1, Math.ceil(chars / 290));
  };
  const ourPageAttributes = () => ({ paperSize: '9', orientation: 'landscape', fitToWidth: String(pagesWide()), fitToHeight: '0' });
  const pageSetupXml = () => `<${q('pageSetup')} ${Object.entries(ourPageAttributes()).map(([k, v]) => `${k}="${v}"`).join(' ')}/>`;
  const headerFooterXml = () => `<${q('headerFooter')}><${q('oddHeader')}>${escapeXml(printing!.header)}</${q('oddHeader')}><${q('oddFooter')}>${escapeXml(printing!.footer)}</${q('oddFooter')}></${q('headerFooter')}>`;
  /** Our pageSetup (and headerFooter) where the sheet has none, before the first element that follows them. */
  let headerFooterDone = false;
  const pageSetupBefore = (start: number, withHeaderFooter: boolean) => {
    s.copyTo(start);
    if (ourPage && !pageSetupDone) s.insert(pageSetupXml());
    if (ourHeaderFooter && withHeaderFooter && !headerFooterDone) s.insert(headerFooterXml());
    pageSetupDone = true;
    if (withHeaderFooter) headerFooterDone = true;
  };

  return {
    open(local, attrs, start, end, selfClosing, qname) {
      if (local === 'worksheet') {
        const i = qname.indexOf(':');
        p = i < 0 ? '' : qname.slice(0, i + 1);
        return;
      }
      if (skippingTo) return;
      if (ourPage && firstChild && !inSheetData) {
        firstChild = false;
        if (local !== 'sheetPr') {
          s.copyTo(start);
          s.insert(`<${q('sheetPr')}><${q('pageSetUpPr')} fitToPage="1"/></${q('sheetPr')}>`);
        }
      }
      if (local === 'customSheetViews') inCustomViews = !selfClosing;
      if (printing && !inSheetData && !inCustomViews) {
        if (local === 'sheetPr' && ourPage) {
          inSheetPr = !selfClosing;
          if (selfClosing) {
            s.copyTo(start);
            s.skipTo(end + 1);
            s.insert(`${s.source(start, end + 1).replace(/\s*\/>$/, '>')}<${q('pageSetUpPr')} fitToPage="1"/></${q('sheetPr')}>`);
          }
          return;
        }
        if (local === 'pageSetUpPr' && inSheetPr) {
          sawPageSetUpPr = true;
          if (ourPage) {
            const tag = s.source(start, end + 1);
            s.copyTo(start);
            s.skipTo(end + 1);
            s.insert(withAttributes(tag, { fitToPage: '1' }));
          }
          return;
        }
        if (local === 'pageSetup' && ourPage) {
          // Ours over a program's defaults: its other attributes (the printer settings part it links, r:id) stay.
          const tag = s.source(start, end + 1);
          s.copyTo(start);
          s.skipTo(end + 1);
          s.insert(withAttributes(tag, ourPageAttributes()));
          pageSetupDone = true;
          return;
        }
        if (local === 'pageSetup') pageSetupDone = true;
        if (local === 'headerFooter' && !ourHeaderFooter) {
          pageSetupBefore(start, false);
          headerFooterDone = true;
        }
        if (local === 'headerFooter' && ourHeaderFooter) {
          pageSetupBefore(start, false);
          s.copyTo(start);
          s.skipTo(end + 1);
          s.insert(headerFooterXml());
          headerFooterDone = true;
          if (!selfClosing) skippingTo = 'headerFooter';
          return;
        }
        if (AFTER_PAGE_SETUP.has(local)) pageSetupBefore(start, true);
      }
      if (inSheetData) {
        if (local === 'row') {
          const r = attrs.r === undefined ? row + 1 : Number(attrs.r) - 1;
          s.copyTo(start);
          s.insert(missingRowsBefore(r));
          row = r;
          col = -1;
          rowCells = edit.rows[nextRowIdx] === r ? (edit.cellsOf(r) ?? []) : [];
          rowCols = new Set(rowCells.map((c) => c.col));
          keptStyle.clear();
          if (edit.rows[nextRowIdx] === r) nextRowIdx++;
          rowNext = 0;
          clearing = r >= edit.clearRows.from && r <= edit.clearRows.to;
          if (rowCells.length) {
            const tag = heightFor(spansFor(s.source(start, end + 1)), r);
            s.skipTo(end + 1);
            if (selfClosing) s.insert(`${tag.replace(/\s*\/>$/, '>')}${cellsBefore(Infinity)}</${q('row')}>`);
            else s.insert(tag);
          }
        } else if (local === 'c' && row >= 0) {
          const ref = attrs.r === undefined ? null : parseCellRef(attrs.r);
          col = ref ? ref.col : col + 1;
          if (rowCells.length) {
            s.copyTo(start);
            s.insert(cellsBefore(col));
          }
          // An earlier run's cell in our column, or any cell (a styled blank) where we now write one: two cells of one reference would break the file.
          if (rowCols.has(col) && attrs.s !== undefined) keptStyle.set(col, Number(attrs.s));
          if ((clearing && edit.ourColumns.has(col)) || rowCols.has(col)) {
            s.copyTo(start);
            skipFrom = start;
            if (selfClosing) {
              s.skipTo(end + 1);
              skipFrom = -1;
            }
          }
        }
        return;
      }
      if (local === 'sheetData') {
        beforeSheetData(start, local);
        inSheetData = !selfClosing;
        if (selfClosing && edit.rows.length) {
          s.copyTo(start);
          s.skipTo(end + 1);
          s.insert(`<${q('sheetData')}>${missingRowsBefore(Infinity)}</${q('sheetData')}>`);
        }
      } else if (local === 'dimension') {
        s.copyTo(start);
        s.skipTo(end + 1);
        s.insert(`<${q('dimension')} ref="${boxRef(edit.dimension)}"/>`);
        skippingDimension = !selfClosing;
      } else if (local === 'sheetViews') sawSheetViews = true;
      else if (local === 'sheetView' && !viewDone && viewOpen === null) viewOpen = { start, end, selfClosing, tag: s.source(start, end + 1) };
      else if (local === 'pane' && viewOpen) viewHasPane = true;
      else if (local === 'cols') {
        beforeSheetData(start, local);
        sawCols = true;
        if (edit.widths.size) {
          s.copyTo(start);
          colsStart = start;
        }
      } else if (local === 'col') {
        for (let c = Number(attrs.min); c <= Number(attrs.max) && c <= edit.dimension.right + 1; c++) widthOf.set(c - 1, attrs.hidden === '1' || attrs.hidden === 'true' ? 0 : Number(attrs.width) || 9);
        if (colsStart >= 0) colTags.push({ min: Number(attrs.min), max: Number(attrs.max), tag: s.source(start, end + 1) });
      } else beforeSheetData(start, local);
    },
    close(local, start, end, selfClosing) {
      if (local === 'customSheetViews') inCustomViews = false;
      if (skippingTo) {
        if (local === skippingTo) {
          s.skipTo(end + 1);
          skippingTo = null;
        }
        return;
      }
      if (printing && !inSheetData && !inCustomViews) {
        if (local === 'sheetPr' && inSheetPr) {
          inSheetPr = false;
          if (!sawPageSetUpPr) {
            // CT_SheetPr: pageSetUpPr is its last child.
            s.copyTo(start);
            s.insert(`<${q('pageSetUpPr')} fitToPage="1"/>`);
          }
        } else if (local === 'worksheet') {
          pageSetupBefore(start, true);
        }
      }
      if (inSheetData) {
        if (local === 'c' && skipFrom >= 0) {
          s.skipTo(end + 1);
          skipFrom = -1;
        } else if (local === 'row' && !selfClosing && rowCells.length) {
          s.copyTo(start);
          s.insert(cellsBefore(Infinity));
        } else if (local === 'sheetData') {
          s.copyTo(start);
          s.insert(missingRowsBefore(Infinity));
          inSheetData = false;
        }
        return;
      }
      if (local === 'dimension' && skippingDimension) {
        s.skipTo(end + 1);
        skippingDimension = false;
      } else if (local === 'sheetView' && viewOpen && !viewDone) {
        viewDone = true;
        if (edit.freeze && !viewHasPane) {
          // The pane is the first child of a sheetView (CT_SheetView).
          s.copyTo(viewOpen.start);
          s.skipTo(viewOpen.end + 1);
          if (viewOpen.selfClosing) s.insert(`${viewOpen.tag.replace(/\s*\/>$/, '>')}${paneXml()}</${q('sheetView')}>`);
          else s.insert(`${viewOpen.tag}${paneXml()}`);
        }
      } else if (local === 'cols' && colsStart >= 0) {
        s.skipTo(end + 1);
        s.insert(colsXml());
        colsStart = -1;
      }
    },
    finish() {},
  };
}

/** An open tag with these attributes set: each one it has given the new value, the others added. */
function withAttributes(tag: string, set: Readonly<Record<string, string>>): string {
  let out = tag;
  for (const [k, v] of Object.entries(set)) {
    // Either quote: XML allows both, and another program's single-quoted attribute must be replaced, not repeated.
    const has = new RegExp(`\\s${k}=(?:"[^"]*"|'[^']*')`);
    out = has.test(out) ? out.replace(has, ` ${k}="${v}"`) : out.replace(/^(<[^\s/>]+)/, `$1 ${k}="${v}"`);
  }
  return out;
}

/** A <col> tag with its min and max changed. */
function withRange(tag: string, min: number, max: number): string {
  return tag.replace(/\smin="\d+"/, ` min="${min}"`).replace(/\smax="\d+"/, ` max="${max}"`);
}
