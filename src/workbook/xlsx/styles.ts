/**
 * The workbook's styles part (ECMA-376 Part 1, 18.8): the cell formats our cells use are found or added
 * in it, never changing one the analyst's cells use. A format is matched against what is already there,
 * so running again on our own output reuses the formats the first run added instead of piling up copies.
 * Our fonts start from the workbook's default font (its first), so results read in the analyst's font.
 */
import type { Document, Element } from '@xmldom/xmldom';
import type { LookStyle } from '../../run/packSheets';
import { child, children, createIn, insertInOrder, NS, parseXml, serializeXml } from './xml';

/** What a cell of ours looks like: a look of the pack's, or any other cell of ours, in the same terms. */
export type CellStyle = LookStyle;

/** CT_Stylesheet's element order. */
const STYLESHEET_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

/** Number formats every reader knows by id (ECMA-376 Part 1, 18.8.30). */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = { General: 0, '0': 1, '0.00': 2, '0%': 9, '0.00%': 10 };
const BUILT_IN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

const MINIMAL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${NS.main}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/** A format code shows a date when, outside quoted text and [brackets], it has day, month-with-year or year tokens. */
export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '').toLowerCase();
  return /[dy]/.test(bare) || (/m/.test(bare) && !/[hs]/.test(bare));
}

/** The styles part, read once, edited, serialised once. */
export class StyleBook {
  private readonly doc: Document;
  private readonly root: Element;
  private readonly cache = new Map<string, number>();
  /** True when the part did not exist and must be added to the package. */
  readonly isNew: boolean;

  constructor(xml: string | null) {
    this.isNew = xml === null;
    this.doc = parseXml(xml ?? MINIMAL, 'xl/styles.xml');
    this.root = this.doc.documentElement!;
  }

  /** Indexes of the cell formats that show dates (to read a 1904-system workbook's dates). */
  dateStyles(): Set<number> {
    const custom = new Map<number, string>();
    const numFmts = child(this.root, 'numFmts');
    for (const f of numFmts ? children(numFmts, 'numFmt') : []) custom.set(Number(f.getAttribute('numFmtId')), f.getAttribute('formatCode') ?? '');
    const out = new Set<number>();
    const xfs = child(this.root, 'cellXfs');
    (xfs ? children(xfs, 'xf') : []).forEach((xf, i) => {
      const id = Number(xf.getAttribute('numFmtId') ?? 0);
      if (BUILT_IN_DATE_IDS.has(id) || (custom.has(id) && isDateFormatCode(custom.get(id)!))) out.add(i);
    });
    return out;
  }

  /** The index of a cell format with this style, added when the workbook has none like it. */
  cellFormat(style: CellStyle): number {
    const key = JSON.stringify(style);
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const fontId = this.font(style);
    const fillId = style.fill ? this.solidFill(style.fill) : 0;
    const numFmtId = style.numberFormat === undefined ? 0 : this.numberFormat(style.numberFormat);
    const xf = this.el('cellXfs', 'xf');
    xf.setAttribute('numFmtId', String(numFmtId));
    xf.setAttribute('fontId', String(fontId));
    xf.setAttribute('fillId', String(fillId));
    xf.setAttribute('borderId', '0');
    xf.setAttribute('xfId', '0');
    if (numFmtId) xf.setAttribute('applyNumberFormat', '1');
    if (fontId) xf.setAttribute('applyFont', '1');
    if (fillId) xf.setAttribute('applyFill', '1');
    if (style.wrap || style.top) {
      xf.setAttribute('applyAlignment', '1');
      const al = createIn(this.doc, xf, NS.main, 'alignment');
      if (style.top) al.setAttribute('vertical', 'top');
      if (style.wrap) al.setAttribute('wrapText', '1');
      xf.appendChild(al);
    }
    const index = this.addOrReuse('cellXfs', xf);
    this.cache.set(key, index);
    return index;
  }

