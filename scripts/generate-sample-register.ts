/**
 * Generates the bundled sample register: about 200 fictional schools of the fictional authority of
 * Northmoor, from a fixed seed, as examples/sample-register.xlsx (an Excel table) and .csv.
 * `npm run examples` regenerates both; the files are byte-stable for a given seed.
 *
 * No real school names: names are composed from invented place names and ordinary school words.
 * Indicators are correlated with the Ofsted outcome the way they are in real registers (a school
 * judged requires improvement tends to have weaker results and more concern flags).
 */
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';

/** mulberry32: a small seeded PRNG, so the register is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SEED = 20261101;
export const AS_OF = { year: 2026, month: 11, day: 1 };

/** The columns, in the order an analyst would keep them; every header is a label or alias in core/fields.ts. */
export const HEADERS = [
  'URN', 'School name', 'Phase', 'Status', 'Open date', 'Ofsted grade', 'Inspection date', 'Inspection type', 'Previous Ofsted grade',
  'Safeguarding effective', 'Ungraded inspection date', 'Ungraded outcome', 'Report card date', 'Inclusion', 'Curriculum and teaching',
  'Achievement', 'Attendance and behaviour', 'Personal development and wellbeing', 'Leadership and governance', 'Headteacher start date',
  'Interim headteacher', 'LA judgement', 'Attainment concern', 'Progress concern', 'Attendance concern', 'Exclusions concern',
  'Leadership concern', 'Governance concern', 'Safeguarding concern', 'Finance concern', 'HR concern', 'Falling roll', 'Attainment trend',
  'Bottom-quartile measures', 'Years of low attainment', 'Years of low progress', 'Years of low attendance', 'Attendance %',
  'Persistent absence %', 'Suspension rate', 'Disadvantaged gap', 'Disadvantaged gap trend', 'KS2 cohort', 'KS2 RWM expected %',
  'KS2 reading progress', 'KS2 maths progress', 'Progress 8', 'Attainment 8', 'English and maths grade 4+ %', 'Leadership area',
  'Governance area', 'Curriculum area', 'Outcomes area', 'Staffing area', 'Behaviour area', 'SEND area', 'Safeguarding area',
  'Attendance area', 'Category override', 'Override reason', 'Previous category',
] as const;

type Header = (typeof HEADERS)[number];
/** One school: header → cell (a Date for real dates, text or a number otherwise; '' for blank). */
export type SampleRow = Record<Header, string | number | Date>;

const PLACES = ['Ashby', 'Brackenfold', 'Cinder Vale', 'Dunmoor', 'Eskwick', 'Fallowmere', 'Gorsebank', 'Hallowfield', 'Ivybridge Lane', 'Juniper Hill', 'Kestrel Rise', 'Larchmont', 'Marrowby', 'Netherholt', 'Oakenshaw Green', 'Pennyfold', 'Quarry Bank', 'Rookwood', 'Saltmarsh', 'Thornleigh', 'Upperdale', 'Vennel', 'Wexcombe', 'Yarrowby', 'Amberley Moor', 'Birchholme', 'Coldharbour Way', 'Drovers', 'Elmstead Vale', 'Fernhollow', 'Greystones', 'Heronsgate', 'Ironside', 'Kingfisher', 'Lowfield', 'Millbeck', 'Northmoor Park', 'Otterburn Road', 'Pikestone', 'Ravensholme'];
const SAINTS = ["St Aidan's", "St Bede's", "St Hilda's", "St Cuthbert's", 'Holy Trinity', "St Oswald's", "St Wilfrid's", "St Chad's"];

const PHASE_MIX: [string, number][] = [['Primary', 0.62], ['Secondary', 0.16], ['Special', 0.07], ['Nursery', 0.06], ['All-through', 0.04], ['Middle', 0.02], ['Alternative provision', 0.03]];
const MAINTAINED = ['Community school', 'Voluntary aided school', 'Voluntary controlled school', 'Foundation school', 'Maintained'];
const ACADEMY = ['Academy converter', 'Academy sponsor led', 'Free schools', 'Academy'];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}
function weighted(rand: () => number, mix: readonly [string, number][]): string {
  let x = rand() * mix.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of mix) if ((x -= w) < 0) return v;
  return mix[mix.length - 1]![0];
}
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
function dateBetween(rand: () => number, from: Date, to: Date): Date {
  const t = from.getTime() + Math.floor(rand() * ((to.getTime() - from.getTime()) / 86_400_000)) * 86_400_000;
  return new Date(t);
}
const round1 = (n: number) => Math.round(n * 10) / 10;
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
const yn = (b: boolean) => (b ? 'Yes' : 'No');
const ukDate = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

