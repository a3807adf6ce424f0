/**
 * Generates the bad-input corpus under test/fixtures/bad-input/: one small register per case with one
 * malformed cell (row 3) or one malformed workbook, and manifest.json saying, for each case, the message
 * it must give (a regular expression written here by hand from the problem catalogue, core/problems.ts,
 * and the field types, core/fields.ts: row, column, value as shown, and what was expected).
 *
 * Run: npx tsx scripts/generate-bad-input.ts (the output is committed; running it again gives the same files).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../test/fixtures/bad-input');

/** The as-of date every case is run at. */
export const AS_OF = '2026-11-01';

const HEADER = [
  'URN', 'School name', 'Phase', 'Status', 'Ofsted grade', 'Inspection date', 'Inspection type', 'Safeguarding effective',
  'Headteacher start date', 'Attendance %', 'Persistent absence %', 'Attainment concern', 'Leadership concern',
  'KS2 RWM expected %', 'Progress 8', 'Bottom-quartile measures', 'LA judgement', 'Leadership area',
  // Every column some framework requires (core/columns.ts), so each case is about its one cell.
  'Governance concern', 'Safeguarding concern', 'Attendance concern', 'HR concern', 'Falling roll', 'Years of low attainment', 'Years of low progress',
  'Years of low attendance', 'Attainment trend', 'KS2 cohort', 'KS2 reading progress', 'English and maths grade 4+ %', 'Disadvantaged gap',
  'Disadvantaged gap trend', 'Interim headteacher', 'Previous Ofsted grade',
  'Category override', 'Override reason', 'Notes',
];
type Raw = ExcelJS.CellValue;
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const GOOD_ROWS: Raw[][] = [
  [100001, 'Ashby Lane Primary School', 'Primary', 'Community school', 'Good', utc(2022, 3, 1), 'Graded', 'Yes', utc(2019, 9, 1), 95.1, 12.5, 'No', 'No', 61, null, 2, 'Good', 'B',
    'No', 'No', 'No', 'No', 'No', 0, 0, 0, 'stable', 28, 0.5, null, 4.2, 'stable', 'No', 'Good', null, null, 'keep this note'],
  [100002, 'Brook Academy', 'Secondary', 'Academy converter', 'RI', utc(2024, 5, 12), 'Graded', 'Yes', utc(2020, 9, 1), 91.2, 24.1, 'Yes', 'Yes', null, -0.42, null, 'RI', 'C',
    'No', 'No', 'No', 'No', 'No', 1, 1, 0, 'declining', null, null, 55, 12.5, 'widening', 'No', 'Requires improvement', null, null, 'second note'],
  [100003, 'Castle Dale Primary', 'Primary', 'Voluntary aided school', 'Outstanding', utc(2021, 11, 20), 'Graded', 'Yes', utc(2016, 1, 4), 96.4, 9.2, 'No', 'No', 74, null, 0, 'Outstanding', 'A',
    'No', 'No', 'No', 'No', 'No', 0, 0, 0, 'improving', 30, 1.2, null, 2.0, 'narrowing', 'No', 'Outstanding', null, null, null],
];
/** The row of the sheet each cell case corrupts (the second data row). */
const BAD_ROW = 3;

