/**
 * The workbook's styles part (ECMA-376 Part 1, 18.8): the cell formats our cells use are found or added
 * in it, never changing one the analyst's cells use. A format is matched against what is already there,
 * so running again on our own output reuses the formats the first run added instead of piling up copies.
 * Our fonts start from the workbook's default font (its first), so results read in the analyst's font.
 * A date written into an analyst's cell whose format shows no date gets that format with a date format
 * (`dateFormOf`), so it shows as a date and keeps its font, fill and borders.
 *
 * The part is written back as its source text with our additions spliced in (new children at the end of
 * their collection, its count, a collection the part lacked): every byte of the analyst's part is kept,
 * where re-serialising the DOM would rewrite what it does not need to (LibreOffice's `<xf ...></xf>`).
 */
import { XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import type { LookStyle } from '../../run/packSheets';
import { child, children, createIn, insertInOrder, NS, parseXml, serializeXml } from './xml';
import { readXmlText } from './xmlStream';
import { DATE_FORMAT, isDateFormatCode, shownAsOfCode, type NumberShownAs } from '../cell';

/** What a cell of ours looks like: a look of the pack's, or any other cell of ours, in the same terms. */
export type CellStyle = LookStyle;

/** CT_Stylesheet's element order. */
const STYLESHEET_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

/** Number formats every reader knows by id (ECMA-376 Part 1, 18.8.30). */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = { General: 0, '0': 1, '0.00': 2, '0%': 9, '0.00%': 10 };
/**
 * The built-in formats that show a date (18.8.30): not those that show a time of day or a duration alone (18-21
 * h:mm..., 32-33 h"時"mm"分"..., 45-47 mm:ss, [h]:mm:ss, mmss.0), which hold no day: read as dates, a 1904
 * workbook's 14:30 moved to 01/01/1904 14:30. As `isDateFormatCode` reads a custom format's code.
 */
const BUILT_IN_DATE_IDS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
/** Excel's built-in formats of a time of day alone (h:mm AM/PM, h:mm:ss AM/PM, h:mm, h:mm:ss, mm:ss, mm:ss.0). */
const BUILT_IN_CLOCK_IDS = new Set([18, 19, 20, 21, 45, 47]);

const MINIMAL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${NS.main}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/** The styles part, read once, edited, serialised once. */
export class StyleBook {
  private readonly doc: Document;
  private readonly root: Element;
  private readonly cache = new Map<string, number>();
  private readonly dateForms = new Map<number, number | null>();
  /** The part's text as read (`null` for a part we make), and its collections with the children each had. */
  private readonly source: string | null;
  private readonly original: readonly { readonly element: Element; readonly children: number }[];
  /** True when the part did not exist and must be added to the package. */
  readonly isNew: boolean;

  constructor(xml: string | null) {
    this.isNew = xml === null;
    this.source = xml;
    this.doc = parseXml(xml ?? MINIMAL, 'xl/styles.xml');
    this.root = this.doc.documentElement!;
    this.original = elementsOf(this.root).map((element) => ({ element, children: elementsOf(element).length }));
  }

  /** Indexes of the cell formats that show dates (to read a 1904-system workbook's dates). */
  dateStyles(): Set<number> {
    const out = new Set<number>();
    this.eachCellFormat((i, id, custom) => {
      if (BUILT_IN_DATE_IDS.has(id) || (custom !== undefined && isDateFormatCode(custom))) out.add(i);
    });
    return out;
  }

  /**
   * The cell formats that show a number as something other than itself, by index: a percentage (Excel's 9
   * and 10, or a custom code with "%" outside its quoted text), a time of day (18-21, 45, 47) or a duration
   * (46, or a custom code with an elapsed bracket). The CSV writes such a cell as it shows.
   */
  numberShownAs(): Map<number, NumberShownAs> {
    const out = new Map<number, NumberShownAs>();
    this.eachCellFormat((i, id, custom) => {
      const as = id === 9 || id === 10 ? 'percent' : BUILT_IN_CLOCK_IDS.has(id) ? 'clock' : id === 46 ? 'elapsed' : custom === undefined ? null : shownAsOfCode(custom);
      if (as !== null) out.set(i, as);
    });
    return out;
  }

  /** Each cell format's index, number format id, and code where the workbook defines one. */
  private eachCellFormat(visit: (index: number, numFmtId: number, customCode: string | undefined) => void): void {
    const custom = new Map<number, string>();
    const numFmts = child(this.root, 'numFmts');
    for (const f of numFmts ? children(numFmts, 'numFmt') : []) custom.set(Number(f.getAttribute('numFmtId')), f.getAttribute('formatCode') ?? '');
    const xfs = child(this.root, 'cellXfs');
    (xfs ? children(xfs, 'xf') : []).forEach((xf, i) => {
      const id = Number(xf.getAttribute('numFmtId') ?? 0);
      visit(i, id, custom.get(id));
    });
  }

  /**
   * The cell format to write a date into a cell of format `xf` with: `xf` itself when it shows dates;
   * else a copy of it (its font, fill, border, alignment and protection) with the date format, added
   * once per `xf` and reused when an earlier run added it. `null` when the workbook has no such format.
   */
  dateFormOf(xf: number): number | null {
    const known = this.dateForms.get(xf);
    if (known !== undefined) return known;
    const xfs = child(this.root, 'cellXfs');
    const original = xfs && Number.isInteger(xf) && xf >= 0 ? children(xfs, 'xf')[xf] : undefined;
    let form: number | null = null;
    if (original && this.dateStyles().has(xf)) form = xf;
    else if (original) {
      const copy = original.cloneNode(true) as Element;
      copy.setAttribute('numFmtId', String(this.numberFormat(DATE_FORMAT)));
      copy.setAttribute('applyNumberFormat', '1');
      form = this.addOrReuse('cellXfs', copy);
    }
    this.dateForms.set(xf, form);
    return form;
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
    return this.source === null ? serializeXml(this.doc) : this.spliced(this.source);
  }

  /** The source text with our additions: each collection's new children and count, and the collections it lacked. */
  private spliced(source: string): string {
    const tags = topLevelTags(source);
    const edits: { at: number; to: number; text: string }[] = [];
    const byElement = new Map(this.original.map((o, i) => [o.element, { ...o, tag: tags[i]! }]));
    let pending = '';
    for (const element of elementsOf(this.root)) {
      const was = byElement.get(element);
      if (!was) {
        pending += this.fragment(element);
        continue;
      }
      if (pending) edits.push({ at: was.tag.start, to: was.tag.start, text: pending });
      pending = '';
      const added = elementsOf(element).slice(was.children).map((e) => this.fragment(e)).join('');
      const count = element.getAttribute('count');
      const open = source.slice(was.tag.start, was.tag.openEnd);
      const had = /\scount=(?:"([^"]*)"|'([^']*)')/.exec(open);
      const newOpen = count !== null && count !== (had?.[1] ?? had?.[2]) ? withCount(open, count) : open;
      if (!added && newOpen === open) continue;
      if (was.tag.selfClosing) edits.push({ at: was.tag.start, to: was.tag.openEnd, text: added ? `${newOpen.replace(/\s*\/>$/, '>')}${added}</${element.tagName}>` : newOpen });
      else {
        edits.push({ at: was.tag.start, to: was.tag.openEnd, text: newOpen });
        if (added) edits.push({ at: was.tag.closeStart, to: was.tag.closeStart, text: added });
      }
    }
    if (pending) edits.push({ at: tags.rootClose, to: tags.rootClose, text: pending });
    let out = '';
    let from = 0;
    for (const e of edits) {
      out += source.slice(from, e.at) + e.text;
      from = e.to;
    }
    return out + source.slice(from);
  }

  /** An element of ours as text, without the namespace declarations the part's root already makes. */
  private fragment(element: Element): string {
    const text = new XMLSerializer().serializeToString(element);
    const open = /^<[^>]*>/.exec(text)![0];
    const declared = (decl: string) => {
      const m = /^\s(xmlns(?::[^=]+)?)="([^"]*)"$/.exec(decl)!;
      return this.root.getAttribute(m[1]!) === m[2];
    };
    return open.replace(/\sxmlns(?::[^=\s]+)?="[^"]*"/g, (d) => (declared(d) ? '' : d)) + text.slice(open.length);
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

/** The element children of `parent`. */
function elementsOf(parent: Element): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

/** Where each child element of a part's root starts, its open tag ends and its close tag starts, and where the root's close tag starts. */
function topLevelTags(source: string): { start: number; openEnd: number; closeStart: number; selfClosing: boolean }[] & { rootClose: number } {
  const tags: { start: number; openEnd: number; closeStart: number; selfClosing: boolean }[] = [];
  let depth = 0;
  let rootClose = source.length;
  readXmlText(source, {
    open(_local, _attrs, start, end, selfClosing) {
      if (depth === 1) tags.push({ start, openEnd: end + 1, closeStart: end + 1, selfClosing });
      depth++;
    },
    close(_local, start, _end, selfClosing) {
      depth--;
      if (depth === 1 && !selfClosing) tags[tags.length - 1]!.closeStart = start;
      if (depth === 0) rootClose = start;
    },
  });
  return Object.assign(tags, { rootClose });
}

/** An open tag with its count attribute set to `count`. */
function withCount(open: string, count: string): string {
  const has = /\scount=(?:"[^"]*"|'[^']*')/;
  return has.test(open) ? open.replace(has, ` count="${count}"`) : open.replace(/^(<[^\s/>]+)/, `$1 count="${count}"`);
}
