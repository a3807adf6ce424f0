/**
 * What a copy added to a workbook's styles part (xl/styles.xml), told apart from what it kept: the
 * children each collection gained at its end, and the collections the part lacked. Removing them must
 * give back the analyst's part byte for byte.
 */
import { readXmlText } from '../../src/workbook/xlsx/xmlStream';

interface Span {
  readonly name: string;
  readonly start: number;
  readonly openEnd: number;
  readonly end: number;
  readonly children: { readonly start: number; readonly end: number; readonly text: string }[];
}

/** The root's child elements, each with its open tag's end and its own children's spans. */
function outline(xml: string): Span[] {
  const top: Span[] = [];
  let depth = 0;
  let childStart = 0;
  readXmlText(xml, {
    open(local, _attrs, start, end) {
      if (depth === 1) top.push({ name: local, start, openEnd: end + 1, end: end + 1, children: [] });
      if (depth === 2) childStart = start;
      depth++;
    },
    close(_local, _start, end) {
      depth--;
      if (depth === 2) top[top.length - 1]!.children.push({ start: childStart, end: end + 1, text: xml.slice(childStart, end + 1) });
      if (depth === 1) top[top.length - 1] = { ...top[top.length - 1]!, end: end + 1 };
    },
  });
  return top;
}

/**
 * `copy`'s styles part with what it added to `source` taken out: each collection's children past the
 * number the source had, its count as the source had it, and each collection the source lacked.
 * `added` gets the text of each child taken out, by collection.
 */
export function withoutAdditions(copy: string, source: string, added: Record<string, string[]> = {}): string {
  const had = new Map(outline(source).map((s) => [s.name, s]));
  let out = '';
  let from = 0;
  for (const s of outline(copy)) {
    const was = had.get(s.name);
    out += copy.slice(from, s.start);
    if (!was) {
      (added[s.name] ??= []).push(copy.slice(s.start, s.end));
      from = s.end;
      continue;
    }
    const count = /\scount="([^"]*)"/.exec(source.slice(was.start, was.openEnd))?.[1];
    out += copy.slice(s.start, s.openEnd).replace(/\scount="[^"]*"/, count === undefined ? '' : ` count="${count}"`);
    from = s.openEnd;
    const extra = s.children.slice(was.children.length);
    if (extra.length) {
      out += copy.slice(from, extra[0]!.start);
      (added[s.name] ??= []).push(...extra.map((e) => e.text));
      from = extra[extra.length - 1]!.end;
      // A collection the source wrote self-closing, opened for its new children.
      if (/\/>$/.test(source.slice(was.start, was.openEnd))) {
        out = out.replace(/>$/, '/>');
        from = s.end;
      }
    }
  }
  return out + copy.slice(from);
}