  toXml(): string {
    return serializeXml(this.doc);
  }

  private font(style: CellStyle): number {
    if (!style.bold && !style.colour && !style.size) return 0;
    const fonts = this.collection('fonts');
    const base = children(fonts, 'font')[0];
    const font = (base ? base.cloneNode(true) : createIn(this.doc, fonts, NS.main, 'font')) as Element;
    for (const name of ['b', 'sz', 'color']) for (const c of children(font, name)) font.removeChild(c);
    const first = font.firstChild;
    const add = (name: string, attr?: [string, string]) => {
      const e = createIn(this.doc, fonts, NS.main, name);
      if (attr) e.setAttribute(attr[0], attr[1]);
      font.insertBefore(e, first);
    };
    if (style.bold) add('b');
    // CT_Font's children in the order Excel writes them: b, ..., sz, color, name.
    const name = child(font, 'name') ?? child(font, 'family') ?? null;
    const before = (e: Element) => (name ? font.insertBefore(e, name) : font.appendChild(e));
    const sizeOf = base ? child(base, 'sz')?.getAttribute('val') : '11';
    const sz = createIn(this.doc, fonts, NS.main, 'sz');
    sz.setAttribute('val', String(style.size ?? sizeOf ?? 11));
    before(sz);
    if (style.colour) {
      const color = createIn(this.doc, fonts, NS.main, 'color');
      color.setAttribute('rgb', argb(style.colour));
      before(color);
    }
    return this.addOrReuse('fonts', font);
  }

  private solidFill(hex: string): number {
    const fill = this.el('fills', 'fill');
    const pattern = createIn(this.doc, fill, NS.main, 'patternFill');
    pattern.setAttribute('patternType', 'solid');
    const fg = createIn(this.doc, fill, NS.main, 'fgColor');
    fg.setAttribute('rgb', argb(hex));
    const bg = createIn(this.doc, fill, NS.main, 'bgColor');
    bg.setAttribute('indexed', '64');
    pattern.appendChild(fg);
    pattern.appendChild(bg);
    fill.appendChild(pattern);
    return this.addOrReuse('fills', fill);
  }

  private numberFormat(code: string): number {
    if (BUILT_IN_FORMATS[code] !== undefined) return BUILT_IN_FORMATS[code]!;
    const numFmts = this.collection('numFmts');
    const existing = children(numFmts, 'numFmt');
    const same = existing.find((f) => f.getAttribute('formatCode') === code);
    if (same) return Number(same.getAttribute('numFmtId'));
    // Custom formats are numbered from 164 (ECMA-376 Part 1, 18.8.30).
    const id = Math.max(163, ...existing.map((f) => Number(f.getAttribute('numFmtId')) || 0)) + 1;
    const f = createIn(this.doc, numFmts, NS.main, 'numFmt');
    f.setAttribute('numFmtId', String(id));
    f.setAttribute('formatCode', code);
    numFmts.appendChild(f);
    numFmts.setAttribute('count', String(existing.length + 1));
    return id;
  }

  /** A new, detached element for a collection (created with the collection's prefix). */
  private el(collection: string, name: string): Element {
    return createIn(this.doc, this.collection(collection), NS.main, name);
  }

  private collection(name: string): Element {
    let c = child(this.root, name);
    if (!c) {
      c = createIn(this.doc, this.root, NS.main, name);
      c.setAttribute('count', '0');
      insertInOrder(this.root, c, STYLESHEET_ORDER);
    }
    return c;
  }

  /** Appends `node` to the collection unless an identical one is there; returns its index. */
  private addOrReuse(collection: string, node: Element): number {
    const c = this.collection(collection);
    const items = children(c, node.localName!);
    c.appendChild(node);
    const text = node.toString();
    const same = items.findIndex((x) => x.toString() === text);
    if (same >= 0) {
      c.removeChild(node);
      return same;
    }
    c.setAttribute('count', String(items.length + 1));
    return items.length;
  }
}
