/**
 * XML for the workbook package: the namespaces of ECMA-376, text escaping in both directions (XML
 * entities and OOXML's `_xHHHH_` escapes for characters XML cannot hold), and a namespace-correct DOM
 * (@xmldom/xmldom) for the small parts we edit: workbook, relationships, content types, styles, tables.
 * Parts we do not change are never parsed at all; the register sheet is edited by splicing (xmlStream.ts).
 */
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  strictMain: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  types: 'http://schemas.openxmlformats.org/package/2006/content-types',
} as const;

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  table: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table',
  drawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing',
  chart: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart',
} as const;

export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
} as const;

/** Why a part could not be understood: becomes the one line the analyst reads. */
export class PackageError extends Error {
  override readonly name = 'PackageError';
}

/** Text as XML element content or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/**
 * Cell text as OOXML stores it: XML escaped, a literal "_x" followed by four hex digits escaped as
 * `_x005F_` so a reader does not take it for an escape, and the control characters XML 1.0 cannot hold
 * (all below U+0020 but tab, line feed and carriage return) written as `_xHHHH_` (ECMA-376 Part 1, 22.9.2.19 ST_Xstring).
 */
export function escapeCellText(text: string): string {
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what must be escaped
  const s = text.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  return escapeXml(s);
}

const ENTITY = /&(?:#x([0-9A-Fa-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML entities and character references in raw text (the streaming reader keeps text raw). */
export function decodeXmlText(raw: string): string {
  if (raw.indexOf('&') === -1) return raw;
  return raw.replace(ENTITY, (_m, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    name ? NAMED[name]! : String.fromCodePoint(hex ? parseInt(hex, 16) : Number(dec)));
}

/** Undoes OOXML's `_xHHHH_` escapes in cell and shared-string text. */
export function decodeCellText(text: string): string {
  if (text.indexOf('_x') === -1) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Parses a small part; a malformed one is a PackageError naming it. */
export function parseXml(text: string, part: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(text, 'text/xml');
  if (errors.length || !doc.documentElement) throw new PackageError(`its part ${part} is not well-formed XML (${errors[0]?.split('\n')[0] ?? 'no root element'})`);
  return doc;
}

export function serializeXml(doc: Document): string {
  const text = new XMLSerializer().serializeToString(doc);
  return text.startsWith('<?xml') ? text : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text}`;
}

/** Child elements of `parent` with a local name (any namespace: producers differ in prefixes, not in names). */
export function children(parent: Element, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (n as Element).localName === localName) out.push(n as Element);
  return out;
}

export function child(parent: Element, localName: string): Element | null {
  return children(parent, localName)[0] ?? null;
}

/** A new element in the namespace and with the prefix its parent's document uses for `ns`. */
export function createIn(doc: Document, parentForPrefix: Element, ns: string, localName: string): Element {
  const prefix = parentForPrefix.namespaceURI === ns ? parentForPrefix.prefix : parentForPrefix.lookupPrefix(ns);
  return doc.createElementNS(ns, prefix ? `${prefix}:${localName}` : localName);
}

/**
 * Inserts `node` as a child of `parent` before the first child whose local name comes later in
 * `order` (the schema's sequence), or at the end.
 */
export function insertInOrder(parent: Element, node: Element, order: readonly string[]): void {
  const rank = order.indexOf(node.localName!);
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue;
    const r = order.indexOf((n as Element).localName!);
    if (r > rank) {
      parent.insertBefore(node, n);
      return;
    }
  }
  parent.appendChild(node);
}
