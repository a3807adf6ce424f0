/**
 * Generates the official data the refresh reads, in the layouts Ofsted and the DfE publish them, from the
 * sample register's schools (examples/sample-register.csv) with what happened since:
 *
 * - examples/ofsted-mi-sample.csv: Ofsted's management information, "state-funded schools - latest
 *   inspections" (the columns in shared/DOMAIN.md), Windows-1252 encoded, `NULL` for a missing value,
 *   dates as dd/mm/yyyy, grades 1-4: new report cards for six schools, ungraded inspections with
 *   "(Concerns) - S5 Next" for three, an academy converter under a new URN, a school closed (absent), two
 *   new schools of the authority (one with an accented name), and schools of another authority.
 * - examples/gias-sample.csv: a Get Information about Schools extract with the heads' names (personal
 *   data the refresh must never copy) and the converter's new type.
 *
 * `officialMi(rows)` also builds an England-sized file for the bench (bench/run.ts: refreshMs22k).
 * Run: npx tsx scripts/generate-official-data.ts (the output is committed; the same every time).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { fromIsoDate, toUkDate, type CalendarDate } from '../core/dates';
import { valueReader } from '../core/values';
import { seededRandom } from './seededRandom';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The fictional authority of Northmoor, and a neighbour. */
export const LA = '999';
const NEIGHBOUR = '998';
const AS_OF = fromIsoDate('2026-11-01')!;

export const MI_HEADERS = [
  'URN', 'LAESTAB', 'School name', 'Ofsted phase', 'Type of education', 'Inspection type', 'Inspection start date', 'Inspection end date', 'Publication date',
  'Category of concern', 'Most recent category of concern', 'Inclusion', 'Curriculum and teaching', 'Achievement', 'Attendance and behaviour',
  'Personal development and wellbeing', 'Early years (where applicable)', 'Post-16 provision (where applicable)', 'Leadership and governance', 'Safeguarding standards',
  'Latest OEIF overall effectiveness', 'Latest OEIF quality of education', 'Latest OEIF behaviour and attitudes', 'Latest OEIF personal development',
  'Latest OEIF effectiveness of leadership and management', 'Latest OEIF sixth form provision (where applicable)', 'Inspection start date of latest OEIF graded inspection',
  'Publication date of latest OEIF graded inspection', 'URN at time of latest OEIF graded inspection', 'Date of latest ungraded inspection', 'Ungraded inspection overall outcome',
] as const;
type MiRow = Record<(typeof MI_HEADERS)[number], string>;

export const GIAS_HEADERS = ['URN', 'LA (code)', 'LA (name)', 'EstablishmentNumber', 'EstablishmentName', 'TypeOfEstablishment (name)', 'EstablishmentStatus (name)', 'PhaseOfEducation (name)', 'OpenDate', 'CloseDate', 'HeadTitle (name)', 'HeadFirstName', 'HeadLastName'] as const;
type GiasRow = Record<(typeof GIAS_HEADERS)[number], string>;

const NULL = 'NULL';
const GRADE_NUMBER: Record<string, string> = { outstanding: '1', good: '2', 'requires-improvement': '3', inadequate: '4', 'serious-weaknesses': '4', 'special-measures': '4', 'not-judged': 'Not judged' };
const RC_WORDS: Record<string, string> = { exceptional: 'Exceptional', strong: 'Strong standard', expected: 'Expected standard', 'needs-attention': 'Needs attention', 'urgent-improvement': 'Urgent improvement' };
const HEAD_NAMES = ['Alex Morgan', 'Sam Patel', 'Jo Okafor', 'Chris Walsh', 'Pat Nowak', 'Lee Fraser', 'Robin Ahmed', 'Kim Davies'];

/** A sample cell read as the core reads it (a date as a day, a grade as its id). */
const read = (field: Parameters<typeof valueReader>[0], raw: string) => {
  const v = valueReader(field)(raw, 0, '', AS_OF);
  return typeof v === 'object' ? undefined : v;
};
const ukOf = (raw: string) => {
  const d = read('inspectionDate', raw);
  return typeof d === 'number' ? toUkDate(d as CalendarDate) : NULL;
};
const or = (s: string | undefined) => (s === undefined || s === '' ? NULL : s);
const day = (iso: string) => toUkDate(fromIsoDate(iso)!);

