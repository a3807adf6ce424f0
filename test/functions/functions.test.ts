import { readFileSync } from 'node:fs';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { beforeAll, describe, expect, it } from 'vitest';
import { toExcelSerial, fromIsoDate, todayLocal, toUkDate, type CalendarDate } from '../../core/dates';
import { FRAMEWORKS } from '../../core/frameworks';
import { INSPECTION_RISK_MODEL, narrowestInterval } from '../../core/ofsted';
import { CustomFunctionsErrorDouble, installCustomFunctionsDouble } from '../support/customFunctionsDouble';
import { withRequiredColumns } from '../support/requiredColumns';

installCustomFunctionsDouble();
const fns = await import('../../functions/functions');

const serial = (iso: string) => toExcelSerial(fromIsoDate(iso) as CalendarDate);
const AS_OF = serial('2026-11-01');
// Excel passes a range as a 2-D array; blank cells arrive as ''. The other columns the frameworks need are added, with no concern in them.
const OWN_HEADERS = ['URN', 'School name', 'Phase', 'Status', 'Ofsted grade', 'Inspection date', 'Attainment concern', 'Safeguarding concern'];
const complete = withRequiredColumns<unknown>(OWN_HEADERS, [
  [100001, 'Ashby Lane Primary', 'Primary', 'Community school', 'Good', serial('2023-03-01'), 'N', 'N'],
  [100002, 'Brook Academy', 'Secondary', 'Academy converter', 'RI', serial('2024-05-12'), 'Y', 'N'],
  [100003, 'Cole Hill', 'Primary', 'Community school', 'Good', '31/02/2024', 'N', 'N'],
  ['', '', '', '', '', '', '', ''],
  [100005, 'Dale School', 'Primary', 'Foundation school', '#N/A', serial('2022-01-10'), 'N', 'Y'],
]);
const HEADERS = [complete.header];
const ROWS = complete.rows;
/** The first row with some cells changed, by header. */
const firstRowWith = (changes: Record<string, unknown>) => ROWS[0]!.map((v, i) => (Object.hasOwn(changes, HEADERS[0]![i] as string) ? changes[HEADERS[0]![i] as string] : v));

const isError = (v: unknown, code: string) => v instanceof CustomFunctionsErrorDouble && v.code === code;

