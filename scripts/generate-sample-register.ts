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
import { seededRandom } from './seededRandom';
import Papa from 'papaparse';


export const SEED = 20261101;
export const AS_OF = { year: 2026, month: 11, day: 1 };

/** The columns, in the order an analyst would keep them; every header is a label or alias in core/fields.ts. */
export const HEADERS = [
  'URN', 'School name', 'Phase', 'Status', 'Open date', 'Ofsted grade', 'Inspection date', 'Inspection type', 'Previous Ofsted grade',
  'Quality of education', 'Behaviour and attitudes', 'Personal development', 'Leadership and management', 'Safeguarding effective',
  'Category of concern', 'Ungraded inspection date', 'Ungraded outcome', 'Report card date', 'Inclusion', 'Curriculum and teaching',
  'Achievement', 'Attendance and behaviour', 'Personal development and wellbeing', 'Leadership and governance', 'Early years',
  'Post-16 provision', 'Headteacher start date',
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
  const rand = seededRandom(seed);
  const asOf = utc(AS_OF.year, AS_OF.month, AS_OF.day);
  const names = new Set<string>();
  const awkward = new Set<string>();
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
    // Conversions of the early academy years, so every inspection on record is the academy's own.
    if (academy && rand() < 0.5) row['Open date'] = dateBetween(rand, utc(2011, 9, 1), utc(2015, 8, 31));

    const grades = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'];
    const gradeOf = (s: number) => (s === 3 ? pick(rand, ['Inadequate', 'SM', 'SW']) : grades[s]!);
    const near = (s: number) => clamp(s + pick(rand, [-1, 0, 0, 0, 1]), 0, 3);
    // Which inspection is the latest (DOMAIN.md, "Ofsted outcomes over time"): about 30 report cards (from
    // 10 November 2025); about 35 graded inspections of 2024-25 (key judgements, no overall grade); about 15
    // ungraded inspections of good or outstanding schools; the rest an overall grade from before September 2024.
    const latest = i % 6 === 3 ? 'report-card' : rand() < 0.2 ? 'key-judgements' : standing <= 1 && rand() < 0.14 ? 'ungraded' : 'legacy';
    row['Inspection type'] = latest === 'ungraded' ? pick(rand, ['Ungraded', 'Section 8']) : latest === 'report-card' ? 'Report card' : 'Graded';
    row['Previous Ofsted grade'] = rand() < 0.75 ? grades[near(standing)]! : '';
    row['Safeguarding effective'] = rand() < 0.6 ? 'Yes' : '';

    if (latest === 'legacy') {
      // Good and outstanding: the four-year cycle, some stretched by the Covid pause, formerly exempt
      // outstanding schools re-inspected by summer 2025; RI and inadequate schools re-inspected within 30 months.
      row['Inspection date'] = standing === 0 ? dateBetween(rand, utc(2015, 9, 1), utc(2024, 7, 15))
        : standing === 1 ? (rand() < 0.1 ? dateBetween(rand, utc(2019, 1, 7), utc(2021, 12, 10)) : dateBetween(rand, utc(2022, 1, 10), utc(2024, 7, 15)))
        : dateBetween(rand, utc(2023, 1, 9), utc(2024, 7, 15));
      row['Ofsted grade'] = gradeOf(standing);
      if (standing === 3) row['Safeguarding effective'] = rand() < 0.4 ? 'No' : 'Yes';
    } else if (latest === 'ungraded') {
      row['Inspection date'] = dateBetween(rand, utc(2015, 9, 1), utc(2019, 12, 13));
      row['Ofsted grade'] = grades[standing]!;
      row['Ungraded inspection date'] = dateBetween(rand, utc(2021, 9, 13), utc(2025, 7, 15));
      const word = grades[standing]!;
      row['Ungraded outcome'] = pick(rand, [`School remains ${word}`, `School remains ${word}`, `School remains ${word}`, `School remains ${word} (Concerns) - S5 Next`, `School remains ${word} (Improving) - S5 Next`]);
    } else if (latest === 'key-judgements') {
      row['Inspection date'] = dateBetween(rand, utc(2024, 9, 9), utc(2025, 7, 16));
      // The worst key judgement decides the standing, so quality of education carries it and the others sit near it.
      const nearKj = [[0, 0, 0, 1], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0], [2, 2, 1], [2, 3, 3]][standing]!;
      row['Quality of education'] = grades[standing]!;
      for (const h of ['Behaviour and attitudes', 'Personal development', 'Leadership and management'] as const) row[h] = grades[pick(rand, nearKj)]!;
      row['Safeguarding effective'] = standing === 3 && rand() < 0.4 ? 'No' : 'Yes';
    } else {
      // The report card follows a graded inspection some years before.
      const before = near(standing);
      row['Inspection date'] = before <= 1 ? dateBetween(rand, utc(2016, 1, 11), utc(2021, 12, 10)) : dateBetween(rand, utc(2022, 9, 12), utc(2024, 7, 15));
      row['Ofsted grade'] = gradeOf(before);
      row['Previous Ofsted grade'] = '';
      row['Report card date'] = dateBetween(rand, utc(2025, 11, 12), utc(2026, 10, 20));
      // Expected standard is the usual outcome of a good school; strong and exceptional are less common.
      const base = [0.9, 1.8, 2.7, 3.4][standing]!;
      const areaGrade = () => ['Exceptional', 'Strong standard', 'Expected standard', 'Needs attention', 'Urgent improvement'][clamp(Math.round(base + (rand() - 0.5) * 1.4), 0, 4)]!;
      for (const h of ['Inclusion', 'Curriculum and teaching', 'Achievement', 'Attendance and behaviour', 'Personal development and wellbeing', 'Leadership and governance'] as const) row[h] = areaGrade();
      if (phase === 'Nursery' || (phase === 'Primary' && rand() < 0.7)) row['Early years'] = areaGrade();
      if ((phase === 'Secondary' || phase === 'All-through') && rand() < 0.6) row['Post-16 provision'] = areaGrade();
      row['Safeguarding effective'] = standing === 3 && rand() < 0.5 ? 'Not met' : 'Met';
    }
    const grade = String(row['Ofsted grade']);
    if (grade === 'SM') row['Category of concern'] = 'Special measures';
    if (grade === 'SW') row['Category of concern'] = 'Serious weaknesses';
    // A handful of awkward but valid cells, each on a row where it is true.
    if (latest === 'legacy' && grade === 'Requires improvement' && !awkward.has('RI')) { awkward.add('RI'); row['Ofsted grade'] = 'RI'; }
    else if (latest === 'legacy' && grade === 'Requires improvement' && !awkward.has('3')) { awkward.add('3'); row['Ofsted grade'] = '3'; }
    if (latest === 'ungraded' && standing === 1 && !awkward.has('Satisfactory')) { awkward.add('Satisfactory'); row['Previous Ofsted grade'] = 'Satisfactory'; }

    const newHead = i % 23 === 4;
    const headStart = newHead ? dateBetween(rand, utc(2026, 5, 10), utc(2026, 10, 30)) : dateBetween(rand, utc(2008, 9, 1), utc(2025, 9, 1));
    row['Headteacher start date'] = i === 12 ? ukDate(headStart) : headStart; // one UK date typed as text
    row['Interim headteacher'] = newHead && rand() < 0.4 ? 'Y' : rand() < 0.5 ? 'N' : '';
    // The LA's own view mostly agrees with Ofsted's; about one good school in ten is thought vulnerable.
    const laView = [[0, 0, 1], [1, 2, 2, 2, 2, 2, 2, 2, 2, 3], [2, 3, 3, 3], [3, 4, 4]][standing]!;
    row['LA judgement'] = rand() < 0.6 ? ['Outstanding', 'Strong good', 'Good', 'Requires improvement', 'Inadequate'][pick(rand, laView)]! : '';

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

    // Calibrated on recent national figures: attendance about 94.5% primary and 91% secondary, persistent
    // absence about 14% and 24%, suspensions about 2 and 20 per 100 pupils.
    const attendance = round1(clamp(96 - standing * 1.2 - rand() * 2.5 - (phase === 'Secondary' ? 2.5 : 0), 84, 98));
    row['Attendance %'] = i === 21 ? round1(attendance) / 100 : attendance; // one percentage typed as a fraction
    row['Persistent absence %'] = round1(clamp(8 + standing * 4 + rand() * 8 + (phase === 'Secondary' ? 9 : 0), 3, 45));
    row['Suspension rate'] = round1(clamp((phase === 'Secondary' ? 14 : phase === 'Special' || phase === 'Alternative provision' ? 8 : 1.5) * (0.4 + 0.5 * standing + rand()), 0, 80));
    row['Disadvantaged gap'] = round1(clamp(8 + standing * 6 + (rand() - 0.5) * 12, -5, 40));
    row['Disadvantaged gap trend'] = pick(rand, weak ? ['stable', 'widening', 'narrowing'] : ['narrowing', 'stable', 'narrowing']);

    if (phase === 'Primary' || phase === 'All-through' || phase === 'Middle') {
      row['Bottom-quartile measures'] = clamp(Math.round(standing * 1.8 + rand() * 2.4 - 1.2), 0, 8) // a quarter of the county's measures: about 2 of 8 on average;
      row['KS2 cohort'] = 8 + Math.floor(rand() * 80);
      row['KS2 RWM expected %'] = Math.round(clamp(72 - standing * 8 + (rand() - 0.5) * 18, 20, 95));
      row['KS2 reading progress'] = round1(clamp(0.8 - standing * 0.9 + (rand() - 0.5) * 3, -8, 6));
      row['KS2 maths progress'] = round1(clamp(0.8 - standing * 1.0 + (rand() - 0.5) * 3, -8, 6));
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
    // Three analyst overrides, each on a row its reason fits.
    if (newHead && standing <= 1 && !awkward.has('override-head')) {
      awkward.add('override-head'); row['Category override'] = 'Targeted'; row['Override reason'] = 'New headteacher; SIG agreed targeted support for the first year.';
    } else if (i >= 60 && standing === 1 && !newHead && !awkward.has('override-safeguarding')) {
      awkward.add('override-safeguarding'); row['Category override'] = 'bespoke'; row['Override reason'] = 'Safeguarding review in progress after a complaint.'; row['Safeguarding concern'] = 'Yes';
    } else if (i >= 100 && standing === 2 && latest === 'legacy' && !awkward.has('override-improving')) {
      awkward.add('override-improving'); row['Category override'] = 'Targeted'; row['Override reason'] = 'Review visit found rapid improvement under the new leadership team; Ofsted due this term.';
    }
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
