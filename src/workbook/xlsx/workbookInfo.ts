/**
 * The workbook's structure as its package declares it: where the workbook part is (from the package
 * relationships, not assumed), its sheets with their parts and order, the shared strings and styles,
 * the defined names and the date system. Relationship targets are resolved as ECMA-376 Part 2 says
 * (relative to the source part, or absolute from the package root as openpyxl writes them).
 */
import type { Document, Element } from '@xmldom/xmldom';
import type { XlsxPackage } from './zipPackage';
import { child, children, NS, PackageError, parseXml, REL } from './xml';

/** One relationship of a part, its target resolved to a part name (no leading slash). */
export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

/** The relationships part of `part`: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels". */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target against its source part. */
export function resolveTarget(sourcePart: string, target: string): string {
  const base = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const seg of target.replace(/^\//, '').split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

/** The target as written relative to `sourcePart` (how Excel writes targets). */
export function relativeTarget(sourcePart: string, part: string): string {
  const from = sourcePart.split('/').slice(0, -1);
  const to = part.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

/** Reads a part's relationships ([] when it has none). */
export async function readRelationships(pkg: XlsxPackage, part: string): Promise<{ doc: Document | null; rels: Relationship[] }> {
  const path = relsPathOf(part);
  if (!pkg.has(path)) return { doc: null, rels: [] };
  const doc = parseXml(await pkg.text(path), path);
  const rels = children(doc.documentElement!, 'Relationship').map((r) => {
    const external = r.getAttribute('TargetMode') === 'External';
    const target = r.getAttribute('Target') ?? '';
    return { id: r.getAttribute('Id') ?? '', type: r.getAttribute('Type') ?? '', target: external ? target : resolveTarget(part, target), external };
  });
  return { doc, rels };
}

/** One sheet of the workbook. */
export interface SheetInfo {
  readonly name: string;
  /** Position in the workbook's sheet list: a sheet-scoped defined name's localSheetId. */
  readonly index: number;
  readonly relId: string;
  /** Its part ("xl/worksheets/sheet1.xml"); `null` for a chart sheet or a dialog sheet. */
  readonly part: string | null;
  /** Whether the analyst sees its tab (`sheet/@state`, ECMA-376 Part 1, 18.2.19): a hidden sheet is often a list of lookups. */
  readonly state: SheetState;
}

/** A sheet's visibility: "veryHidden" is unhidden only from VBA. */
export type SheetState = 'visible' | 'hidden' | 'veryHidden';

/** A defined name, its text as written ("'Register'!$BQ$1:$BQ$201"). */
export interface DefinedName {
  readonly name: string;
  readonly localSheetId: number | null;
  readonly text: string;
}

/** The workbook's structure. */
export interface WorkbookInfo {
  readonly part: string;
  readonly doc: Document;
  readonly rels: readonly Relationship[];
  readonly sheets: readonly SheetInfo[];
  readonly sharedStrings: string | null;
  readonly styles: string | null;
  readonly definedNames: readonly DefinedName[];
  /** Serial dates count from 1904 (old Mac workbooks): 1,462 days fewer than the 1900 system. */
  readonly date1904: boolean;
  /** The workbook holds macros (its main part is the macro-enabled kind): Excel opens it only as .xlsm. */
  readonly macroEnabled: boolean;
}

/** Reads the workbook part and its relationships. */
export async function readWorkbookInfo(pkg: XlsxPackage): Promise<WorkbookInfo> {
  const root = await readRelationships(pkg, '');
  const main = root.rels.find((r) => r.type === REL.officeDocument || r.type.endsWith('/officeDocument'));
  if (!main) throw new PackageError('it has no workbook part (its package relationships name no main document).');
  const doc = parseXml(await pkg.text(main.target), main.target);
  const wb = doc.documentElement!;
  if (wb.namespaceURI === NS.strictMain) throw new PackageError('it is saved as "Strict Open XML Spreadsheet". Open it in Excel and save it as Excel Workbook (.xlsx).');
  if (wb.localName !== 'workbook') throw new PackageError(`its main part ${main.target} is not a workbook.`);
  const { rels } = await readRelationships(pkg, main.target);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheetsEl = child(wb, 'sheets');
  const sheets = (sheetsEl ? children(sheetsEl, 'sheet') : []).map((s, index): SheetInfo => {
    const relId = s.getAttributeNS(NS.r, 'id') ?? attrByLocalName(s, 'id') ?? '';
    const rel = byId.get(relId);
    const state = s.getAttribute('state');
    return {
      name: s.getAttribute('name') ?? '', index, relId,
      part: rel && rel.type === REL.worksheet && pkg.has(rel.target) ? pkg.nameOf(rel.target) : null,
      state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
    };
  });
  const target = (type: string) => {
    const r = rels.find((x) => x.type === type);
    return r && pkg.has(r.target) ? pkg.nameOf(r.target) : null;
  };
  const namesEl = child(wb, 'definedNames');
  const definedNames = (namesEl ? children(namesEl, 'definedName') : []).map((n) => {
    const local = n.getAttribute('localSheetId');
    return { name: n.getAttribute('name') ?? '', localSheetId: local === null || local === '' ? null : Number(local), text: n.textContent ?? '' };
  });
  const pr = child(wb, 'workbookPr');
  const d1904 = pr?.getAttribute('date1904');
  const types = await pkg.text('[Content_Types].xml');
  const macroEnabled = new RegExp(`PartName="/${main.target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*ContentType="[^"]*macroEnabled`, 'i').test(types)
    || /ContentType="application\/vnd\.ms-excel\.sheet\.macroEnabled\.main\+xml"/i.test(types);
  return { part: main.target, doc, rels, sheets, sharedStrings: target(REL.sharedStrings), styles: target(REL.styles), definedNames, date1904: d1904 === '1' || d1904 === 'true', macroEnabled };
}

/** An attribute by local name whatever its prefix (r:id declared under another prefix by some producers). */
function attrByLocalName(el: Element, local: string): string | null {
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    if (a.localName === local && a.prefix) return a.value;
  }
  return null;
}