/** The sample's schools as the MI would list them today (before what happened since). */
function miRowOf(s: Record<string, string>, i: number): MiRow {
  const grade = read('ofstedGrade', s['Ofsted grade'] ?? '');
  const rc = (h: string) => {
    const v = read('rcInclusion', s[h] ?? '');
    return typeof v === 'string' ? RC_WORDS[v] ?? NULL : NULL;
  };
  const hasRc = (s['Report card date'] ?? '') !== '';
  const kj = (h: string) => {
    const v = read('kjQualityOfEducation', s[h] ?? '');
    return typeof v === 'string' ? GRADE_NUMBER[v] ?? NULL : NULL;
  };
  const latest = hasRc ? ukOf(s['Report card date']!) : (s['Ungraded inspection date'] ?? '') !== '' ? ukOf(s['Ungraded inspection date']!) : ukOf(s['Inspection date'] ?? '');
  return {
    URN: s.URN!, LAESTAB: `${LA}${String(2000 + i).padStart(4, '0')}`, 'School name': s['School name']!, 'Ofsted phase': s.Phase || NULL, 'Type of education': s.Status || NULL,
    'Inspection type': hasRc ? 'Report card inspection' : 'Section 5', 'Inspection start date': latest, 'Inspection end date': latest, 'Publication date': latest,
    'Category of concern': or(s['Category of concern']), 'Most recent category of concern': or(s['Category of concern']),
    Inclusion: hasRc ? rc('Inclusion') : NULL, 'Curriculum and teaching': hasRc ? rc('Curriculum and teaching') : NULL, Achievement: hasRc ? rc('Achievement') : NULL,
    'Attendance and behaviour': hasRc ? rc('Attendance and behaviour') : NULL, 'Personal development and wellbeing': hasRc ? rc('Personal development and wellbeing') : NULL,
    'Early years (where applicable)': hasRc ? rc('Early years') : NULL, 'Post-16 provision (where applicable)': hasRc ? rc('Post-16 provision') : NULL,
    'Leadership and governance': hasRc ? rc('Leadership and governance') : NULL, 'Safeguarding standards': hasRc ? (read('safeguardingEffective', s['Safeguarding effective'] ?? '') === false ? 'Not met' : 'Met') : NULL,
    'Latest OEIF overall effectiveness': typeof grade === 'string' ? GRADE_NUMBER[grade] ?? NULL : NULL,
    'Latest OEIF quality of education': kj('Quality of education'), 'Latest OEIF behaviour and attitudes': kj('Behaviour and attitudes'), 'Latest OEIF personal development': kj('Personal development'),
    'Latest OEIF effectiveness of leadership and management': kj('Leadership and management'), 'Latest OEIF sixth form provision (where applicable)': NULL,
    'Inspection start date of latest OEIF graded inspection': ukOf(s['Inspection date'] ?? ''), 'Publication date of latest OEIF graded inspection': ukOf(s['Inspection date'] ?? ''),
    'URN at time of latest OEIF graded inspection': s.URN!, 'Date of latest ungraded inspection': ukOf(s['Ungraded inspection date'] ?? ''), 'Ungraded inspection overall outcome': or(s['Ungraded outcome']),
  };
}

