/**
 * Edits of the package's small structural parts, made with a DOM so namespaces and unknown elements
 * stay as they were: the workbook part (sheets we add, the defined names that mark our result columns),
 * its relationships, and [Content_Types].xml.
 */
import type { Document, Element } from '@xmldom/xmldom';
import { relativeTarget, relsPathOf, type WorkbookInfo } from './workbookInfo';
import { child, children, createIn, insertInOrder, NS, parseXml, REL, serializeXml } from './xml';
import type { XlsxPackage } from './zipPackage';

/** CT_Workbook's element order (ECMA-376 Part 1, 18.2.27). */
const WORKBOOK_ORDER = ['fileVersion', 'fileSharing', 'workbookPr', 'AlternateContent', 'workbookProtection', 'bookViews', 'sheets', 'functionGroups', 'externalReferences', 'definedNames', 'calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'];

const EMPTY_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.rels}"></Relationships>`;

/** A defined name to write. */
export interface NameToWrite {
  readonly name: string;
  readonly text: string;
}

/** The workbook, its relationships and the content types, edited together. */
export class WorkbookEdit {
  private readonly wb: Document;
  private readonly rels: Document;
  private readonly types: Document;
  private readonly taken: Set<string>;

  constructor(private readonly pkg: XlsxPackage, private readonly info: WorkbookInfo, relsText: string | null, typesText: string) {
    this.wb = info.doc;
    this.rels = parseXml(relsText ?? EMPTY_RELS, relsPathOf(info.part));
    this.types = parseXml(typesText, '[Content_Types].xml');
    this.taken = new Set(pkg.entries.map((e) => e.filename.toLowerCase()));
  }

  /** A part name not in the package nor given out yet: `pattern(1)`, `pattern(2)`... */
  freePart(pattern: (n: number) => string): string {
    for (let n = 1; ; n++) {
      const name = pattern(n);
      if (!this.taken.has(name.toLowerCase())) {
        this.taken.add(name.toLowerCase());
        return name;
      }
    }
  }

  /** Replaces the sheet-scoped names that start with `prefix` on sheet `index` by `names` (hidden). */
  setSheetNames(index: number, prefix: string, names: readonly NameToWrite[]): void {
    const root = this.wb.documentElement!;
    let list = child(root, 'definedNames');
    if (!list) {
      list = createIn(this.wb, root, NS.main, 'definedNames');
      insertInOrder(root, list, WORKBOOK_ORDER);
    }
    for (const n of children(list, 'definedName')) {
      if ((n.getAttribute('name') ?? '').toLowerCase().startsWith(prefix.toLowerCase()) && n.getAttribute('localSheetId') === String(index)) list.removeChild(n);
    }
    for (const { name, text } of names) {
      const el = createIn(this.wb, list, NS.main, 'definedName');
      el.setAttribute('name', name);
      el.setAttribute('localSheetId', String(index));
      el.setAttribute('hidden', '1');
      el.appendChild(this.wb.createTextNode(text));
      list.appendChild(el);
    }
  }

  /** Sets a sheet-scoped name (a print title, say) unless the sheet has that name already: the analyst's stays. */
  ensureSheetName(index: number, name: string, text: string): void {
    const root = this.wb.documentElement!;
    let list = child(root, 'definedNames');
    if (list && children(list, 'definedName').some((n) => n.getAttribute('name')?.toLowerCase() === name.toLowerCase() && n.getAttribute('localSheetId') === String(index))) return;
    if (!list) {
      list = createIn(this.wb, root, NS.main, 'definedNames');
      insertInOrder(root, list, WORKBOOK_ORDER);
    }
    const el = createIn(this.wb, list, NS.main, 'definedName');
    el.setAttribute('name', name);
    el.setAttribute('localSheetId', String(index));
    el.appendChild(this.wb.createTextNode(text));
    list.appendChild(el);
  }

  /** Sheets in the workbook now, those added included. */
  get sheetCount(): number {
    return children(child(this.wb.documentElement!, 'sheets')!, 'sheet').length;
  }

  /** Adds a worksheet at the end of the workbook (hidden: not shown as a tab); returns its part name. */
  addSheet(name: string, hidden = false): string {
    const part = this.freePart((n) => `xl/worksheets/sheet${n}.xml`);
    const relId = this.addRelationship(REL.worksheet, part);
    const sheets = child(this.wb.documentElement!, 'sheets')!;
    const ids = children(sheets, 'sheet').map((s) => Number(s.getAttribute('sheetId')) || 0);
    const sheet = createIn(this.wb, sheets, NS.main, 'sheet');
    sheet.setAttribute('name', name);
    sheet.setAttribute('sheetId', String(Math.max(0, ...ids) + 1));
    if (hidden) sheet.setAttribute('state', 'hidden');
    // openpyxl declares xmlns:r on each <sheet>, not on the root: setAttributeNS declares it where it is missing.
    sheet.setAttributeNS(NS.r, 'r:id', relId);
    sheets.appendChild(sheet);
    this.addOverride(part, 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml');
    return part;
  }

  /** Adds a relationship from the workbook part; returns its id. */
  addRelationship(type: string, part: string): string {
    const root = this.rels.documentElement!;
    const ids = new Set(children(root, 'Relationship').map((r) => r.getAttribute('Id')));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const rel = this.rels.createElementNS(NS.rels, 'Relationship');
    rel.setAttribute('Id', `rId${n}`);
    rel.setAttribute('Type', type);
    rel.setAttribute('Target', relativeTarget(this.info.part, part));
    root.appendChild(rel);
    return `rId${n}`;
  }

  /** Declares a part's content type, unless the package already does (an Override, or a Default for its extension). */
  addOverride(part: string, contentType: string): void {
    const root = this.types.documentElement!;
    const name = `/${part}`;
    const has = children(root, 'Override').some((o: Element) => (o.getAttribute('PartName') ?? '').toLowerCase() === name.toLowerCase());
    if (has) return;
    const o = this.types.createElementNS(NS.types, 'Override');
    o.setAttribute('PartName', name);
    o.setAttribute('ContentType', contentType);
    root.appendChild(o);
  }

  workbookXml(): string {
    return serializeXml(this.wb);
  }

  relsXml(): string {
    return serializeXml(this.rels);
  }

  contentTypesXml(): string {
    return serializeXml(this.types);
  }

  get relsPart(): string {
    return relsPathOf(this.info.part);
  }

  get relsExisted(): boolean {
    return this.pkg.has(this.relsPart);
  }
}
