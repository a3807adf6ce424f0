/**
 * Refreshing the register's inspection columns from the official data, planned once for both shells:
 * Ofsted's monthly management information ("state-funded schools - latest inspections") for the
 * inspection outcomes and dates, and Get Information about Schools for status and phase. Both files are
 * read through the same header matching and cell reading as a register (their column names are aliases
 * of our fields), so their encodings, NULLs and date formats are read as a register's are.
 *
 * Nothing is overwritten silently. Every cell the refresh changes is listed with its old and new value
 * and its source; a value the analyst entered after the previous refresh (the workbook keeps what each
 * refresh wrote), or one dated later than the official record, is a conflict and stays as the analyst
 * had it, unless they prefer the official value. Personal data in the GIAS extract (heads' names) is
 * never read: only the fields below are.
 */
import { toExcelSerial, toUkDate, type CalendarDate } from '../../core/dates';
import { FIELDS, type FieldKey } from '../../core/fields';
import { mapHeaders, type HeaderMapping } from '../../core/headers';
import { readRegister } from '../../core/record';
import { valueReader } from '../../core/values';
import { gridText, type Cell, type GridValue } from '../workbook/cell';

/** The fields the MI fills, grouped by the date that says how recent they are. */
const GRADED = ['ofstedGrade', 'inspectionDate', 'kjQualityOfEducation', 'kjBehaviourAttitudes', 'kjPersonalDevelopment', 'kjLeadershipManagement', 'kjSixthForm'] as const;
const UNGRADED = ['ungradedInspectionDate', 'ungradedOutcome'] as const;
const REPORT_CARD = ['reportCardDate', 'rcInclusion', 'rcCurriculumTeaching', 'rcAchievement', 'rcAttendanceBehaviour', 'rcPersonalDevelopment', 'rcLeadershipGovernance', 'rcEarlyYears', 'rcPost16', 'safeguardingEffective'] as const;
export const MI_FIELDS: readonly FieldKey[] = [...GRADED, ...UNGRADED, ...REPORT_CARD, 'categoryOfConcern'];
export const GIAS_FIELDS: readonly FieldKey[] = ['status', 'phase'];

/** The date field that dates each refreshed field (a newer official date means the register is out of date). */
const DATED_BY: Partial<Record<FieldKey, FieldKey>> = Object.fromEntries([
  ...GRADED.map((f) => [f, 'inspectionDate']), ...UNGRADED.map((f) => [f, 'ungradedInspectionDate']), ...REPORT_CARD.map((f) => [f, 'reportCardDate']),
]);

/** The published columns each file must have, by their exact names (one line names the missing ones). */
const MI_COLUMNS = ['URN', 'LAESTAB', 'School name', 'Latest OEIF overall effectiveness', 'Inspection start date of latest OEIF graded inspection', 'Date of latest ungraded inspection', 'Ungraded inspection overall outcome', 'Category of concern', 'URN at time of latest OEIF graded inspection'];
const GIAS_COLUMNS = ['URN', 'EstablishmentName', 'TypeOfEstablishment (name)', 'PhaseOfEducation (name)'];

/** An official file, as read (CSV cells). */
export interface OfficialFile {
  readonly name: string;
  readonly values: readonly (readonly GridValue[])[];
}

/** Why an official file cannot be used: one line. */
export class OfficialFileError extends Error {
  override readonly name = 'OfficialFileError';
}

/** One cell the refresh writes (or would have, for a conflict). */
export interface CellChange {
  readonly urn: string;
  readonly school: string;
  /** Grid row of the school. */
  readonly row: number;
  readonly field: FieldKey;
  /** The register's column for the field, as it heads it; a column the refresh adds is headed with the field's label. */
  readonly header: string;
  readonly oldText: string;
  /** The value written: text, or an Excel serial for a date. */
  readonly value: Cell;
  readonly newText: string;
  readonly source: string;
  readonly sourceDate: string;
  readonly kind: 'filled' | 'updated' | 'conflict' | 'official preferred';
  /** Why a conflict is one (or why the official value was preferred). */
  readonly why?: string;
}

/** What the refresh will do. */
export interface RefreshPlan {
  /** Cells written (filled, updated, or conflicts overridden with --prefer-official). */
  readonly changes: readonly CellChange[];
  /** Cells left as the analyst had them. */
  readonly conflicts: readonly CellChange[];
  /** Fields the register has no column for that the refresh fills: added, headed with their labels. */
  readonly newColumns: readonly FieldKey[];
  readonly la: string | null;
  readonly notInRegister: readonly { readonly urn: string; readonly name: string; readonly laestab: string }[];
  readonly notInOfficial: readonly { readonly urn: string; readonly name: string }[];
  /** Register schools found under a new URN (academy converters): the register's URN, the new one. */
  readonly byPredecessor: readonly { readonly urn: string; readonly newUrn: string; readonly name: string }[];
  readonly sources: readonly { readonly name: string; readonly date: string }[];
}