describe('RISKCATEGORY', () => {
  it('spills one category label per row, as Excel passes the arguments', () => {
    const out = fns.riskCategory('Oxfordshire', HEADERS, ROWS, AS_OF);
    expect(out).toHaveLength(ROWS.length);
    expect(out[0]).toEqual(['Universal']);
    expect(out[1]![0]).toMatch(/^Requires improvement/);
    expect(out[3]).toEqual(['']);
  });

  it('puts #VALUE! with the core\'s message in a bad row\'s place, and computes the others', () => {
    const out = fns.riskCategory('oxfordshire', HEADERS, ROWS, AS_OF);
    expect(isError(out[2]![0], '#VALUE!')).toBe(true);
    expect((out[2]![0] as CustomFunctionsErrorDouble).message).toMatch(/^Row 3, column "Inspection date": "31\/02\/2024" is not a date; expected /);
    expect(isError(out[4]![0], '#VALUE!')).toBe(true);
    expect((out[4]![0] as CustomFunctionsErrorDouble).message).toMatch(/"#N\/A" is an Excel error value/);
  });

  it('reads an error cell as the Excel runtime passes it (a CustomFunctions.Error): #VALUE! in its own row naming it, the other rows as without it', () => {
    // functions.json's allowErrorForDataTypeAny lets errors reach the function (test/build.test.ts); a cell holding #N/A arrives as the error object.
    const errorIn = (header: string, code: string, urn: number) => firstRowWith({ [header]: new CustomFunctionsErrorDouble(code), URN: urn });
    const rows = [ROWS[1]!, errorIn('Ofsted grade', '#N/A', 100011), ROWS[0]!, errorIn('School name', '#REF!', 100012)];
    const out = fns.riskCategory('oxfordshire', HEADERS, rows, AS_OF);
    expect(isError(out[1]![0], '#VALUE!')).toBe(true);
    expect((out[1]![0] as CustomFunctionsErrorDouble).message).toMatch(/^Row 2, column "Ofsted grade": "#N\/A" is an Excel error value; expected /);
    expect(out[0]).toEqual(fns.riskCategory('oxfordshire', HEADERS, [ROWS[1]!], AS_OF)[0]);
    expect(out[2]).toEqual(['Universal']);
    // A column the framework does not read: its error stops nothing.
    expect(out[3]).toEqual(['Universal']);
  });

  it('accepts any column order', () => {
    const reversed = HEADERS[0]!.slice().reverse();
    const rows = ROWS.slice(0, 2).map((r) => r.slice().reverse());
    expect(fns.riskCategory('oxfordshire', [reversed], rows, AS_OF)).toEqual(fns.riskCategory('oxfordshire', HEADERS, ROWS.slice(0, 2), AS_OF));
  });

  it('gives #VALUE! listing the valid ids for an unknown framework', () => {
    const out = fns.riskCategory('kent', HEADERS, ROWS, AS_OF);
    expect(out).toHaveLength(1);
    expect(isError(out[0]![0], '#VALUE!')).toBe(true);
    expect((out[0]![0] as CustomFunctionsErrorDouble).message).toBe('Unknown framework "kent"; expected one of: oxfordshire, oldham, herefordshire, wokingham, southwark.');
  });

  it('shows Herefordshire\'s medium variant with the label', () => {
    // Inspected recently, so Ofsted's anniversary is not yet a factor.
    const out = fns.riskCategory('herefordshire', HEADERS, [firstRowWith({ 'Falling roll': 'Yes', 'Inspection date': serial('2025-09-01') })], AS_OF);
    expect(out).toEqual([['Medium (Timetabled support)']]);
  });

  it('is #VALUE! naming the columns the framework needs when the headers lack them, never a category', () => {
    const out = fns.riskCategory('oldham', [['URN']], [[100001]], AS_OF);
    expect(out).toHaveLength(1);
    expect(isError(out[0]![0], '#VALUE!')).toBe(true);
    const message = (out[0]![0] as CustomFunctionsErrorDouble).message;
    expect(message).toMatch(/^Column "Ofsted judgement" is not in the register; expected a column headed any of "Ofsted grade", "Ofsted rating"/);
    for (const header of ['LA judgement', 'Inspection date', 'Attainment trend']) expect(message).toContain(`Column "${header}" is not in the register`);
  });

  it('is #VALUE! when the rows are narrower than the header row: their missing cells are not read as blank', () => {
    const out = fns.riskCategory('oxfordshire', HEADERS, [ROWS[0]!.slice(0, 3)], AS_OF);
    expect(isError(out[0]![0], '#VALUE!')).toBe(true);
    expect((out[0]![0] as CustomFunctionsErrorDouble).message).toBe(`rows has 3 columns but headers has ${HEADERS[0]!.length}; expected rows spanning the same columns as the header row.`);
  });

  it('shows a date after asOf as the date the cell shows, not its serial', () => {
    const [[cell]] = fns.riskCategory('oxfordshire', HEADERS, [firstRowWith({ 'Inspection date': serial('2027-01-01') })], AS_OF);
    expect(isError(cell, '#VALUE!')).toBe(true);
    expect((cell as CustomFunctionsErrorDouble).message).toBe('Row 1, column "Inspection date": 01/01/2027 is after the as-of date; expected a date as dd/mm/yyyy, yyyy-mm-dd or an Excel date, not after the as-of date (01/11/2026).');
  });

  it('is #VALUE! for a date cell holding NaN, not "no concern"', () => {
    const [[cell]] = fns.riskCategory('oldham', HEADERS, [firstRowWith({ 'Inspection date': NaN })], AS_OF);
    expect(isError(cell, '#VALUE!')).toBe(true);
    expect((cell as CustomFunctionsErrorDouble).message).toMatch(/^Row 1, column "Inspection date": NaN is not a date; expected /);
  });

  it('says "(provisional)" where blank cells could make the school more concerning', () => {
    const [[blank]] = fns.riskCategory('oxfordshire', HEADERS, [firstRowWith({ 'Safeguarding concern': '' })], AS_OF);
    expect(blank).toBe('Universal (provisional)');
    const [[reasons]] = fns.riskReasons('oxfordshire', HEADERS, [firstRowWith({ 'Safeguarding concern': '' })], AS_OF);
    expect(reasons).toMatch(/; Provisional: Could be Bespoke: Safeguarding concern blank$/);
    // Filled, it is not provisional.
    expect(fns.riskCategory('oxfordshire', HEADERS, [ROWS[0]!], AS_OF)).toEqual([['Universal']]);
  });

  it('says " [override]" where the analyst\'s override gave the category, as the Category column does, and SUPPORTDAYS reads it', () => {
    const headers = [[...HEADERS[0]!, 'Category override', 'Override reason']];
    const [[overridden]] = fns.riskCategory('oxfordshire', headers, [[...ROWS[0]!, 'Targeted', 'Head on long-term leave']], AS_OF);
    expect(overridden).toBe('Targeted [override]');
    expect(fns.supportDays('oxfordshire', overridden, null as never)).toBe(fns.supportDays('oxfordshire', 'Targeted', null as never));
    // No override: the plain label.
    expect(fns.riskCategory('oxfordshire', headers, [[...ROWS[0]!, '', '']], AS_OF)).toEqual([['Universal']]);
  });
});

