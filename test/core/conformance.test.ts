import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readExpectations, runConformance } from '../../core/conformance';
import { frameworkById } from '../../core/frameworks';
import { readCsvText } from '../../src/workbook/csvText';

const fw = frameworkById('oldham')!;
const table = (file: string) => readCsvText(readFileSync(`core/frameworks/${file}`)).rows;
const REGISTER = table('oldham.cases.csv');
const EXPECTED = table('oldham.cases.tsv');
const AS_OF = EXPECTED[0]!.indexOf('as of');

/** Oldham's cases with the register and the expectations changed by `edit`, under the names an analyst would give them. */
function run(edit: { register?: (rows: string[][]) => string[][]; expected?: (rows: string[][]) => string[][] } = {}) {
  const copy = (rows: string[][]) => rows.map((r) => [...r]);
  const [header, ...rows] = (edit.register ?? ((r) => r))(copy(REGISTER));
  return runConformance(fw, { header: header!, rows, file: 'ours.cases.csv' }, { rows: (edit.expected ?? ((r) => r))(copy(EXPECTED)), file: 'ours.cases.tsv' });
}

describe('the expectations: the as-of date of a case', () => {
  it('a blank as of is one problem naming the file, line and column, and the case is not run (never at 01/01/1970)', () => {
    const report = run({ expected: (rows) => (rows[1]![AS_OF] = '', rows) });
    expect(report.fileProblems).toEqual(['ours.cases.tsv line 2, column "as of": blank; expected the case\'s as-of date, YYYY-MM-DD (or DD/MM/YYYY) (this line is not run).']);
    expect(report.cases.map((c) => c.expectation.urn)).not.toContain('900001');
    expect(report.cases).toHaveLength(EXPECTED.length - 2);
    expect(report.passed).toBe(false);
  });

  it('an as of that is not a date is one problem naming its value', () => {
    const report = run({ expected: (rows) => (rows[1]![AS_OF] = '2026-13-01', rows) });
    expect(report.fileProblems).toEqual(['ours.cases.tsv line 2, column "as of": "2026-13-01" is not a date; expected the case\'s as-of date, YYYY-MM-DD (or DD/MM/YYYY) (this line is not run).']);
    expect(report.passed).toBe(false);
  });

  it('reads DD/MM/YYYY, as Excel writes a date back, as the same date', () => {
    const report = run({ expected: (rows) => rows.map((r, i) => (i === 0 ? r : (r[AS_OF] = r[AS_OF]!.split('-').reverse().join('/'), r))) });
    expect(report.fileProblems).toEqual([]);
    expect(report.passed).toBe(true);
  });
});

describe('the expectations: a blank required cell', () => {
  it('is one problem naming the file, line and column, and the case is not run (no second line for the same blank)', () => {
    const report = run({ expected: (rows) => (rows[1]![rows[0]!.indexOf('category')] = '', rows) });
    expect(report.fileProblems).toEqual(['ours.cases.tsv line 2, column "category": blank; every case needs one (this line is not run).']);
    expect(report.cases.filter((c) => !c.passed)).toEqual([]);
    expect(report.passed).toBe(false);
  });
});

describe('the expectations: the header row and repeated URNs', () => {
  it('a missing column is one message, not one more for every school of the register', () => {
    const report = run({ expected: (rows) => rows.map((r) => r.filter((_, i) => i !== AS_OF)) });
    expect(report.fileProblems).toEqual(['ours.cases.tsv: the header row has no "as of" column; expected the columns "urn", "category", "as of", "name", "citation" (required) and any of "variant", "support", "offer", "reasons", "additional", "params", tab-separated.']);
  });

  it('a misspelt column names the nearest', () => {
    expect(readExpectations({ rows: [['urn', 'category', 'reason', 'as of', 'name', 'citation']], file: 'ours.cases.tsv' }).problems).toEqual(['ours.cases.tsv: column "reason" is not a column of the expectations; did you mean "reasons"?']);
  });

  it('a URN on two lines: the second is a problem and is not run', () => {
    const report = run({ expected: (rows) => [...rows, [...rows[1]!]] });
    expect(report.fileProblems).toEqual([`ours.cases.tsv line ${EXPECTED.length + 1}, column "urn": 900001 is on line 2 already; expected one line per case (this line is not run).`]);
    expect(report.cases).toHaveLength(EXPECTED.length - 1);
  });
});

describe('the register of cases', () => {
  it('a URN on two rows fails its case, naming both rows, rather than running the last', () => {
    const report = run({ register: (rows) => [...rows, [...rows[2]!]] });
    const failed = report.cases.filter((c) => !c.passed);
    expect(failed.map((c) => [c.expectation.urn, c.failures])).toEqual([['900002', [`ours.cases.csv rows 3 and ${REGISTER.length + 1} both have URN 900002; expected one row per case.`]]]);
  });

  it('a row with its URN blank is said by its row, not matched with another blank one (found in review: "both have URN ;")', () => {
    const urnAt = REGISTER[0]!.indexOf('URN');
    const report = run({ register: (rows) => [...rows, rows[2]!.map((c, i) => (i === urnAt ? '' : c)), rows[3]!.map((c, i) => (i === urnAt ? '' : c))] });
    expect(report.fileProblems).toEqual([
      `ours.cases.csv row ${REGISTER.length + 1}: the URN is blank; expected the case's URN, which its line of the expectations names.`,
      `ours.cases.csv row ${REGISTER.length + 2}: the URN is blank; expected the case's URN, which its line of the expectations names.`,
    ]);
    expect(report.passed).toBe(false);
  });

  it('a header that is no register column is reported, with the nearest column', () => {
    const report = run({ register: (rows) => (rows[0]![rows[0]!.indexOf('Attendance concern')] = 'Attendence concern', rows) });
    expect(report.fileProblems).toEqual(['ours.cases.csv: column "Attendence concern" is not a register column, so no case reads it; did you mean "Attendance concern"?']);
    expect(report.passed).toBe(false);
  });

  it('a misspelt fact: column names the derived fact meant, and a register field says how to head it', () => {
    const withColumn = (name: string) => run({ register: (rows) => rows.map((r, i) => [...r, i === 0 ? name : '']) }).fileProblems;
    expect(withColumn('fact:monthsInPst')).toEqual(['ours.cases.csv: column "fact:monthsInPst": "monthsInPst" is not a derived fact; did you mean "monthsInPost"?']);
    expect(withColumn('fact:attendancePct')).toEqual(['ours.cases.csv: column "fact:attendancePct": attendancePct is a register column, not a derived fact: head it as the register does ("Attendance %").']);
    expect(withColumn('fact:constructor')[0]).toMatch(/^ours\.cases\.csv: column "fact:constructor": "constructor" is not a derived fact; expected one of isAcademy, /);
  });
});