/** The schools, in a stable order. */
export function generateSampleRegister(seed = SEED, count = 200): SampleRow[] {
  const rand = prng(seed);
  const asOf = utc(AS_OF.year, AS_OF.month, AS_OF.day);
  const names = new Set<string>();
  const rows: SampleRow[] = [];
  for (let i = 0; i < count; i++) {
    const phase = weighted(rand, PHASE_MIX);
    const academy = rand() < (phase === 'Secondary' ? 0.7 : 0.35);
    // The standing drives everything else: 0 outstanding, 1 good, 2 RI, 3 inadequate.
    const standing = Number(weighted(rand, [['0', 0.14], ['1', 0.66], ['2', 0.15], ['3', 0.05]]));
    const weak = standing >= 2;
    let name: string;
    do {
      const place = rand() < 0.12 ? pick(rand, SAINTS) : pick(rand, PLACES);
      const kind = phase === 'Primary' ? pick(rand, [' Primary School', ' Community Primary', ' Infant and Nursery School', ' CE Primary', ' Junior School'])
        : phase === 'Secondary' ? pick(rand, [academy ? ' Academy' : ' High School', ' School', ' College'])
        : phase === 'Special' ? pick(rand, [' School', ' Special School', ' Learning Centre'])
        : phase === 'Nursery' ? ' Nursery School'
        : phase === 'All-through' ? ' All-through School'
        : phase === 'Middle' ? ' Middle School'
        : ' Pupil Referral Unit';
      name = `${place}${kind}`;
    } while (names.has(name) && names.size < 10_000);
    names.add(name);

    const row = Object.fromEntries(HEADERS.map((h) => [h, ''])) as SampleRow;
    row['URN'] = 990001 + i * 7; // fictional range, 6 digits
    row['School name'] = i === 17 ? `  ${name} ` : name; // one awkward cell: stray spaces
    row['Phase'] = phase;
    row['Status'] = academy ? pick(rand, ACADEMY) : pick(rand, MAINTAINED);
    if (academy && rand() < 0.5) row['Open date'] = dateBetween(rand, utc(2011, 9, 1), utc(2024, 9, 1));

    const grades = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'];
    // About 30 schools have a report card (inspected from 10 November 2025); the rest a legacy grade.
    const reportCard = i % 7 === 3 && i < 210;
    // Good schools were last graded over the past six years (Covid stretched some intervals); a few
    // outstanding schools still carry a grade from the exemption years; RI and inadequate are recent.
    const lastGraded = standing === 0 && rand() < 0.25 ? dateBetween(rand, utc(2012, 3, 1), utc(2015, 7, 15))
      : standing <= 1 ? dateBetween(rand, utc(2020, 1, 10), utc(2025, 7, 15))
      : dateBetween(rand, utc(2023, 9, 10), utc(2025, 7, 15));
    row['Inspection date'] = lastGraded;
    row['Inspection type'] = 'Graded';
    row['Ofsted grade'] = standing === 3 ? pick(rand, ['Inadequate', 'SM', 'SW']) : grades[standing]!;
    if (i === 5) row['Ofsted grade'] = 'RI';
    if (i === 9) row['Ofsted grade'] = '3';
    if (i === 11) { row['Ofsted grade'] = 'Satisfactory'; row['Inspection date'] = utc(2011, 6, 14); }
    row['Previous Ofsted grade'] = rand() < 0.8 ? grades[clamp(standing + pick(rand, [-1, 0, 0, 1]), 0, 3)]! : '';
    row['Safeguarding effective'] = rand() < 0.5 ? (standing === 3 && rand() < 0.4 ? 'No' : 'Yes') : '';

    if (reportCard) {
      row['Report card date'] = dateBetween(rand, utc(2025, 11, 12), utc(2026, 10, 20));
      const areaGrade = () => {
        const base = standing === 0 ? 0.2 : standing === 1 ? 1.2 : standing === 2 ? 2.4 : 3.3;
        return ['Exceptional', 'Strong standard', 'Expected standard', 'Needs attention', 'Urgent improvement'][clamp(Math.round(base + (rand() - 0.5) * 1.6), 0, 4)]!;
      };
      for (const h of ['Inclusion', 'Curriculum and teaching', 'Achievement', 'Attendance and behaviour', 'Personal development and wellbeing', 'Leadership and governance'] as const) row[h] = areaGrade();
      row['Safeguarding effective'] = standing === 3 && rand() < 0.5 ? 'Not met' : 'Met';
    } else if (standing <= 1 && rand() < 0.12) {
      row['Ungraded inspection date'] = dateBetween(rand, utc(2022, 9, 1), utc(2025, 7, 10));
      row['Ungraded outcome'] = pick(rand, ['School remains Good', 'School remains Good', 'School remains Good (Concerns) - S5 Next', 'School remains Good (Improving) - S5 Next']);
    }

    const newHead = i % 23 === 4;
    const headStart = newHead ? dateBetween(rand, utc(2026, 5, 10), utc(2026, 10, 30)) : dateBetween(rand, utc(2008, 9, 1), utc(2025, 9, 1));
    row['Headteacher start date'] = i === 12 ? ukDate(headStart) : headStart; // one UK date typed as text
    row['Interim headteacher'] = newHead && rand() < 0.4 ? 'Y' : rand() < 0.5 ? 'N' : '';
    row['LA judgement'] = rand() < 0.6 ? ['Outstanding', 'Strong good', 'Good', 'Requires improvement', 'Inadequate'][clamp(standing + (standing >= 1 ? 1 : 0) + pick(rand, [-1, 0, 0, 1]), 0, 4)]! : '';

    const p = (base: number) => rand() < (weak ? base * 3 : base / 2.5);
    const flags = {
      'Attainment concern': p(0.12), 'Progress concern': p(0.1), 'Attendance concern': p(0.1), 'Exclusions concern': p(0.06),
      'Leadership concern': p(0.06), 'Governance concern': p(0.05), 'Safeguarding concern': p(0.015), 'Finance concern': p(0.08),
      'HR concern': p(0.05), 'Falling roll': p(0.08),
    } as const;
    for (const [h, v] of Object.entries(flags)) row[h as Header] = i % 9 === 2 ? (v ? 'Y' : 'N') : yn(v);
    row['Attainment trend'] = weighted(rand, weak ? [['improving', 0.3], ['stable', 0.3], ['declining', 0.4]] : [['improving', 0.35], ['stable', 0.5], ['declining', 0.15]]);
    row['Years of low attainment'] = weak ? Math.floor(rand() * 4) : rand() < 0.1 ? 1 : 0;
    row['Years of low progress'] = weak ? Math.floor(rand() * 3) : rand() < 0.08 ? 1 : 0;
    row['Years of low attendance'] = weak ? Math.floor(rand() * 3) : 0;

    const attendance = round1(clamp(95.5 - standing * 1.3 - rand() * 2.5 - (phase === 'Secondary' ? 1.5 : 0), 84, 98));
    row['Attendance %'] = i === 21 ? round1(attendance) / 100 : attendance; // one percentage typed as a fraction
    row['Persistent absence %'] = round1(clamp(12 + standing * 5 + rand() * 8 + (phase === 'Secondary' ? 6 : 0), 3, 45));
    row['Suspension rate'] = round1(clamp((phase === 'Secondary' ? 8 : 1) * (1 + standing) * rand(), 0, 60));
    row['Disadvantaged gap'] = round1(clamp(8 + standing * 6 + (rand() - 0.5) * 12, -5, 40));
    row['Disadvantaged gap trend'] = pick(rand, weak ? ['stable', 'widening', 'narrowing'] : ['narrowing', 'stable', 'narrowing']);

    if (phase === 'Primary' || phase === 'All-through' || phase === 'Middle') {
      row['Bottom-quartile measures'] = clamp(Math.round(standing * 1.8 + rand() * 3 - 0.5), 0, 8);
      row['KS2 cohort'] = 8 + Math.floor(rand() * 80);
      row['KS2 RWM expected %'] = Math.round(clamp(66 - standing * 9 + (rand() - 0.5) * 20, 20, 95));
      row['KS2 reading progress'] = round1(clamp(0.4 - standing * 1.2 + (rand() - 0.5) * 4, -8, 6));
      row['KS2 maths progress'] = round1(clamp(0.3 - standing * 1.3 + (rand() - 0.5) * 4, -8, 6));
    }
    if (phase === 'Secondary' || phase === 'All-through') {
      row['Progress 8'] = Math.round(clamp(0.1 - standing * 0.3 + (rand() - 0.5) * 0.8, -1.8, 1.2) * 100) / 100;
      row['Attainment 8'] = round1(clamp(47 - standing * 5 + (rand() - 0.5) * 14, 20, 70));
      row['English and maths grade 4+ %'] = Math.round(clamp(68 - standing * 10 + (rand() - 0.5) * 20, 15, 95));
    }

    // Southwark-style desktop judgements for about two thirds of schools.
    if (rand() < 0.66) {
      for (const h of ['Leadership area', 'Governance area', 'Curriculum area', 'Outcomes area', 'Staffing area', 'Behaviour area', 'SEND area', 'Safeguarding area', 'Attendance area'] as const) {
        const g = clamp(Math.round(standing * 0.9 + (rand() - 0.4) * 1.4), 0, 3);
        row[h] = h === 'Safeguarding area' ? (standing === 3 && rand() < 0.3 ? 'D' : pick(rand, ['A', 'A', 'B'])) : 'ABCD'[g]!;
      }
    }
    if (i === 40) { row['Category override'] = 'Targeted'; row['Override reason'] = 'New headteacher; SIG agreed targeted support for the first year.'; }
    if (i === 77) { row['Category override'] = 'bespoke'; row['Override reason'] = 'Safeguarding review in progress after a complaint.'; }
    if (i === 133) { row['Category override'] = 'Universal'; row['Override reason'] = 'Monitoring visit found rapid improvement; Ofsted due this term.'; }
    if (i % 4 === 1) row['Previous category'] = ['universal', 'targeted', 'bespoke', 'ri', 'inadequate'][clamp(standing === 0 ? 0 : standing === 1 ? (rand() < 0.8 ? 0 : 1) : standing + 1, 0, 4)]!;
    // No date after the as-of date.
    for (const h of HEADERS) { const v = row[h]; if (v instanceof Date && v > asOf) row[h] = asOf; }
    rows.push(row);
  }
  return rows;
}