/** What the previous refresh wrote, by `urn|field`: the analyst changed a cell since if it no longer holds it. */
export type RefreshMemory = ReadonlyMap<string, string>;

const key = (urn: string, field: FieldKey) => `${urn}|${field}`;

/** The register as the refresh reads it. */
export interface RegisterForRefresh {
  readonly values: readonly (readonly GridValue[])[];
  readonly headerIndex: number;
  readonly mapping: HeaderMapping;
}

/** Plans a refresh. Throws OfficialFileError for a file that is not the MI or the GIAS extract. */
export function planRefresh(
  register: RegisterForRefresh,
  mi: OfficialFile,
  gias: OfficialFile | null,
  options: { readonly asOf: CalendarDate; readonly la?: string; readonly preferOfficial?: boolean; readonly memory?: RefreshMemory },
): RefreshPlan {
  // The register's schools, by URN.
  const reg = readRegister(register.values[register.headerIndex] ?? [], register.values.slice(register.headerIndex + 1), { asOf: options.asOf, headerRowNumber: register.headerIndex + 1, mapping: register.mapping });
  const rows = reg.records.flatMap((r, i) => (r && r.urn ? [{ record: r, gridRow: register.headerIndex + 1 + i }] : []));
  const registerUrns = new Set(rows.map((r) => r.record.urn!));
  const la = options.la ?? commonLa(rows.map((r) => r.record.laestab ?? ''));

  // Of England's 22,000 schools only the register's, their successors and the authority's are read.
  checkColumns(mi, MI_COLUMNS, 'Ofsted\'s management information ("state-funded schools - latest inspections")');
  if (gias) checkColumns(gias, GIAS_COLUMNS, 'a Get Information about Schools extract');
  const [urnCol, laCol, beforeCol] = ['URN', 'LAESTAB', 'URN at time of latest OEIF graded inspection'].map((c) => columnNamed(mi, c));
  const wanted = (r: readonly GridValue[]) => registerUrns.has(gridText(r[urnCol!]).trim()) || registerUrns.has(gridText(r[beforeCol!]).trim())
    || (la !== null && gridText(r[laCol!]).replace(/\D/g, '').startsWith(la));
  const official = readOfficial(mi, options.asOf, wanted);
  const giasUrn = gias ? columnNamed(gias, 'URN') : -1;
  const giasRead = gias ? readOfficial(gias, options.asOf, (r) => registerUrns.has(gridText(r[giasUrn]).trim()) || official.byUrn.has(gridText(r[giasUrn]).trim())) : null;
  const miDate = latestDate(mi, 'Publication date', options.asOf) ?? '';
  const sources = [{ name: mi.name, date: miDate }, ...(gias ? [{ name: gias.name, date: '' }] : [])];

  // Converters: a school under a new URN whose latest graded inspection was under the register's URN.
  const successorOf = new Map<string, string>();
  mi.values.slice(1).forEach((r) => {
    const urn = gridText(r[urnCol!]).trim();
    const before = gridText(r[beforeCol!]).trim();
    if (before && before !== urn && registerUrns.has(before) && !registerUrns.has(urn)) successorOf.set(before, urn);
  });

  const changes: CellChange[] = [];
  const conflicts: CellChange[] = [];
  const newColumns = new Set<FieldKey>();
  const byPredecessor: RefreshPlan['byPredecessor'][number][] = [];
  const notInOfficial: RefreshPlan['notInOfficial'][number][] = [];
  const headerOf = (f: FieldKey) => register.mapping.columns.find((c) => c.index === register.mapping.byField[f])?.header ?? FIELDS[f].label;
  const cellOf = (gridRow: number, f: FieldKey) => {
    const c = register.mapping.byField[f];
    return c === undefined ? '' : register.values[gridRow]?.[c];
  };

  for (const { record, gridRow } of rows) {
    const urn = record.urn!;
    const school = record.schoolName ?? urn;
    const newUrn = successorOf.get(urn);
    if (newUrn) byPredecessor.push({ urn, newUrn, name: school });
    const sources: [Map<string, OfficialRow>, readonly FieldKey[], string, string][] = [[official.byUrn, MI_FIELDS, mi.name, miDate]];
    if (giasRead) sources.push([giasRead.byUrn, GIAS_FIELDS, gias!.name, '']);
    const inMi = official.byUrn.get(newUrn ?? urn);
    if (!inMi) notInOfficial.push({ urn, name: school });
    for (const [byUrn, fields, source, sourceDate] of sources) {
      const o = byUrn.get(newUrn ?? urn) ?? byUrn.get(urn);
      if (!o) continue;
      for (const field of fields) {
        const officialValue = o.parsed[field];
        if (officialValue === undefined) continue; // the official record is blank there: a register's value is not cleared
        const raw = cellOf(gridRow, field);
        const rawText = gridText(raw).trim();
        const mine = rawText === '' ? undefined : parse(field, raw, options.asOf);
        // A date cell shows as the date it is, not as its serial number.
        const oldText = FIELDS[field].type.kind === 'date' && typeof mine === 'number' ? toUkDate(mine as CalendarDate) : rawText;
        if (mine !== undefined && same(field, mine, officialValue)) continue;
        if (register.mapping.byField[field] === undefined) newColumns.add(field);
        const change: CellChange = {
          urn, school, row: gridRow, field, header: headerOf(field), oldText,
          value: officialCell(field, officialValue, o.raw[field] ?? ''), newText: shown(field, officialValue, o.raw[field] ?? ''), source, sourceDate,
          kind: oldText === '' ? 'filled' : 'updated',
        };
        if (oldText === '') {
          changes.push(change);
          continue;
        }
        // The analyst's own value: entered after the previous refresh, or dated later than the official record.
        const wrote = options.memory?.get(key(urn, field));
        const dateField = DATED_BY[field];
        const theirDate = dateField ? parse(dateField, cellOf(gridRow, dateField), options.asOf) : undefined;
        const officialDate = dateField ? o.parsed[dateField] : undefined;
        const why = wrote !== undefined && !same(field, parse(field, wrote, options.asOf), mine) ? `changed in the register since the refresh of ${options.memory?.get('|date') ?? 'before'} wrote "${wrote}"`
          : typeof theirDate === 'number' && typeof officialDate === 'number' && theirDate > officialDate ? `the register's ${FIELDS[dateField!].label.toLowerCase()} (${toUkDate(theirDate as CalendarDate)}) is later than the official one (${toUkDate(officialDate as CalendarDate)})`
          : null;
        if (why === null) changes.push(change);
        else if (options.preferOfficial) changes.push({ ...change, kind: 'official preferred', why });
        else conflicts.push({ ...change, kind: 'conflict', why });
      }
    }
  }

  // Schools of the authority the official data has and the register does not (new, or re-brokered).
  const known = new Set([...registerUrns, ...successorOf.values()]);
  const notInRegister = la === null ? [] : [...official.byUrn.values()]
    .filter((o) => o.laestab.replace(/\D/g, '').startsWith(la) && !known.has(o.urn))
    .map((o) => ({ urn: o.urn, name: o.name, laestab: o.laestab }));
  return { changes, conflicts, newColumns: [...newColumns], la, notInRegister, notInOfficial, byPredecessor, sources };
}