/** What happened since the sample was taken, and the files that say so. */
export function officialSample(): { mi: MiRow[]; gias: GiasRow[]; changed: { reportCards: string[]; ungraded: string[]; converter: { from: string; to: string }; closed: string; newSchools: string[] } } {
  const text = readFileSync(join(ROOT, 'examples/sample-register.csv'), 'utf8').replace(/^\uFEFF/, '');
  const schools = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  const mi = schools.map(miRowOf);
  const rnd = seededRandom(20261201);
  // Good schools, for the later outcomes (their register values are all legacy grades, so the changes show).
  const good = mi.filter((r) => r['Latest OEIF overall effectiveness'] === '2' && r.Inclusion === NULL);
  const reportCards = good.slice(0, 6);
  reportCards.forEach((r, k) => {
    const areas = k < 2 ? ['Expected standard', 'Needs attention', 'Expected standard', 'Expected standard', 'Strong standard', 'Needs attention'] : ['Strong standard', 'Expected standard', 'Expected standard', 'Strong standard', 'Expected standard', 'Expected standard'];
    Object.assign(r, {
      'Inspection type': 'Report card inspection', 'Inspection start date': day(`2026-10-0${k + 1}`), 'Inspection end date': day(`2026-10-0${k + 2}`), 'Publication date': day(`2026-10-2${k}`),
      Inclusion: areas[0], 'Curriculum and teaching': areas[1], Achievement: areas[2], 'Attendance and behaviour': areas[3], 'Personal development and wellbeing': areas[4], 'Leadership and governance': areas[5],
      'Safeguarding standards': k === 0 ? 'Not met' : 'Met',
    });
  });
  const ungraded = good.slice(6, 9);
  ungraded.forEach((r, k) => Object.assign(r, {
    'Inspection type': 'Section 8', 'Inspection start date': day(`2026-09-1${k + 5}`), 'Inspection end date': day(`2026-09-1${k + 6}`), 'Publication date': day(`2026-10-1${k}`),
    'Date of latest ungraded inspection': day(`2026-09-1${k + 5}`), 'Ungraded inspection overall outcome': 'School remains Good (Concerns) - S5 Next',
  }));
  // A converter: the school reopens as an academy under a new URN; its last graded inspection keeps the old one.
  const converter = good[9]!;
  const from = converter.URN;
  const to = String(150000 + Number(from.slice(-3)));
  Object.assign(converter, { URN: to, LAESTAB: `${LA}4${from.slice(-3)}`, 'Type of education': 'Academy converter' });
  // A school closed: gone from the MI.
  const closed = good[10]!.URN;
  const kept = mi.filter((r) => r.URN !== closed);
  // Two new schools of the authority, one with an accented name (Windows-1252 in the file), and a neighbour's schools.
  const blankRow = (urn: string, laestab: string, name: string): MiRow => ({ ...Object.fromEntries(MI_HEADERS.map((h) => [h, NULL])) as MiRow, URN: urn, LAESTAB: laestab, 'School name': name, 'Ofsted phase': 'Primary', 'Type of education': 'Free schools', 'URN at time of latest OEIF graded inspection': urn });
  const newSchools = [blankRow('149001', `${LA}2901`, 'École Sainte-Thérèse Primary'), blankRow('149002', `${LA}2902`, 'Northmoor Park Free School')];
  const neighbours = Array.from({ length: 5 }, (_, k) => ({ ...blankRow(String(148000 + k), `${NEIGHBOUR}${2000 + k}`, `Neighbour School ${k + 1}`), 'Latest OEIF overall effectiveness': String(1 + Math.floor(rnd() * 4)) }));
  const all = [...kept, ...newSchools, ...neighbours];
  const gias: GiasRow[] = all.map((r, i) => ({
    URN: r.URN, 'LA (code)': r.LAESTAB.slice(0, 3), 'LA (name)': r.LAESTAB.startsWith(LA) ? 'Northmoor' : 'Neighbourshire', EstablishmentNumber: r.LAESTAB.slice(3),
    EstablishmentName: r['School name'], 'TypeOfEstablishment (name)': r['Type of education'] === NULL ? 'Community school' : r['Type of education'], 'EstablishmentStatus (name)': 'Open',
    'PhaseOfEducation (name)': r['Ofsted phase'] === NULL ? 'Primary' : r['Ofsted phase'], OpenDate: r.URN === to ? '01/09/2026' : '01/09/2000', CloseDate: '',
    'HeadTitle (name)': 'Mx', HeadFirstName: HEAD_NAMES[i % HEAD_NAMES.length]!.split(' ')[0]!, HeadLastName: HEAD_NAMES[i % HEAD_NAMES.length]!.split(' ')[1]!,
  }));
  return { mi: all, gias, changed: { reportCards: reportCards.map((r) => r.URN), ungraded: ungraded.map((r) => r.URN), converter: { from, to }, closed, newSchools: newSchools.map((r) => r.URN) } };
}

/** An MI of about England's size: the sample's rows and enough of other authorities' schools to make `rows`. */
export function officialMi(rows: number): string {
  const { mi } = officialSample();
  const rnd = seededRandom(7);
  const out: MiRow[] = [...mi];
  const template = mi.find((r) => r['Latest OEIF overall effectiveness'] === '2')!;
  for (let i = out.length; i < rows; i++) {
    const urn = String(200000 + i);
    out.push({ ...template, URN: urn, LAESTAB: `${String(300 + Math.floor(rnd() * 500)).padStart(3, '0')}${String(i % 10000).padStart(4, '0')}`, 'School name': `School ${urn}`, 'URN at time of latest OEIF graded inspection': urn });
  }
  return csv(MI_HEADERS, out);
}

function csv(headers: readonly string[], rows: readonly Record<string, string>[]): string {
  return `${Papa.unparse({ fields: [...headers], data: rows.map((r) => headers.map((h) => r[h] ?? '')) }, { newline: '\r\n' })}\r\n`;
}

/** Windows-1252 bytes of text that holds only Latin-1 characters (as Ofsted's files do). */
export function windows1252(text: string): Buffer {
  for (const ch of text) if (ch.charCodeAt(0) > 0xff) throw new Error(`"${ch}" has no Windows-1252 byte`);
  return Buffer.from(text, 'latin1');
}

if (process.argv[1] && /generate-official-data\.ts$/.test(process.argv[1])) {
  const { mi, gias } = officialSample();
  writeFileSync(join(ROOT, 'examples/ofsted-mi-sample.csv'), windows1252(csv(MI_HEADERS, mi)));
  writeFileSync(join(ROOT, 'examples/gias-sample.csv'), windows1252(csv(GIAS_HEADERS, gias)));
}