describe('RISKREASONS', () => {
  it('gives the reasons with their policy sections', () => {
    const out = fns.riskReasons('oxfordshire', HEADERS, ROWS.slice(0, 2), AS_OF);
    expect(out[1]![0]).toMatch(/^Judged requires improvement \(Ofsted standing: Requires improvement\) \[Bespoke work with .Requires Improvement. maintained schools\]/);
  });
});

describe('SUPPORTDAYS', () => {
  it.each([
    ['oxfordshire', 'targeted', null, 3],
    ['oxfordshire', 'Universal', null, 1],
    ['wokingham', 'purple', null, 20],
    ['wokingham', 'red', 'maintained', 40],
    ['wokingham', 'red', 'Academy converter', 1],
    ['southwark', 'C', null, 3],
  ])('%s %s (%s) is %d', (framework, category, status, days) => {
    expect(fns.supportDays(framework, category, status as never)).toBe(days);
  });

  it('is #N/A with the policy\'s reason where it sets no number', () => {
    const out = fns.supportDays('oldham', 'amber', null as never);
    expect(isError(out, '#N/A')).toBe(true);
    expect(out.message).toMatch(/Amber: no set number of days/);
  });

  it('words the policy\'s reason as a sentence of its own', () => {
    const out = fns.supportDays('oldham', 'Red', null as never);
    expect(isError(out, '#N/A')).toBe(true);
    expect(out.message).toMatch(/^Red: no set number of days\. The model sets no number of days or visits: .*own budgets\.$/);
  });

  it('says once what is wrong with status', () => {
    const out = fns.supportDays('oldham', 'Red', 'xyz');
    expect(isError(out, '#VALUE!')).toBe(true);
    expect(out.message).toMatch(/^status: "xyz" is not one of the allowed values; expected one of: Maintained/);
  });

  it('is #VALUE! naming the categories for an unknown category', () => {
    const out = fns.supportDays('oldham', 'purple', null as never);
    expect(isError(out, '#VALUE!')).toBe(true);
    expect(out.message).toBe('category is "purple"; expected one of Green, Amber, Red, as RISKCATEGORY gives it or by id.');
  });

  it('takes every label RISKCATEGORY gives, variant and "(provisional)" included, so the two chain', () => {
    // Herefordshire's medium variant and an Oxfordshire provisional row, as RISKCATEGORY spills them.
    const medium = fns.riskCategory('herefordshire', HEADERS, [firstRowWith({ 'Falling roll': 'Yes', 'Inspection date': serial('2025-09-01') })], AS_OF)[0]![0] as string;
    expect(medium).toBe('Medium (Timetabled support)');
    const chained = fns.supportDays('herefordshire', medium, null as never);
    expect(isError(chained, '#VALUE!')).toBe(false);
    expect(chained).toEqual(fns.supportDays('herefordshire', 'Medium', null as never));
    const provisional = fns.riskCategory('oxfordshire', HEADERS, [firstRowWith({ 'Safeguarding concern': '' })], AS_OF)[0]![0] as string;
    expect(provisional).toMatch(/\(provisional\)$/);
    expect(fns.supportDays('oxfordshire', provisional, null as never)).toBe(fns.supportDays('oxfordshire', provisional.replace(' (provisional)', ''), null as never));
    // As the Category column writes an analyst's override.
    expect(fns.supportDays('wokingham', 'Red [override]', 'maintained')).toBe(40);
  });

  it('reads every category text of every framework back to its category', () => {
    for (const f of FRAMEWORKS) {
      for (const c of f.categories) {
        const texts = [c.label, `${c.label} (provisional)`, ...(c.variants ?? []).map((v) => `${c.label} (${v.label}) (provisional)`)];
        for (const text of texts) expect(isError(fns.supportDays(f.id, text, null as never), '#VALUE!'), `${f.id}: ${text}`).toBe(false);
      }
    }
  });
});