/** One school of an official file. */
interface OfficialRow {
  readonly urn: string;
  readonly name: string;
  readonly laestab: string;
  readonly parsed: Partial<Record<FieldKey, string | number | boolean>>;
  readonly raw: Partial<Record<FieldKey, string>>;
}

/** A file that lacks the columns its publisher writes is not that file: one line names the missing ones. */
function checkColumns(file: OfficialFile, required: readonly string[], what: string): void {
  const header = (file.values[0] ?? []).map((h) => gridText(h).trim().toLowerCase());
  const missing = required.filter((c) => !header.includes(c.toLowerCase()));
  if (missing.length) throw new OfficialFileError(`"${file.name}" is not ${what}: it lacks the column${missing.length === 1 ? '' : 's'} ${missing.map((m) => `"${m}"`).join(', ')}.`);
}

/** The rows of an official file that `keep` wants, read as a register's cells are. */
function readOfficial(file: OfficialFile, asOf: CalendarDate, keep: (row: readonly GridValue[]) => boolean): { byUrn: Map<string, OfficialRow>; urnCol: number } {
  const header = (file.values[0] ?? []).map((h) => gridText(h).trim());
  const mapping = mapHeaders(header);
  const kept = file.values.slice(1).filter(keep);
  const read = readRegister(header, kept, { asOf, headerRowNumber: 1, mapping });
  const byUrn = new Map<string, OfficialRow>();
  read.records.forEach((r, i) => {
    if (!r?.urn) return;
    const cells = kept[i]!;
    const parsed: OfficialRow['parsed'] = {};
    const raw: OfficialRow['raw'] = {};
    for (const [f, c] of Object.entries(mapping.byField) as [FieldKey, number][]) {
      const v = (r as Record<string, unknown>)[f];
      if (v === undefined || v === null) continue;
      parsed[f] = v as string | number | boolean;
      raw[f] = gridText(cells[c]).trim();
    }
    // "Inspection start date" dates the latest inspection of any kind: a report card's only where it has areas.
    if (!REPORT_CARD.some((f) => f !== 'reportCardDate' && f !== 'safeguardingEffective' && parsed[f] !== undefined)) {
      delete parsed.reportCardDate;
      delete raw.reportCardDate;
    }
    byUrn.set(r.urn, { urn: r.urn, name: r.schoolName ?? '', laestab: r.laestab ?? '', parsed, raw });
  });
  return { byUrn, urnCol: mapping.byField.urn! };
}