/** exceljs stamps each zip entry with the time of writing; a fixed stamp makes the file byte-stable. */
async function stableZip(xlsx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const out = new JSZip();
  const date = new Date(Date.UTC(2026, 10, 1));
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]!;
    if (!entry.dir) out.file(name, await entry.async('uint8array'), { date, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Writes the .xlsx (an Excel table named Register, dates as dates) and the .csv. */
export async function writeSampleRegister(rows: SampleRow[], xlsxPath: string, csvPath: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'schoolrisk sample register generator';
  wb.created = new Date(Date.UTC(2026, 10, 1));
  wb.modified = new Date(Date.UTC(2026, 10, 1));
  const ws = wb.addWorksheet('Register', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addTable({
    name: 'Register', ref: 'A1', headerRow: true, style: { theme: 'TableStyleLight9', showRowStripes: true },
    columns: HEADERS.map((name) => ({ name, filterButton: true })),
    rows: rows.map((r) => HEADERS.map((h) => r[h])),
  });
  HEADERS.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = h === 'School name' ? 36 : h === 'Override reason' ? 40 : Math.max(10, Math.min(22, h.length + 2));
    if (rows.some((r) => r[h] instanceof Date)) col.numFmt = 'dd/mm/yyyy';
  });
  writeFileSync(xlsxPath, await stableZip(Buffer.from(await wb.xlsx.writeBuffer())));
  const csvRows = [HEADERS as readonly string[], ...rows.map((r) => HEADERS.map((h) => { const v = r[h]; return v instanceof Date ? ukDate(v) : String(v); }))];
  writeFileSync(csvPath, `${Papa.unparse(csvRows as string[][], { newline: '\r\n' })}\r\n`);
}

if (process.argv[1] && /generate-sample-register\.ts$/.test(process.argv[1])) {
  const rows = generateSampleRegister();
  writeSampleRegister(rows, 'examples/sample-register.xlsx', 'examples/sample-register.csv').then(() => console.log(`wrote ${rows.length} schools to examples/sample-register.xlsx and .csv`));
}