/** One case of the corpus, as manifest.json lists it. */
export interface BadInputCase {
  readonly id: string;
  readonly file: string;
  readonly framework: string;
  readonly what: string;
  /**
   * `row-error`: the row is not categorised and its error is the message; `row-warning`: the row is
   * categorised and the message is in its Problems cell; `accepted`: no problem, the value kept as
   * literal text; `provisional`: no problem, the row categorised and marked provisional, the message in
   * its Missing evidence cell; `register-warning`: a header problem `validate` reports and the run
   * survives; `fatal`: the run refuses with a non-zero exit and the message.
   */
  readonly expect: 'row-error' | 'row-warning' | 'accepted' | 'provisional' | 'register-warning' | 'fatal';
  readonly row?: number;
  readonly column?: string;
  /** The regular expression the message must match (for `accepted`: the literal text the output must hold). */
  readonly message: string;
  /** A regular expression the command line's output must match as well (how a file was read). */
  readonly note?: string;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The message of a cell problem: row, column, value as displayed, what is wrong, what was expected. */
const cellMessage = (column: string, shown: string, wrong: string, expected: string, row = BAD_ROW) =>
  `^Row ${row}, column "${esc(column)}": ${esc(shown)} ${esc(wrong)}; expected ${esc(expected)}`;
const MISSING_CODE = 'is a missing-data code, read as blank';
const PERCENT_SIGN = 'has a % sign, but the column is not a percentage';

const NOT_DATE = 'is not a date';
const DATE_EXPECTED = 'a date as dd/mm/yyyy, yyyy-mm-dd or an Excel date, not after the as-of date';
const SAFEGUARDING = 'Yes or No (also Y/N, TRUE/FALSE, 1/0, Met/Effective/Not met/Ineffective/Not effective)';
const PCT = 'a number from 0 to 100 (a percentage: 85, 85% or 0.85)';
const YES_NO = 'Yes or No (also Y/N, TRUE/FALSE, 1/0)';
const GRADE_ONE_OF = 'one of: Outstanding (1), Good (2), Satisfactory, Requires improvement (3, RI)';
const URN_EXPECTED = 'a URN of 6 digits, such as 123456';
const LONG = 'x'.repeat(10_000);

interface CellCase {
  readonly id: string;
  readonly what: string;
  readonly column: string;
  readonly value: Raw;
  readonly framework?: string;
  readonly expect: 'row-error' | 'row-warning' | 'accepted' | 'provisional';
  readonly message: string;
  readonly csv?: boolean;
  /** The sheet row the cell is on (default: BAD_ROW). */
  readonly row?: number;
}

const CELL_CASES: CellCase[] = [
  // dates
  { id: 'date-31-feb', what: '31/02/2024, a day that does not exist', column: 'Inspection date', value: '31/02/2024', expect: 'row-error', message: cellMessage('Inspection date', '"31/02/2024"', NOT_DATE, DATE_EXPECTED) },
  { id: 'date-30-feb-csv', what: '30/02/2023 in a CSV', column: 'Inspection date', value: '30/02/2023', csv: true, expect: 'row-error', message: cellMessage('Inspection date', '"30/02/2023"', NOT_DATE, DATE_EXPECTED) },
  { id: 'date-month-13', what: 'ISO date with month 13', column: 'Inspection date', value: '2024-13-01', expect: 'row-error', message: cellMessage('Inspection date', '"2024-13-01"', NOT_DATE, DATE_EXPECTED) },
  { id: 'date-us-order', what: 'month-first 12/31/2024 (day 12 of month 31)', column: 'Inspection date', value: '12/31/2024', expect: 'row-error', message: cellMessage('Inspection date', '"12/31/2024"', NOT_DATE, DATE_EXPECTED) },
  { id: 'date-words', what: 'a word instead of a date', column: 'Inspection date', value: 'last spring', expect: 'row-error', message: cellMessage('Inspection date', '"last spring"', NOT_DATE, DATE_EXPECTED) },
  { id: 'date-boolean', what: 'TRUE in a date column', column: 'Inspection date', value: true, expect: 'row-error', message: cellMessage('Inspection date', 'true', NOT_DATE, DATE_EXPECTED) },
  { id: 'date-future-text', what: 'an inspection date after the as-of date, as text', column: 'Inspection date', value: '01/01/2030', expect: 'row-error', message: cellMessage('Inspection date', '"01/01/2030"', 'is after the as-of date', DATE_EXPECTED) },
  { id: 'date-future-excel', what: 'an inspection date after the as-of date, as an Excel date', column: 'Inspection date', value: utc(2027, 3, 1), expect: 'row-error', message: `^Row ${BAD_ROW}, column "Inspection date": 01/03/2027 is after the as-of date; expected ${esc(DATE_EXPECTED)}` },
  { id: 'date-future-csv', what: 'a future inspection date in a CSV', column: 'Inspection date', value: '2031-09-01', csv: true, expect: 'row-error', message: cellMessage('Inspection date', '"2031-09-01"', 'is after the as-of date', DATE_EXPECTED) },
  { id: 'date-head-start-words', what: 'a headteacher start date in words', column: 'Headteacher start date', value: 'September', expect: 'row-error', message: cellMessage('Headteacher start date', '"September"', NOT_DATE, DATE_EXPECTED) },
  // percentages and numbers
  { id: 'pct-negative', what: 'a negative attendance', column: 'Attendance %', value: -5, expect: 'row-error', message: cellMessage('Attendance %', '-5', 'is out of range', PCT) },
  { id: 'pct-250', what: '250 per cent attendance', column: 'Attendance %', value: 250, expect: 'row-error', message: cellMessage('Attendance %', '250', 'is out of range', PCT) },
  { id: 'pct-250-text', what: '"250%" as text', column: 'Attendance %', value: '250%', expect: 'row-error', message: cellMessage('Attendance %', '"250%"', 'is out of range', PCT) },
  { id: 'pct-negative-text-csv', what: '"-3%" in a CSV', column: 'Attendance %', value: '-3%', csv: true, expect: 'row-error', message: cellMessage('Attendance %', '"-3%"', 'is out of range', PCT) },
  { id: 'pct-words', what: 'a percentage in words', column: 'Attendance %', value: 'ninety', expect: 'row-error', message: cellMessage('Attendance %', '"ninety"', 'is not a number', PCT) },
  { id: 'pct-double-sign', what: '"85%%"', column: 'KS2 RWM expected %', value: '85%%', expect: 'row-error', message: cellMessage('KS2 RWM expected %', '"85%%"', 'is not a number', PCT) },
  { id: 'pct-over-100-absence', what: 'persistent absence of 101 (unused by Oldham: a warning)', column: 'Persistent absence %', value: 101, expect: 'row-warning', message: cellMessage('Persistent absence %', '101', 'is out of range', PCT) },
  { id: 'pct-date', what: 'a date in a percentage column', column: 'Attendance %', value: utc(2024, 1, 5), expect: 'row-error', message: `^Row ${BAD_ROW}, column "Attendance %": [^;]+ (is not a number|is out of range); expected ${esc(PCT)}` },
  { id: 'pct-boolean', what: 'TRUE in a percentage column', column: 'KS2 RWM expected %', value: true, expect: 'row-error', message: cellMessage('KS2 RWM expected %', 'true', 'is not a number', PCT) },
  { id: 'count-fraction', what: '2.5 bottom-quartile measures', column: 'Bottom-quartile measures', value: 2.5, framework: 'herefordshire', expect: 'row-error', message: cellMessage('Bottom-quartile measures', '2.5', 'is not a whole number', 'a whole number from 0 to 8') },
  { id: 'count-too-many', what: '9 of 8 bottom-quartile measures', column: 'Bottom-quartile measures', value: 9, framework: 'herefordshire', expect: 'row-error', message: cellMessage('Bottom-quartile measures', '9', 'is out of range', 'a whole number from 0 to 8') },
  { id: 'count-words', what: '"three" measures', column: 'Bottom-quartile measures', value: 'three', framework: 'herefordshire', expect: 'row-error', message: cellMessage('Bottom-quartile measures', '"three"', 'is not a number', 'a whole number from 0 to 8') },
  { id: 'p8-out-of-range', what: 'Progress 8 of 7', column: 'Progress 8', value: 7, expect: 'row-error', message: cellMessage('Progress 8', '7', 'is out of range', 'a number from -5 to 5') },
  { id: 'p8-percent-sign', what: '"0.5%" typed for Progress 8: a score, not a percentage, so refused rather than read as 0.5', column: 'Progress 8', value: '0.5%', expect: 'row-error', message: cellMessage('Progress 8', '"0.5%"', PERCENT_SIGN, 'a number from -5 to 5, without a % sign') },
  { id: 'p8-percent-sign-csv', what: '"-50%" for Progress 8 in a CSV (0.5 in a percentage format, as a CSV shows it)', column: 'Progress 8', value: '-50%', csv: true, expect: 'row-error', message: cellMessage('Progress 8', '"-50%"', PERCENT_SIGN, 'a number from -5 to 5, without a % sign') },
  { id: 'gap-percent-sign', what: '"12%" for the disadvantaged gap: percentage points, so read as 12', column: 'Disadvantaged gap', value: '12%', expect: 'accepted', message: '12%' },
  { id: 'p8-na-text', what: '"n/a" typed for Progress 8: a missing-data code, blank with a note', column: 'Progress 8', value: 'n/a', expect: 'row-warning', message: cellMessage('Progress 8', '"n/a"', 'is a missing-data code, read as blank', 'a number from -5 to 5 ("N/A" means not applicable)') },
  // yes / no
  { id: 'yesno-maybe', what: '"Maybe" for safeguarding', column: 'Safeguarding effective', value: 'Maybe', expect: 'row-error', message: cellMessage('Safeguarding effective', '"Maybe"', 'is not yes or no', SAFEGUARDING) },
  { id: 'yesno-number', what: '2 for a concern', column: 'Attainment concern', value: 2, expect: 'row-error', message: cellMessage('Attainment concern', '2', 'is not yes or no', YES_NO) },
  { id: 'yesno-date', what: 'a date for a concern', column: 'Leadership concern', value: utc(2024, 2, 2), expect: 'row-error', message: `^Row ${BAD_ROW}, column "Leadership concern": [^;]+ is not yes or no; expected ${esc(YES_NO)}` },
  { id: 'yesno-csv-text', what: '"Yes please" in a CSV', column: 'Attainment concern', value: 'Yes please', csv: true, expect: 'row-error', message: cellMessage('Attainment concern', '"Yes please"', 'is not yes or no', YES_NO) },
  // allowed values
  { id: 'grade-unknown-word', what: '"Excellent" is no Ofsted grade', column: 'Ofsted grade', value: 'Excellent', expect: 'row-error', message: cellMessage('Ofsted grade', '"Excellent"', 'is not one of the allowed values', GRADE_ONE_OF) },
  { id: 'grade-5', what: 'grade 5 on a 1-4 scale', column: 'Ofsted grade', value: 5, expect: 'row-error', message: cellMessage('Ofsted grade', '5', 'is not one of the allowed values', GRADE_ONE_OF) },
  { id: 'grade-boolean', what: 'TRUE as a grade', column: 'Ofsted grade', value: true, expect: 'row-error', message: cellMessage('Ofsted grade', 'true', 'is not one of the allowed values', GRADE_ONE_OF) },
  { id: 'status-private', what: 'an independent school status', column: 'Status', value: 'Private', expect: 'row-error', message: cellMessage('Status', '"Private"', 'is not one of the allowed values', 'one of: Maintained') },
  { id: 'phase-unknown-warning', what: 'an unknown phase (Oldham does not read it: a warning)', column: 'Phase', value: 'Secondary-ish', expect: 'row-warning', message: cellMessage('Phase', '"Secondary-ish"', 'is not one of the allowed values', 'one of: Nursery') },
  { id: 'phase-unknown-error', what: 'an unknown phase where Herefordshire reads it', column: 'Phase', value: 'Secondary-ish', framework: 'herefordshire', expect: 'row-error', message: cellMessage('Phase', '"Secondary-ish"', 'is not one of the allowed values', 'one of: Nursery') },
  { id: 'la-judgement-unknown', what: '"Meh" as the LA judgement', column: 'LA judgement', value: 'Meh', expect: 'row-error', message: cellMessage('LA judgement', '"Meh"', 'is not one of the allowed values', 'one of: Outstanding') },
  { id: 'area-e', what: 'area grade E on an A-D scale', column: 'Leadership area', value: 'E', framework: 'southwark', expect: 'row-error', message: cellMessage('Leadership area', '"E"', 'is not one of the allowed values', 'one of: A, B, C, D') },
  { id: 'inspection-type-unknown', what: 'an unknown inspection type', column: 'Inspection type', value: 'Deep dive', expect: 'row-error', message: cellMessage('Inspection type', '"Deep dive"', 'is not one of the allowed values', 'one of: Graded') },
  // Excel error values
  { id: 'excel-error-na-grade', what: '#N/A as the grade', column: 'Ofsted grade', value: { error: '#N/A' }, expect: 'row-error', message: cellMessage('Ofsted grade', '"#N/A"', 'is an Excel error value', GRADE_ONE_OF) },
  { id: 'excel-error-ref-date', what: '#REF! as the inspection date', column: 'Inspection date', value: { error: '#REF!' }, expect: 'row-error', message: cellMessage('Inspection date', '"#REF!"', 'is an Excel error value', DATE_EXPECTED) },
  { id: 'excel-error-div0-pct', what: '#DIV/0! as attendance', column: 'Attendance %', value: { error: '#DIV/0!' }, expect: 'row-error', message: cellMessage('Attendance %', '"#DIV/0!"', 'is an Excel error value', PCT) },
  { id: 'excel-error-value-yesno', what: '#VALUE! as safeguarding', column: 'Safeguarding effective', value: { error: '#VALUE!' }, expect: 'row-error', message: cellMessage('Safeguarding effective', '"#VALUE!"', 'is an Excel error value', SAFEGUARDING) },
  { id: 'excel-error-name-p8', what: '#NAME? as Progress 8', column: 'Progress 8', value: { error: '#NAME?' }, expect: 'row-error', message: cellMessage('Progress 8', '"#NAME?"', 'is an Excel error value', 'a number from -5 to 5') },
  { id: 'excel-error-urn', what: '#N/A as the URN', column: 'URN', value: { error: '#N/A' }, expect: 'row-error', message: cellMessage('URN', '"#N/A"', 'is an Excel error value', URN_EXPECTED) },
  { id: 'excel-error-text-csv', what: '#N/A typed into a CSV', column: 'Ofsted grade', value: '#N/A', csv: true, expect: 'row-error', message: cellMessage('Ofsted grade', '"#N/A"', 'is an Excel error value', GRADE_ONE_OF) },
  { id: 'excel-error-formula-result', what: 'a formula whose result is #DIV/0!', column: 'Attendance %', value: { formula: '1/0', result: { error: '#DIV/0!' } }, expect: 'row-error', message: cellMessage('Attendance %', '"#DIV/0!"', 'is an Excel error value', PCT) },
  // URNs
  { id: 'urn-duplicate', what: 'the URN of row 2 again', column: 'URN', value: 100001, expect: 'row-error', message: `^Row ${BAD_ROW}, column "URN": "100001" repeats a URN from an earlier row; expected a URN used once; row 2 has it already` },
  { id: 'urn-duplicate-csv', what: 'a duplicated URN in a CSV', column: 'URN', value: '100001', csv: true, expect: 'row-error', message: `^Row ${BAD_ROW}, column "URN": "100001" repeats a URN from an earlier row; expected a URN used once; row 2 has it already` },
  { id: 'urn-five-digits', what: 'a five-digit URN as text', column: 'URN', value: '12345', expect: 'row-error', message: cellMessage('URN', '"12345"', 'is not a URN', URN_EXPECTED) },
  { id: 'urn-letters', what: 'letters in the URN', column: 'URN', value: 'ABC123', expect: 'row-error', message: cellMessage('URN', '"ABC123"', 'is not a URN', URN_EXPECTED) },
  { id: 'urn-too-small', what: 'URN 99999', column: 'URN', value: 99_999, expect: 'row-error', message: cellMessage('URN', '99999', 'is not a URN', URN_EXPECTED) },
  { id: 'urn-seven-digits', what: 'URN 1000000', column: 'URN', value: 1_000_000, expect: 'row-error', message: cellMessage('URN', '1000000', 'is not a URN', URN_EXPECTED) },
  { id: 'urn-fraction', what: 'URN 123456.5', column: 'URN', value: 123_456.5, expect: 'row-error', message: cellMessage('URN', '123456.5', 'is not a URN', URN_EXPECTED) },
  { id: 'urn-blank', what: 'a school without its URN', column: 'URN', value: null, expect: 'row-error', message: `^Row ${BAD_ROW}, column "URN": \\(blank\\) is blank but the framework needs it; expected the school's URN` },
  // long text
  { id: 'name-10000-chars', what: 'a 10,000-character school name (not read by Oldham: a warning)', column: 'School name', value: LONG, expect: 'row-warning', message: cellMessage('School name', `"${'x'.repeat(57)}..."`, 'is too long', 'text of at most 200 characters') },
  { id: 'override-reason-10000-chars', what: 'a 10,000-character override reason', column: 'Override reason', value: LONG, expect: 'row-error', message: cellMessage('Override reason', `"${'x'.repeat(57)}..."`, 'is too long', 'text of at most 1000 characters') },
  { id: 'notes-10000-chars', what: '10,000 characters in a column no field reads: left alone', column: 'Notes', value: LONG, expect: 'accepted', message: LONG },
  // overrides
  { id: 'override-unknown-category', what: 'an override naming no category', column: 'Category override', value: 'Platinum', expect: 'row-warning', message: `^Row ${BAD_ROW}, column "Category override": "Platinum" is not a category of this framework; expected one of green \\(Green\\), amber \\(Amber\\), red \\(Red\\); the override was ignored` },
  // formula injection: in checked columns an error, in text columns literal text
  { id: 'inject-hyperlink-grade', what: '=HYPERLINK(...) as the grade', column: 'Ofsted grade', value: '=HYPERLINK("http://evil.example/x","Good")', expect: 'row-error', message: cellMessage('Ofsted grade', '"=HYPERLINK("http://evil.example/x","Good")"', 'is not one of the allowed values', GRADE_ONE_OF) },
  { id: 'inject-sum-yesno', what: '@SUM(...) as safeguarding', column: 'Safeguarding effective', value: '@SUM(1+1)*cmd|\' /C calc\'!A0', expect: 'row-error', message: cellMessage('Safeguarding effective', '"@SUM(1+1)*cmd|\' /C calc\'!A0"', 'is not yes or no', SAFEGUARDING) },
  { id: 'inject-cmd-pct', what: '+cmd|... as attendance', column: 'Attendance %', value: '+cmd|\' /C calc\'!A0', expect: 'row-error', message: cellMessage('Attendance %', '"+cmd|\' /C calc\'!A0"', 'is not a number', PCT) },
  { id: 'inject-formula-date-csv', what: '=1+1 as a date in a CSV', column: 'Inspection date', value: '=1+1', csv: true, expect: 'row-error', message: cellMessage('Inspection date', '"=1+1"', NOT_DATE, DATE_EXPECTED) },
  { id: 'inject-hyperlink-name', what: '=HYPERLINK(...) as a school name: kept as text', column: 'School name', value: '=HYPERLINK("http://evil.example/x","Click")', expect: 'accepted', message: '=HYPERLINK("http://evil.example/x","Click")' },
  { id: 'inject-sum-name', what: '@SUM(...) as a school name: kept as text', column: 'School name', value: '@SUM(A1:A9)', expect: 'accepted', message: '@SUM(A1:A9)' },
  { id: 'inject-cmd-name-csv', what: '+cmd|... as a school name in a CSV: kept as text', column: 'School name', value: '+cmd|\' /C calc\'!A0', csv: true, expect: 'accepted', message: '+cmd|\' /C calc\'!A0' },
  { id: 'inject-minus-name', what: '-2+3 as a school name: kept as text', column: 'School name', value: '-2+3', expect: 'accepted', message: '-2+3' },
  // names in other scripts
  { id: 'name-emoji', what: 'emoji in a school name', column: 'School name', value: 'St Mary\'s 🌈🏫 Primary', expect: 'accepted', message: 'St Mary\'s 🌈🏫 Primary' },
  { id: 'name-rtl', what: 'a right-to-left school name', column: 'School name', value: 'مدرسة النور الابتدائية', expect: 'accepted', message: 'مدرسة النور الابتدائية' },
  { id: 'name-rtl-override', what: 'a right-to-left override character in a name', column: 'School name', value: '\u202Eloohcs yramirP', expect: 'accepted', message: '\u202Eloohcs yramirP' },
  { id: 'name-html', what: 'markup in a school name', column: 'School name', value: '<img src=x onerror=alert(1)>', expect: 'accepted', message: '<img src=x onerror=alert(1)>' },
  { id: 'name-emoji-csv', what: 'emoji and Hebrew in a CSV name', column: 'School name', value: 'בית ספר 🌟', csv: true, expect: 'accepted', message: 'בית ספר 🌟' },
  // missing-data codes from published downloads: blank, with a note naming row, column and code
  { id: 'code-null-grade', what: 'NULL (Ofsted\'s downloads) as the grade', column: 'Ofsted grade', value: 'NULL', expect: 'row-warning', message: cellMessage('Ofsted grade', '"NULL"', MISSING_CODE, GRADE_ONE_OF) },
  { id: 'code-supp-ks2', what: 'SUPP (suppressed) as KS2 results', column: 'KS2 RWM expected %', value: 'SUPP', row: 2, expect: 'row-warning', message: cellMessage('KS2 RWM expected %', '"SUPP"', MISSING_CODE, PCT, 2) },
  { id: 'code-lowcov-ks2-csv', what: 'LOWCOV (low coverage) as a KS2 progress score in a CSV', column: 'KS2 reading progress', value: 'LOWCOV', row: 2, csv: true, expect: 'row-warning', message: cellMessage('KS2 reading progress', '"LOWCOV"', MISSING_CODE, 'a number from -30 to 30 ("LOWCOV" means low coverage', 2) },
  { id: 'code-x-attendance', what: 'x (not available) as attendance', column: 'Attendance %', value: 'x', expect: 'row-warning', message: cellMessage('Attendance %', '"x"', MISSING_CODE, `${PCT} ("x" means not available)`) },
  { id: 'code-c-progress-8', what: 'c (confidential) as Progress 8', column: 'Progress 8', value: 'c', expect: 'row-warning', message: cellMessage('Progress 8', '"c"', MISSING_CODE, 'a number from -5 to 5 ("c" means confidential') },
  { id: 'code-dots-date', what: '".." (not available) as the inspection date', column: 'Inspection date', value: '..', expect: 'row-warning', message: cellMessage('Inspection date', '".."', MISSING_CODE, DATE_EXPECTED) },
  { id: 'code-dash-absence', what: '"-" as persistent absence', column: 'Persistent absence %', value: '-', expect: 'row-warning', message: cellMessage('Persistent absence %', '"-"', MISSING_CODE, `${PCT} ("-" means nil or not applicable`) },
  { id: 'code-ne-grade-4-csv', what: 'NE (no entries) as GCSE results in a CSV', column: 'English and maths grade 4+ %', value: 'NE', csv: true, expect: 'row-warning', message: cellMessage('English and maths grade 4+ %', '"NE"', MISSING_CODE, `${PCT} ("NE" means no entries)`) },
  { id: 'code-na-la-judgement', what: 'NA as the LA judgement', column: 'LA judgement', value: 'NA', expect: 'row-warning', message: cellMessage('LA judgement', '"NA"', MISSING_CODE, 'one of: Outstanding') },
  { id: 'code-null-concern-csv', what: 'NULL as a concern flag in a CSV', column: 'Attainment concern', value: 'NULL', csv: true, expect: 'row-warning', message: cellMessage('Attainment concern', '"NULL"', MISSING_CODE, YES_NO) },
  { id: 'code-c-is-area-grade', what: '"c" where it is a value: area grade C, not a code', column: 'Leadership area', value: 'c', framework: 'southwark', expect: 'accepted', message: 'c' },
  // marks and forms of word values
  { id: 'grade-asterisk', what: '"Good*": a mark added on purpose, refused', column: 'Ofsted grade', value: 'Good*', expect: 'row-error', message: cellMessage('Ofsted grade', '"Good*"', 'is not one of the allowed values', GRADE_ONE_OF) },
  { id: 'yesno-question-mark', what: '"Yes?" for a concern', column: 'Attainment concern', value: 'Yes?', expect: 'row-error', message: cellMessage('Attainment concern', '"Yes?"', 'is not yes or no', YES_NO) },
  { id: 'grade-as-listed', what: '"Outstanding (1)", as the message lists it', column: 'Ofsted grade', value: 'Outstanding (1)', expect: 'accepted', message: 'Outstanding (1)' },
  { id: 'grade-as-listed-ri-csv', what: '"Requires improvement (3, RI)", as the message lists it, in a CSV', column: 'Ofsted grade', value: 'Requires improvement (3, RI)', csv: true, expect: 'accepted', message: 'Requires improvement (3, RI)' },
  // dates of past events after the as-of date, the message naming it
  { id: 'date-head-start-future', what: 'a headteacher start date in 2030', column: 'Headteacher start date', value: utc(2030, 1, 1), expect: 'row-error', message: `^Row ${BAD_ROW}, column "Headteacher start date": 01/01/2030 is after the as-of date; expected ${esc(DATE_EXPECTED)} \\(01/11/2026\\)` },
  { id: 'date-head-start-future-csv', what: 'a headteacher start date next term, in a CSV', column: 'Headteacher start date', value: '05/01/2027', csv: true, expect: 'row-error', message: cellMessage('Headteacher start date', '"05/01/2027"', 'is after the as-of date', `${DATE_EXPECTED} (01/11/2026)`) },
  { id: 'date-future-names-as-of', what: 'an inspection date the day after the as-of date', column: 'Inspection date', value: '02/11/2026', expect: 'row-error', message: cellMessage('Inspection date', '"02/11/2026"', 'is after the as-of date', `${DATE_EXPECTED} (01/11/2026)`) },
  // numbers
  { id: 'pct-decimal-comma-csv', what: '"95,1" in a comma CSV: refused, never read as 951', column: 'Attendance %', value: '95,1', csv: true, expect: 'row-error', message: cellMessage('Attendance %', '"95,1"', 'is not a number', PCT) },
  { id: 'pct-nan-csv', what: '"NaN" as attendance in a CSV', column: 'Attendance %', value: 'NaN', csv: true, expect: 'row-error', message: cellMessage('Attendance %', '"NaN"', 'is not a number', PCT) },
  // provisional: blank cells that could make a school more concerning, said in its Missing evidence cell
  { id: 'blank-attendance-concern', what: 'a good school\'s attendance concern left blank', column: 'Attendance concern', value: null, row: 2, framework: 'oxfordshire', expect: 'provisional', message: '^Could be Targeted: Attendance concern blank$' },
  { id: 'blank-safeguarding-concern-csv', what: 'a good school\'s safeguarding concern left blank, in a CSV', column: 'Safeguarding concern', value: '', row: 2, csv: true, framework: 'oxfordshire', expect: 'provisional', message: '^Could be Bespoke: Safeguarding concern blank$' },
  { id: 'blank-la-judgement', what: 'the LA judgement left blank', column: 'LA judgement', value: null, row: 2, framework: 'wokingham', expect: 'provisional', message: '^Could be Red: LA judgement blank$' },
  { id: 'blank-grade', what: 'an inspected school\'s grade left blank', column: 'Ofsted grade', value: null, row: 2, framework: 'herefordshire', expect: 'provisional', message: '^Could be High: Ofsted grade blank$' },
  { id: 'blank-critical-area', what: 'Southwark\'s leadership area left blank', column: 'Leadership area', value: null, row: 2, framework: 'southwark', expect: 'provisional', message: '^Could be D: inadequate or at risk of a category: Leadership area blank$' },
  { id: 'code-null-provisional', what: 'NULL as a good school\'s governance concern: blank with a note, and provisional', column: 'Governance concern', value: 'NULL', row: 2, framework: 'oxfordshire', expect: 'provisional', message: '^Could be Targeted: Governance concern blank$' },
];

const col = (name: string) => {
  const i = HEADER.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return i;
};

function rowsWith(c: CellCase): Raw[][] {
  const rows = GOOD_ROWS.map((r) => [...r]);
  rows[(c.row ?? BAD_ROW) - 2]![col(c.column)] = c.value;
  return rows;
}

async function writeXlsx(file: string, build: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  // Fixed dates, so the files are the same on every run.
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = new Date(Date.UTC(2026, 0, 1));
  wb.creator = 'generate-bad-input';
  build(wb);
  writeFileSync(join(OUT, file), await withFixedZipDates(Buffer.from(await wb.xlsx.writeBuffer())));
}

/** exceljs stamps each zip entry with the time of writing: re-stamp them so the bytes are reproducible. */
async function withFixedZipDates(xlsx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const fixed = new JSZip();
  const date = new Date(Date.UTC(2026, 0, 1));
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]!;
    if (!entry.dir) fixed.file(name, await entry.async('uint8array'), { date, createFolders: false });
  }
  return fixed.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function csvText(rows: Raw[][], delimiter = ','): string {
  const cell = (v: Raw) => {
    let s = v === null || v === undefined ? '' : v instanceof Date ? `${String(v.getUTCDate()).padStart(2, '0')}/${String(v.getUTCMonth() + 1).padStart(2, '0')}/${v.getUTCFullYear()}` : String(v);
    // Excel in a European locale writes decimal commas in semicolon files.
    if (delimiter === ';' && typeof v === 'number') s = s.replace('.', ',');
    return new RegExp(`["${delimiter}\\n\\r]`).test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${rows.map((r) => r.map(cell).join(delimiter)).join('\r\n')}\r\n`;
}

/** UTF-16 with its byte-order mark, as Excel's "Unicode text" writes it. */
function utf16(text: string, bigEndian: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  if (bigEndian) for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), le]);
}

/** The good rows with one school renamed (row 3). */
const withName = (name: string) => GOOD_ROWS.map((r, i) => (i === BAD_ROW - 2 ? r.map((v, c) => (c === col('School name') ? name : v)) : r));
/** The header and rows without some columns. */
const without = (...names: string[]) => {
  const keep = HEADER.map((h, i) => (names.includes(h) ? -1 : i)).filter((i) => i >= 0);
  return { header: keep.map((i) => HEADER[i]!), rows: GOOD_ROWS.map((r) => keep.map((i) => r[i]!)) };
};
const MISSING = (framework: string, n: number) => `cannot be categorised under ${framework}: ${n === 1 ? 'a column it needs is' : `${n} columns it needs are`} not in the register\\.`;

const registerSheet = (rows: Raw[][], header: Raw[] = HEADER) => (wb: ExcelJS.Workbook) => {
  const ws = wb.addWorksheet('Register');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
};

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (/\.(xlsx|csv|json)$/.test(f)) rmSync(join(OUT, f));
  const cases: BadInputCase[] = [];

  for (const c of CELL_CASES) {
    const file = `${c.id}.${c.csv ? 'csv' : 'xlsx'}`;
    if (c.csv) writeFileSync(join(OUT, file), csvText([HEADER, ...rowsWith(c)]));
    else await writeXlsx(file, registerSheet(rowsWith(c)));
    cases.push({ id: c.id, file, framework: c.framework ?? 'oldham', what: c.what, expect: c.expect, row: c.row ?? BAD_ROW, column: c.column, message: c.message });
  }

  const NO_HEADER = '(sheet "[^"]*"\\) )?has no header row: expected a row naming the columns, with a "URN" column';
  const LATIN = 'École Sainte-Thérèse £';
  const WELSH = 'Ysgol Gymraeg Llanfair – ŵ';
  const notUtf8 = '^Note: The file is not UTF-8: it was read as Windows-1252';
  const thin = without(...HEADER.filter((h) => !['URN', 'School name', 'Phase'].includes(h)));
  const noInspectionDate = { header: HEADER.map((h) => (h === 'Inspection date' ? 'Publication date' : h)), rows: GOOD_ROWS };
  const workbookCases: (BadInputCase & { build?: (wb: ExcelJS.Workbook) => void; text?: string; bytes?: Buffer })[] = [
    // CSV files as analysts have them: each read right, and the school's name kept as written
    { id: 'csv-windows-1252', file: 'csv-windows-1252.csv', framework: 'oldham', what: 'a Windows-1252 CSV (Ofsted\'s and the DfE\'s downloads): é and £ read right, said in a note', expect: 'accepted', row: BAD_ROW, column: 'School name', message: LATIN, note: notUtf8, bytes: Buffer.from(csvText([HEADER, ...withName(LATIN)]), 'latin1') },
    { id: 'csv-utf16le-tab', file: 'csv-utf16le-tab.csv', framework: 'oldham', what: 'Excel\'s "Unicode text": UTF-16 little-endian, tab-delimited', expect: 'accepted', row: BAD_ROW, column: 'School name', message: WELSH, bytes: utf16(csvText([HEADER, ...withName(WELSH)], '\t'), false) },
    { id: 'csv-utf16be', file: 'csv-utf16be.csv', framework: 'oldham', what: 'UTF-16 big-endian with its mark', expect: 'accepted', row: BAD_ROW, column: 'School name', message: WELSH, bytes: utf16(csvText([HEADER, ...withName(WELSH)]), true) },
    { id: 'csv-semicolon-decimal-comma', file: 'csv-semicolon-decimal-comma.csv', framework: 'oldham', what: 'semicolons and decimal commas (Excel in a European locale): "91,2" is 91.2', expect: 'accepted', row: BAD_ROW, column: 'Attendance %', message: '91.2', text: csvText([HEADER, ...GOOD_ROWS], ';') },
    { id: 'csv-bom-semicolon-accents', file: 'csv-bom-semicolon-accents.csv', framework: 'wokingham', what: 'UTF-8 with its mark, semicolons, an accented name', expect: 'accepted', row: BAD_ROW, column: 'School name', message: LATIN, text: `\uFEFF${csvText([HEADER, ...withName(LATIN)], ';')}` },
    { id: 'csv-short-row', file: 'csv-short-row.csv', framework: 'oxfordshire', what: 'a row narrower than its header: its missing cells are blank, so provisional, never "no concern"', expect: 'provisional', row: 2, column: 'School name', message: '^Could be [A-Za-z ]+: .*Attainment concern.* blank$', text: csvText([HEADER, GOOD_ROWS[0]!.slice(0, 6), ...GOOD_ROWS.slice(1)]) },
    // A register without a column the framework needs is refused, each column named with the headers that would match
    { id: 'only-urn-name-phase', file: 'only-urn-name-phase.xlsx', framework: 'oxfordshire', what: 'only URN, School name and Phase: refused, not everyone Universal', expect: 'fatal', message: `${MISSING('Oxfordshire Improvement Guarantee', 9)}\\n {2}Column "Ofsted judgement" is not in the register; expected a column headed any of "Ofsted grade", "Ofsted rating"`, build: registerSheet(thin.rows, thin.header) },
    { id: 'only-urn-name-phase-csv', file: 'only-urn-name-phase.csv', framework: 'southwark', what: 'only URN, School name and Phase, in a CSV', expect: 'fatal', message: `${MISSING('Southwark universal provision', 9)}\\n {2}Column "Area judgements \\(Appendix 1\\)" is not in the register; expected a column headed any of "Leadership area", "Leadership \\(A-D\\)"`, text: csvText([thin.header, ...thin.rows]) },
    { id: 'publication-date-for-inspection-date', file: 'publication-date-for-inspection-date.xlsx', framework: 'oxfordshire', what: '"Publication date" where "Inspection date" was: refused, not moved to Universal', expect: 'fatal', message: `${MISSING('Oxfordshire Improvement Guarantee', 1)}\\n {2}Column "Inspection date" is not in the register; expected a column headed any of "Inspection date", "Last inspection date"`, build: registerSheet(noInspectionDate.rows, noInspectionDate.header) },
    { id: 'no-ofsted-grade', file: 'no-ofsted-grade.xlsx', framework: 'oldham', what: 'no Ofsted grade column', expect: 'fatal', message: `${MISSING('Oldham School Improvement Model', 1)}\\n {2}Column "Ofsted judgement" is not in the register; expected a column headed any of "Ofsted grade"`, build: registerSheet(without('Ofsted grade').rows, without('Ofsted grade').header) },
    { id: 'no-la-judgement', file: 'no-la-judgement.xlsx', framework: 'wokingham', what: 'no LA judgement column (Wokingham\'s local assessment)', expect: 'fatal', message: `${MISSING('Wokingham Signs of Success', 1)}\\n {2}Column "LA judgement" is not in the register; expected a column headed "LA judgement", "LA assessment"`, build: registerSheet(without('LA judgement').rows, without('LA judgement').header) },
    { id: 'no-area-judgements', file: 'no-area-judgements.xlsx', framework: 'southwark', what: 'no Southwark area judgement column', expect: 'fatal', message: `${MISSING('Southwark universal provision', 1)}\\n {2}Column "Area judgements \\(Appendix 1\\)" is not in the register`, build: registerSheet(without('Leadership area').rows, without('Leadership area').header) },
    { id: 'empty-sheet', file: 'empty-sheet.xlsx', framework: 'oldham', what: 'a workbook whose only sheet is empty', expect: 'fatal', message: NO_HEADER, build: (wb) => void wb.addWorksheet('Register') },
    { id: 'empty-first-sheet', file: 'empty-first-sheet.xlsx', framework: 'oldham', what: 'the register on the second sheet, the first empty', expect: 'fatal', message: NO_HEADER, build: (wb) => { wb.addWorksheet('Cover'); registerSheet(GOOD_ROWS)(wb); } },
    { id: 'no-header-row', file: 'no-header-row.xlsx', framework: 'oldham', what: 'data rows without a header row', expect: 'fatal', message: NO_HEADER, build: (wb) => { const ws = wb.addWorksheet('Register'); for (const r of GOOD_ROWS) ws.addRow(r); } },
    { id: 'no-header-row-csv', file: 'no-header-row.csv', framework: 'oldham', what: 'a CSV of numbers only', expect: 'fatal', message: NO_HEADER, text: '100001,1,2,3\r\n100002,4,5,6\r\n' },
    { id: 'empty-csv', file: 'empty.csv', framework: 'oldham', what: 'an empty CSV file', expect: 'fatal', message: NO_HEADER, text: '' },
    { id: 'header-without-urn', file: 'header-without-urn.xlsx', framework: 'oldham', what: 'a header row with no URN column', expect: 'fatal', message: NO_HEADER, build: registerSheet(GOOD_ROWS.map((r) => r.slice(1)), HEADER.slice(1)) },
    { id: 'not-a-workbook', file: 'not-a-workbook.xlsx', framework: 'oldham', what: 'a text file named .xlsx', expect: 'fatal', message: 'it is not an Excel workbook \\(\\.xlsx\\): it is not a zip package', text: 'URN,School name\n100001,Ashby\n' },
    {
      id: 'duplicate-header-names', file: 'duplicate-header-names.xlsx', framework: 'oldham', what: 'two columns headed "Ofsted grade"', expect: 'register-warning', row: 1, column: 'Ofsted grade',
      message: '^Row 1, column "Ofsted grade": "Ofsted grade" appears twice in the header row; expected one column for Ofsted grade; the column "Ofsted grade" is used and this one is left alone',
      build: registerSheet(GOOD_ROWS.map((r) => [...r, 'Inadequate']), [...HEADER, 'Ofsted grade']),
    },
    {
      id: 'duplicate-header-aliases', file: 'duplicate-header-aliases.xlsx', framework: 'oldham', what: '"Attendance %" and "Attendance rate", one field twice', expect: 'register-warning', row: 1, column: 'Attendance rate',
      message: '^Row 1, column "Attendance rate": "Attendance rate" appears twice in the header row; expected one column for Attendance %; the column "Attendance %" is used',
      build: registerSheet(GOOD_ROWS.map((r) => [...r, 40]), [...HEADER, 'Attendance rate']),
    },
    {
      id: 'merged-header-cells', file: 'merged-header-cells.xlsx', framework: 'oldham', what: 'the "Ofsted grade" header merged over two columns', expect: 'register-warning', row: 1, column: 'Ofsted grade',
      message: '^Row 1, column "Ofsted grade": "Ofsted grade" appears twice in the header row',
      build: (wb) => {
        const header = [...HEADER.slice(0, 5), null, ...HEADER.slice(5)];
        registerSheet(GOOD_ROWS.map((r) => [...r.slice(0, 5), 'Inadequate', ...r.slice(5)]), header)(wb);
        wb.getWorksheet('Register')!.mergeCells('E1:F1');
      },
    },
  ];
  for (const c of workbookCases) {
    if (c.bytes !== undefined) writeFileSync(join(OUT, c.file), c.bytes);
    else if (c.text !== undefined) writeFileSync(join(OUT, c.file), c.text);
    else await writeXlsx(c.file, c.build!);
    const { build: _b, text: _t, bytes: _y, ...entry } = c;
    cases.push(entry);
  }

  writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify({ asOf: AS_OF, generatedBy: 'scripts/generate-bad-input.ts', cases }, null, 2)}\n`);
  process.stdout.write(`${cases.length} cases written to ${OUT}\n`);
}

void main();