function parse(field: FieldKey, raw: unknown, asOf: CalendarDate): string | number | boolean | undefined {
  const v = valueReader(field)(raw, 0, '', asOf);
  return typeof v === 'object' ? undefined : v;
}

/**
 * Whether the register already says what the official record says. The MI gives an overall grade 4 for
 * both categories of concern, so a register's "serious weaknesses" or "special measures" says it already
 * (more precisely: it is kept).
 */
function same(field: FieldKey, mine: unknown, official: unknown): boolean {
  if (mine === official) return true;
  const legacy = field === 'ofstedGrade' || field.startsWith('kj');
  return legacy && official === 'inadequate' && (mine === 'serious-weaknesses' || mine === 'special-measures');
}

/** The cell the refresh writes: a date as an Excel date, a grade in words, other values as the official file says them. */
function officialCell(field: FieldKey, value: string | number | boolean, raw: string): Cell {
  if (FIELDS[field].type.kind === 'date' && typeof value === 'number') return toExcelSerial(value as CalendarDate);
  return shown(field, value, raw);
}

const WORDS: Record<string, string> = {
  outstanding: 'Outstanding', good: 'Good', 'requires-improvement': 'Requires improvement', inadequate: 'Inadequate', satisfactory: 'Satisfactory',
  'serious-weaknesses': 'Serious weaknesses', 'special-measures': 'Special measures', 'not-judged': 'Not judged',
};

function shown(field: FieldKey, value: string | number | boolean, raw: string): string {
  if (FIELDS[field].type.kind === 'date' && typeof value === 'number') return toUkDate(value as CalendarDate);
  // A grade the MI gives as a number (1-4) is written in words, as registers keep it.
  if (/^[1-4]$/.test(raw) && typeof value === 'string' && WORDS[value]) return WORDS[value]!;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return raw;
}

function columnNamed(file: OfficialFile, name: string): number {
  return (file.values[0] ?? []).findIndex((h) => gridText(h).trim().toLowerCase() === name.toLowerCase());
}

/** The latest date in a column of an official file (its "as at" date), as dd/mm/yyyy. */
function latestDate(file: OfficialFile, column: string, asOf: CalendarDate): string | null {
  const c = columnNamed(file, column);
  if (c < 0) return null;
  let latest: number | undefined;
  for (const r of file.values.slice(1)) {
    const d = parse('inspectionDate', r[c], asOf);
    if (typeof d === 'number' && (latest === undefined || d > latest)) latest = d;
  }
  return latest === undefined ? null : toUkDate(latest as CalendarDate);
}

/** The authority most of the register's LAESTABs name (their first three digits). */
function commonLa(laestabs: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const l of laestabs) {
    const digits = l.replace(/\D/g, '');
    if (digits.length >= 3) counts.set(digits.slice(0, 3), (counts.get(digits.slice(0, 3)) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** The memory of a refresh, as the workbook keeps it: rows of URN, field, value written; and the date. */
export function memoryRows(plan: RefreshPlan, earlier: RefreshMemory | undefined, date: string): string[][] {
  const out = new Map<string, string>(earlier ?? []);
  for (const c of plan.changes) out.set(key(c.urn, c.field), c.newText);
  out.set('|date', date);
  return [['URN', 'Field', 'Value written', ''], ...[...out.entries()].map(([k, v]) => [...k.split('|'), v, ''].slice(0, 3))];
}

/** Reads the memory back from those rows. */
export function readMemory(rows: readonly (readonly GridValue[])[]): RefreshMemory {
  const m = new Map<string, string>();
  for (const r of rows.slice(1)) m.set(`${gridText(r[0])}|${gridText(r[1])}`, gridText(r[2]));
  return m;
}
