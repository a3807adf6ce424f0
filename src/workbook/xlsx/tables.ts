/**
 * The analyst's Excel tables (ECMA-376 Part 1, 18.5): read to know where the register's table is, and
 * extended by our result columns so that sorting or filtering the table keeps each school with its
 * results. Only the table part's range, its autoFilter range and its column list change; its style,
 * totals row, sort state and extensions stay as the analyst's program wrote them.
 */
import type { Element } from '@xmldom/xmldom';
import { columnLetters } from '../port';
import { uniqueColumnNames } from '../../run/resultPlacement';
import { parseBox, type Box } from './readSheet';
import { readRelationships } from './workbookInfo';
import { child, children, createIn, NS, parseXml, REL, serializeXml } from './xml';
import type { XlsxPackage } from './zipPackage';

export { uniqueColumnNames };

/** One table of the register's sheet. */
export interface TableInfo {
  readonly part: string;
  readonly name: string;
  readonly ref: Box;
  readonly headerRow: boolean;
  /** Rows of totals at the bottom of `ref` (`totalsRowCount`, 0 or 1): not schools, and never written into. */
  readonly totalsRows: number;
  readonly columns: readonly string[];
  /** A table filled by a query (Power Query, a connection): its columns are the query's. */
  readonly isQueryTable: boolean;
  readonly xml: string;
}

const refOf = (b: Box) => `${columnLetters(b.left)}${b.top + 1}:${columnLetters(b.right)}${b.bottom + 1}`;

/** Reads the tables a sheet's `tablePart` elements point to. */
export async function readTables(pkg: XlsxPackage, sheetPart: string, relIds: readonly string[]): Promise<TableInfo[]> {
  if (relIds.length === 0) return [];
  const { rels } = await readRelationships(pkg, sheetPart);
  const out: TableInfo[] = [];
  for (const id of relIds) {
    const rel = rels.find((r) => r.id === id && r.type === REL.table);
    if (!rel || !pkg.has(rel.target)) continue;
    const part = pkg.nameOf(rel.target);
    const xml = await pkg.text(part);
    const t = parseXml(xml, part).documentElement!;
    const ref = parseBox(t.getAttribute('ref') ?? '');
    if (!ref) continue;
    const cols = child(t, 'tableColumns');
    out.push({
      part, xml, ref,
      name: t.getAttribute('displayName') ?? t.getAttribute('name') ?? '',
      headerRow: t.getAttribute('headerRowCount') !== '0',
      totalsRows: Number(t.getAttribute('totalsRowCount') ?? 0) || 0,
      columns: (cols ? children(cols, 'tableColumn') : []).map((c) => c.getAttribute('name') ?? ''),
      isQueryTable: t.getAttribute('tableType') === 'queryTable',
    });
  }
  return out;
}

/** The table part with `names` added as columns on its right (its range grows to `newRight`). */
export function extendTable(table: TableInfo, newRight: number, names: readonly string[]): string {
  const doc = parseXml(table.xml, table.part);
  const t = doc.documentElement!;
  const ref = { ...table.ref, right: newRight };
  t.setAttribute('ref', refOf(ref));
  const filter = child(t, 'autoFilter');
  const filterBox = filter ? parseBox(filter.getAttribute('ref') ?? '') : null;
  if (filter && filterBox) filter.setAttribute('ref', refOf({ ...filterBox, right: newRight }));
  let cols = child(t, 'tableColumns');
  if (!cols) {
    cols = createIn(doc, t, NS.main, 'tableColumns');
    t.appendChild(cols);
  }
  const existing = children(cols, 'tableColumn');
  let id = Math.max(0, ...existing.map((c: Element) => Number(c.getAttribute('id')) || 0));
  for (const name of names) {
    const c = createIn(doc, cols, NS.main, 'tableColumn');
    c.setAttribute('id', String(++id));
    c.setAttribute('name', name);
    cols.appendChild(c);
  }
  cols.setAttribute('count', String(existing.length + names.length));
  return serializeXml(doc);
}

/**
 * Where a table grows to take `columns` (written right of it) and the names of its new columns; `null`,
 * with a note saying why, when it cannot: other columns between, or a table a query fills. `headers` is
 * updated with the names the table needs (unique: an existing name gets a number, as Excel numbers them).
 */
export function tableExtension(
  table: TableInfo, columns: readonly number[], writeHeader: readonly boolean[], headerRow: readonly unknown[], headers: string[], notes: string[], what: string,
): { right: number; names: string[] } | null {
  const outside = columns.map((c, i) => [c, i] as const).filter(([c]) => c > table.ref.right).sort((a, b) => a[0] - b[0]);
  if (outside.length === 0) return null;
  const contiguous = outside.every(([c], k) => c === table.ref.right + 1 + k);
  if (!contiguous) {
    notes.push(`The ${what} could not be added to your table "${table.name}" because other columns lie between it and them; they are beside it, so sort the table and the ${what} together (or give the columns between a header inside the table).`);
    return null;
  }
  if (table.isQueryTable) {
    notes.push(`Your table "${table.name}" is filled by a query, so the ${what} were written beside it, not inside it.`);
    return null;
  }
  const wanted = outside.map(([c, i]) => (writeHeader[i] ? headers[i]! : String(headerRow[c] ?? '').trim() || headers[i]!));
  const names = uniqueColumnNames(table.columns, wanted);
  outside.forEach(([, i], k) => {
    if (names[k] !== wanted[k]) notes.push(`Your table "${table.name}" already has a column "${wanted[k]}", so ours is headed "${names[k]}".`);
    headers[i] = names[k]!;
  });
  return { right: outside[outside.length - 1]![0], names };
}