describe('NEXTINSPECTIONRISK and NEXTINSPECTIONDUE', () => {
  const LEVEL = ['Low', 'Medium', 'High'];
  it('rates an inadequate school above an RI school above an outstanding one', () => {
    const risk = (grade: string) => LEVEL.indexOf(fns.nextInspectionRisk(serial('2024-05-01'), grade, AS_OF, null as never, null as never));
    expect(risk('Outstanding')).toBeLessThan(2);
    expect(risk('RI')).toBeGreaterThan(risk('Outstanding'));
    expect(risk('SM')).toBeGreaterThanOrEqual(risk('RI'));
  });

  it('takes the row\'s indicators into account when given', () => {
    const alone = fns.nextInspectionRisk(serial('2024-05-01'), 'Good', AS_OF, null as never, null as never);
    const withRow = fns.nextInspectionRisk(serial('2024-05-01'), 'Good', AS_OF, [['Attainment concern', 'Progress concern', 'Leadership concern', 'Progress 8', 'Attendance %']], [['Y', 'Y', 'Y', -0.9, 89]]);
    expect(alone).not.toBe('High');
    expect(LEVEL.indexOf(withRow)).toBeGreaterThan(LEVEL.indexOf(alone));
  });

  it('spills the earliest and latest due dates as serials: after RI, the span that held 80% of real re-inspections', () => {
    const [[from, by]] = fns.nextInspectionDue(serial('2024-05-12'), 'RI', null as never) as number[][];
    const span = narrowestInterval(INSPECTION_RISK_MODEL.intervals['requires-improvement'].quantileDays, 0.8);
    expect([from, by]).toEqual([serial('2024-05-12') + span.fromDays, serial('2024-05-12') + span.toDays]);
  });

  it('passes on an error given as the school\'s date or outcome, as Excel\'s own functions do, saying which argument held it', () => {
    const error = (code: string) => new CustomFunctionsErrorDouble(code);
    const risk = fns.nextInspectionRisk(error('#N/A') as never, 'Good', AS_OF, null as never, null as never);
    expect(isError(risk, '#N/A')).toBe(true);
    expect(risk.message).toBe('lastInspectionDate is #N/A, an error in the cell or formula it comes from; expected a value (the error is passed on).');
    // #REF! and #NAME? are input errors only: a function cannot return them, so #VALUE! says it.
    const [[due]] = fns.nextInspectionDue(serial('2024-05-12'), error('#REF!') as never, null as never) as unknown as CustomFunctionsErrorDouble[][];
    expect(isError(due, '#VALUE!')).toBe(true);
    expect(due.message).toMatch(/^outcome is #REF!, /);
    expect(isError(fns.nextInspectionDue(serial('2024-05-12'), 'RI', null as never, error('#DIV/0!') as never)[0]![0], '#DIV/0!')).toBe(true);
    // In the school's row, an error is that cell's problem, as in a register.
    const inRow = fns.nextInspectionRisk(serial('2024-05-01'), 'Good', AS_OF, [['Attendance %']], [[error('#N/A')]]);
    expect(isError(inRow, '#VALUE!')).toBe(true);
    expect(inRow.message).toMatch(/^row, column "Attendance %": "#N\/A" is an Excel error value/);
  });

  it('is #VALUE! for a date that is not a date', () => {
    const out = fns.nextInspectionRisk('yesterday' as never, 'Good', AS_OF, null as never, null as never);
    expect(isError(out, '#VALUE!')).toBe(true);
    expect(out.message).toBe('lastInspectionDate is "yesterday"; expected an Excel date.');
  });

  it('accepts what the register accepts: report-card grades (and the consultation\'s names) as well as grades and key judgements', () => {
    const due = (outcome: string) => fns.nextInspectionDue(serial('2025-12-01'), outcome, null as never) as unknown[][];
    const expected = due('Expected standard');
    expect(expected[0]!.every((v) => typeof v === 'number')).toBe(true);
    expect(due('Secure')).toEqual(expected);
    expect(due('expected')).toEqual(expected);
    // Needs attention is below the expected standard: the measured RI window, sooner than the expected standard's.
    expect(due('Needs attention')[0]![1]).toBeLessThan(expected[0]![1] as number);
    const risk = (outcome: string) => LEVEL.indexOf(fns.nextInspectionRisk(serial('2025-12-01'), outcome, AS_OF, null as never, null as never));
    expect(risk('Urgent improvement')).toBeGreaterThan(risk('Strong standard'));
    expect(risk('Causing concern')).toBe(risk('Urgent improvement'));
  });

  it('speaks of the argument when the outcome cannot be read, naming both scales', () => {
    const out = fns.nextInspectionRisk(serial('2024-05-01'), 'Brilliant', AS_OF, null as never, null as never);
    expect(isError(out, '#VALUE!')).toBe(true);
    expect(out.message).toMatch(/^outcome is "Brilliant"; expected an Ofsted grade \(.*Good.*\) or a report-card grade \(.*expected.*\)\.$/i);
    expect(out.message).not.toMatch(/Row 1|column/);
  });

  it('is #VALUE! for a last inspection after asOf, as in the register, not "Low"', () => {
    const out = fns.nextInspectionRisk(serial('2026-12-01'), 'Good', AS_OF, null as never, null as never);
    expect(isError(out, '#VALUE!')).toBe(true);
    expect(out.message).toBe('lastInspectionDate is 01/12/2026, after asOf (01/11/2026); expected the date of an inspection that has happened.');
  });

  it('is #N/A with the reason, not "Low", where the evidence the risk needs is missing', () => {
    const risk = (date: unknown, outcome: unknown, headers: unknown[][] | null = null, row: unknown[][] | null = null) => fns.nextInspectionRisk(date, outcome, AS_OF, headers as never, row as never);
    const messageOf = (v: unknown) => {
      expect(isError(v, '#N/A'), JSON.stringify(v)).toBe(true);
      return (v as CustomFunctionsErrorDouble).message;
    };
    // Never inspected: only an open date dates its first inspection, and it comes through headers and row.
    expect(messageOf(risk('', ''))).toBe('Never inspected and no open date: nothing dates the next inspection (a new school is first inspected in its third year), so the risk cannot be worked out; give the date the school opened through headers and row (an "Open date" column and its cell).');
    expect(risk('', '', [['URN', 'Open date']], [[100001, serial('2024-09-01')]])).toBe('Medium');
    // A blank grade beside a date is missing evidence, as the register reads it (NULL is read as blank).
    for (const outcome of ['', 'NULL']) {
      expect(messageOf(risk(serial('2022-03-01'), outcome))).toBe('outcome is blank for the inspection of 01/03/2022; expected the grade or report-card grade it gave: a blank (or NULL) outcome is missing evidence, so the risk cannot be worked out.');
    }
    // "Not judged" says the inspection judged nothing: then nothing dates the next one.
    expect(messageOf(risk(serial('2022-03-01'), 'Not judged'))).toMatch(/^The inspection of 01\/03\/2022 gave no judgement and no open date is given: nothing dates the next inspection, .*"Open date" column/);
    // The row's grade fills a blank outcome.
    expect(risk(serial('2022-03-01'), '', [['URN', 'Ofsted grade']], [[100001, 'Good']])).toBe(risk(serial('2022-03-01'), 'Good'));
  });

  it('checks headers and row as RISKCATEGORY checks its rows: a bad cell, a date after asOf, a narrow row or several rows is #VALUE!', () => {
    const headers = [[...HEADERS[0]!, 'Attendance %']];
    const rowWith = (changes: Record<string, unknown>) => [[...firstRowWith(changes), Object.hasOwn(changes, 'Attendance %') ? changes['Attendance %'] : 88]];
    const risk = (headersArg: unknown[][] | null, row: unknown[][] | null) => fns.nextInspectionRisk(serial('2021-03-01'), 'Good', AS_OF, headersArg as never, row as never);
    const messageOf = (v: unknown) => {
      expect(isError(v, '#VALUE!'), JSON.stringify(v)).toBe(true);
      return (v as CustomFunctionsErrorDouble).message;
    };
    expect(LEVEL).toContain(risk(headers, rowWith({})));
    // An unreadable cell is not read as blank: the register's message, worded about the argument.
    expect(messageOf(risk(headers, rowWith({ 'Attendance %': 'abc' })))).toBe('row, column "Attendance %": "abc" is not a number; expected a number from 0 to 100 (a percentage: 85, 85% or 0.85).');
    expect(messageOf(risk(headers, rowWith({ 'Attendance %': '#N/A' })))).toMatch(/^row, column "Attendance %": "#N\/A" is an Excel error value; expected /);
    expect(messageOf(risk(headers, rowWith({ 'Headteacher start date': serial('2030-01-01') })))).toMatch(/^row, column "Headteacher start date": .* is after the as-of date; expected .*not after the as-of date \(01\/11\/2026\)\.$/);
    // The same cell gives RISKCATEGORY's row its #VALUE! too, worded about the row of the register.
    const [[category]] = fns.riskCategory('oldham', headers, rowWith({ 'Headteacher start date': serial('2030-01-01') }), AS_OF);
    expect((category as CustomFunctionsErrorDouble).message!.replace(/^Row 1, column/, 'row, column')).toBe(messageOf(risk(headers, rowWith({ 'Headteacher start date': serial('2030-01-01') }))));
    // A narrow row would read its missing cells as blank; a second row would be ignored; a row needs its headers.
    expect(messageOf(risk(headers, [rowWith({})[0]!.slice(0, 5)]))).toBe(`row has 5 columns but headers has ${headers[0]!.length}; expected a row spanning the same columns as the header row.`);
    expect(messageOf(risk(headers, [...rowWith({}), ...rowWith({ 'Attendance %': 'abc' })]))).toBe('row has 2 rows; expected the one row of this school.');
    expect(messageOf(risk(null, rowWith({})))).toBe('row is given but headers is not; expected the register\'s header row, so the row\'s cells can be read.');
    expect(messageOf(risk(headers, null))).toBe('headers is given but row is not; expected the school\'s row of the register beside its header row.');
  });

  it('NEXTINSPECTIONDUE, which has no asOf, checks its dates against today and says so; an openDate after today is #VALUE!, as in the register', () => {
    const todayText = toUkDate(todayLocal());
    const [[late]] = fns.nextInspectionDue(serial('2099-01-01'), 'Good', null as never);
    expect(isError(late, '#VALUE!')).toBe(true);
    expect((late as CustomFunctionsErrorDouble).message).toBe(`lastInspectionDate is 01/01/2099, after today (${todayText}); expected the date of an inspection that has happened.`);
    const [[opens]] = fns.nextInspectionDue('', '', null as never, serial('2099-01-01'));
    expect(isError(opens, '#VALUE!')).toBe(true);
    expect((opens as CustomFunctionsErrorDouble).message).toBe(`openDate is 01/01/2099, after today (${todayText}); expected the date the school opened.`);
  });

  it('gives a school never inspected its new-school window from its open date, else #N/A with the reason', () => {
    // Opened September 2024: its third year runs from 1 August 2026 to 31 July 2027.
    expect(fns.nextInspectionDue('', '', null as never, serial('2024-09-01'))).toEqual([[serial('2026-08-01'), serial('2027-07-31')]]);
    const none = fns.nextInspectionDue('', '', null as never, null as never)[0]![0];
    expect(isError(none, '#N/A')).toBe(true);
    expect((none as CustomFunctionsErrorDouble).message).toMatch(/Never inspected and no openDate/);
    const outcomeAlone = fns.nextInspectionDue('', 'Good', null as never, null as never)[0]![0];
    expect(isError(outcomeAlone, '#VALUE!')).toBe(true);
    expect((outcomeAlone as CustomFunctionsErrorDouble).message).toMatch(/^outcome is given but lastInspectionDate is blank/);
  });

  it('an inspection dated with its outcome blank (or NULL) is missing evidence: #N/A, as NEXTINSPECTIONRISK, not the open date\'s new-school window', () => {
    for (const outcome of ['', 'NULL']) {
      const [[due]] = fns.nextInspectionDue(serial('2022-03-01'), outcome, null as never, serial('2015-09-01'));
      expect(isError(due, '#N/A'), outcome).toBe(true);
      expect((due as CustomFunctionsErrorDouble).message).toBe('outcome is blank for the inspection of 01/03/2022; expected the grade or report-card grade it gave: a blank (or NULL) outcome is missing evidence, so the window cannot be worked out.');
    }
    // Given, the outcome dates it.
    expect(isError(fns.nextInspectionDue(serial('2022-03-01'), 'Good', null as never, serial('2015-09-01'))[0]![0], '#N/A')).toBe(false);
  });
});

describe('FRAMEWORKS', () => {
  it('spills id, name and categories', () => {
    expect(fns.frameworks().map((r) => r[0])).toEqual(['oxfordshire', 'oldham', 'herefordshire', 'wokingham', 'southwark']);
    expect(fns.frameworks()[1]).toEqual(['oldham', 'Oldham School Improvement Model', 'Green, Amber, Red']);
  });
});

describe('the generated metadata (functions.json)', () => {
  let metadata: { functions: { id: string; description?: string; helpUrl?: string; parameters: { name: string; description?: string; dimensionality?: string; optional?: boolean }[]; result: { dimensionality?: string }; options?: { volatile?: boolean } }[] };
  beforeAll(async () => {
    const result = await generateCustomFunctionsMetadata('functions/functions.ts');
    expect(result.errors).toEqual([]);
    metadata = JSON.parse(result.metadataJson);
  }, 60_000);

  it('describes every function and every parameter, with a help URL to the page built from the README\'s reference', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(metadata.functions.map((f) => f.id).sort()).toEqual(['FRAMEWORKS', 'NEXTINSPECTIONDUE', 'NEXTINSPECTIONRISK', 'RISKCATEGORY', 'RISKREASONS', 'SUPPORTDAYS']);
    for (const f of metadata.functions) {
      expect(f.description, f.id).toBeTruthy();
      const anchor = f.helpUrl!.split('#')[1]!;
      expect(readme, `${f.id} help anchor`).toContain(`<a id="${anchor}"></a>`);
      for (const p of f.parameters) expect(p.description, `${f.id}.${p.name}`).toBeTruthy();
      expect(f.options?.volatile ?? false).toBe(false);
      // Not volatile, so an omitted asOf goes stale overnight: each description says to pass TODAY() or a date.
      const asOf = f.parameters.find((p) => p.name === 'asOf');
      if (asOf) expect(asOf.description, `${f.id}.asOf`).toMatch(/Pass TODAY\(\) or a fixed date/);
    }
  });

  it('each function that reads or gives dates says they are taken as the 1900 date system, as the reference does', () => {
    const dated = metadata.functions.filter((f) => f.parameters.some((p) => /date|asOf|rows?$/i.test(p.name))).map((f) => f.id).sort();
    expect(dated).toEqual(['NEXTINSPECTIONDUE', 'NEXTINSPECTIONRISK', 'RISKCATEGORY', 'RISKREASONS']);
    for (const f of metadata.functions.filter((x) => dated.includes(x.id))) expect(f.description, f.id).toMatch(/1900 date system.*1904 date system/);
    expect(readFileSync('README.md', 'utf8')).toMatch(/In a workbook using the 1904 date system, use the task pane, not the functions/);
  });

  it('declares ranges as matrices and spilled results as matrices', () => {
    const byId = Object.fromEntries(metadata.functions.map((f) => [f.id, f]));
    const dims = (id: string) => byId[id]!.parameters.map((p) => `${p.name}:${p.dimensionality ?? 'scalar'}${p.optional ? '?' : ''}`);
    expect(dims('RISKCATEGORY')).toEqual(['framework:scalar', 'headers:matrix', 'rows:matrix', 'asOf:scalar?']);
    expect(dims('NEXTINSPECTIONRISK')).toEqual(['lastInspectionDate:scalar', 'outcome:scalar', 'asOf:scalar?', 'headers:matrix?', 'row:matrix?']);
    expect(dims('NEXTINSPECTIONDUE')).toEqual(['lastInspectionDate:scalar', 'outcome:scalar', 'inspectionType:scalar?', 'openDate:scalar?']);
    expect(byId.RISKCATEGORY!.result.dimensionality).toBe('matrix');
    expect(byId.NEXTINSPECTIONDUE!.result.dimensionality).toBe('matrix');
    expect(byId.SUPPORTDAYS!.result.dimensionality ?? 'scalar').toBe('scalar');
  });
});
