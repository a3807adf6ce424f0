import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORKS } from '../../../core/frameworks';
import type { ResultsFile } from '../../../src/run/resultsJson';
import { runCli } from '../../support/runCli';
import { encodeWindows1252 } from '../../support/windows1252Bytes';

const SAMPLE = 'examples/sample-register.csv';
const AS_OF = '2026-11-01';
const run = runCli;
const dir = mkdtempSync(join(tmpdir(), 'schoolrisk-framework-'));
const results = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
/** Categorises the sample register to JSON with the given extra arguments. */
async function categorise(name: string, ...args: string[]): Promise<ResultsFile> {
  const out = join(dir, `${name}.json`);
  const r = await run('categorise', SAMPLE, '--as-of', AS_OF, '--out', out, ...args);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return results(out);
}

describe('schoolrisk framework check', () => {
  it.each(FRAMEWORKS.map((f) => f.id))('%s: its cases pass and cover every criterion both ways and every category', async (id) => {
    const r = await run('framework', 'check', id);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Cases: .*\.cases\.csv and .*\.cases\.tsv: (\d+) of \1 passed\./);
    expect(r.out).toContain(`${id}: every case passed and the coverage is complete.`);
  });

  it('the worked example of docs/authoring-a-framework.md, Northmoor, passes with its cases, and runs the sample register of its authority', async () => {
    const r = await run('framework', 'check', 'examples/frameworks/northmoor.json');
    expect(r.code).toBe(0);
    expect(r.out).toContain('northmoor.json: every case passed and the coverage is complete.');
    const results = await categorise('northmoor', '--framework', 'examples/frameworks/northmoor.json');
    const categories = new Set(results.rows.map((x) => x.category));
    expect([...categories].sort()).toEqual(['intervene', 'monitor', 'support', 'universal']);
  });

  it('refuses a malformed file with each problem on its own line, and exits 1', async () => {
    const fw = JSON.parse(readFileSync('core/frameworks/herefordshire.json', 'utf8')) as { criteria: { when: unknown }[] };
    fw.criteria[3]!.when = { all: [{ fact: 'phase', op: 'in', value: ['primary'] }, { fact: 'atendanceConcern', op: 'isTrue' }] };
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(fw));
    const r = await run('framework', 'check', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('  criteria[3].when.all[1].fact: "atendanceConcern" is not a fact; did you mean "attendanceConcern"?');
  });

  it('prints a warning, such as a parameter nothing uses, under the file\'s line, the file still valid', async () => {
    const r = await run('framework', 'check', 'test/fixtures/frameworkCheck/m03-param-unused.json');
    expect(r.out.split('\n').slice(0, 2)).toEqual([
      'm03-param-unused.json: Kent School Categorisation (kent 0.1.0) is a valid framework: 4 criteria, 3 categories, 3 parameters.',
      '  warning: parameters.ks2LowPct: used by no rule or offer, so setting it changes nothing; expected {"param": "ks2LowPct"} in a rule or an offer, or no such parameter',
    ]);
  });

  it('exits 1 when a case fails, naming the case, its citation and what differed', async () => {
    const tsv = readFileSync('core/frameworks/oldham.cases.tsv', 'utf8').replace(/^(900001\t)green/m, '$1red');
    const expected = join(dir, 'wrong.tsv');
    writeFileSync(expected, tsv);
    const r = await run('framework', 'check', 'oldham', '--cases', 'core/frameworks/oldham.cases.csv', expected);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAILED 900001 \(line 2\) good, nothing recorded: green, universal support \[Monitoring and Challenge: "Green – Universal Support"\]\n {4}category: got green, expected red/);
  });

  it('exits 1 when the cases leave a criterion never fired or never not fired', async () => {
    const lines = readFileSync('core/frameworks/oldham.cases.tsv', 'utf8').split('\n');
    const csv = readFileSync('core/frameworks/oldham.cases.csv', 'utf8').split('\n');
    // Only the first five cases: most criteria are then never fired.
    writeFileSync(join(dir, 'few.tsv'), `${lines.slice(0, 6).join('\n')}\n`);
    writeFileSync(join(dir, 'few.csv'), `${csv.slice(0, 6).join('\n')}\n`);
    const r = await run('framework', 'check', 'oldham', '--cases', join(dir, 'few.csv'), join(dir, 'few.tsv'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/below-primary-floor +0 +\d+ +\d+ +<- never fired/);
    expect(r.err).toContain('the cases do not cover every criterion both ways and every category');
  });
});

describe('schoolrisk framework check: the cases beside the file', () => {
  /** A fresh folder with oldham exported as ours.json, given its own id as the export asks, and its cases beside it. */
  async function exported(): Promise<string> {
    const folder = mkdtempSync(join(dir, 'beside-'));
    const file = join(folder, 'ours.json');
    expect((await run('framework', 'export', 'oldham', '--out', file)).code).toBe(0);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"id": "oldham"', '"id": "oldham-ours"'));
    return folder;
  }

  it('reads the expectations saved by Excel as ours.cases.txt ("Text (Tab delimited)")', async () => {
    const folder = await exported();
    renameSync(join(folder, 'ours.cases.tsv'), join(folder, 'ours.cases.txt'));
    const r = await run('framework', 'check', join(folder, 'ours.json'));
    expect(r.out).toMatch(/Cases: ours\.cases\.csv and ours\.cases\.txt: (\d+) of \1 passed\./);
    expect(r.code).toBe(0);
  });

  it('exits 1 when no case ran, naming what is beside the file and what is missing', async () => {
    const folder = await exported();
    const file = join(folder, 'ours.json');
    unlinkSync(join(folder, 'ours.cases.tsv'));
    let r = await run('framework', 'check', file);
    expect(r.code).toBe(1);
    expect(r.err).toBe('schoolrisk: ours.json: no cases ran: beside it is ours.cases.csv (the register of cases) but no ours.cases.tsv (the expectations; ours.cases.txt is read too, as Excel saves "Text (Tab delimited)"). The check needs the cases to show the file says what the policy says.\n');
    unlinkSync(join(folder, 'ours.cases.csv'));
    writeFileSync(join(folder, 'ours.cases.tsv'), readFileSync('core/frameworks/oldham.cases.tsv'));
    r = await run('framework', 'check', file);
    expect(r.code).toBe(1);
    expect(r.err).toBe('schoolrisk: ours.json: no cases ran: beside it is ours.cases.tsv (the expectations) but no ours.cases.csv (the register of cases). The check needs the cases to show the file says what the policy says.\n');
    unlinkSync(join(folder, 'ours.cases.tsv'));
    r = await run('framework', 'check', file);
    expect(r.code).toBe(1);
    expect(r.err).toBe('schoolrisk: ours.json: no cases ran: none were given (--cases <register.csv> <expectations.tsv>) and none are beside it (ours.cases.csv and ours.cases.tsv). The check needs the cases to show the file says what the policy says.\n');
  });
});

describe('schoolrisk framework check: categories listed most concern first, the default in the middle', () => {
  /** Wokingham exported as ours.json, its categories (gold, green the default, purple, red) written the other way round. */
  async function reversed(): Promise<string> {
    const folder = mkdtempSync(join(dir, 'reversed-'));
    const file = join(folder, 'ours.json');
    expect((await run('framework', 'export', 'wokingham', '--out', file)).code).toBe(0);
    const def = JSON.parse(readFileSync(file, 'utf8')) as { id: string; categories: { id: string }[] };
    def.id = 'wokingham-ours';
    def.categories.reverse();
    writeFileSync(file, JSON.stringify(def, null, 2));
    return file;
  }

  it('is a valid file whose cases fail, and the check says the list reads the other way', async () => {
    const r = await run('framework', 'check', await reversed());
    expect(r.code).toBe(1);
    expect(r.out).toContain('is a valid framework');
    expect(r.out).toMatch(/: 37 of 39 passed\./);
    expect(r.out).toContain('With its categories in the reverse order ("gold", "green", "purple", "red"), 39 of 39 cases pass, against 37 as written. The engine reads "categories" from the least concern to the most, the last the most concerning: were they listed most concern first ("red", "purple", "green", "gold")? If so, reverse the list.');
  });

  it('says nothing of the order where reversing it passes no more cases (a rule changed, not the order)', async () => {
    const folder = mkdtempSync(join(dir, 'rule-'));
    const file = join(folder, 'ours.json');
    expect((await run('framework', 'export', 'wokingham', '--out', file)).code).toBe(0);
    const def = JSON.parse(readFileSync(file, 'utf8')) as { id: string; categories: { id: string; when?: unknown }[] };
    def.id = 'wokingham-ours';
    // Red's rule narrowed to an inadequate judgement alone: its safeguarding and LA cases fail in either order.
    def.categories.find((c) => c.id === 'red')!.when = { criterion: 'ofsted-inadequate' };
    writeFileSync(file, JSON.stringify(def, null, 2));
    const r = await run('framework', 'check', file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAILED/);
    expect(r.out).not.toContain('reverse order');
  });
});

describe('schoolrisk framework check: expectations as Excel saves them', () => {
  // Southwark's cases have reasons separated by commas, and citations with quotes and dashes.
  const rows = readFileSync('core/frameworks/southwark.cases.tsv', 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
  /** The table as Excel writes it with this delimiter: a cell with the delimiter, a comma or a quote is quoted, its quotes doubled. */
  const excel = (d: string) => `${rows.map((r) => r.map((c) => (/[",\t]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(d)).join('\r\n')}\r\n`;
  const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

  it.each([
    ['Text (Tab delimited), Windows-1252, quoted cells', 'excel.txt', () => encodeWindows1252(excel('\t'))],
    ['Unicode Text, UTF-16 with its byte-order mark', 'unicode.txt', () => utf16(excel('\t'))],
    ['CSV UTF-8 (comma-separated), under a .tsv name', 'comma.tsv', () => Buffer.from(`\uFEFF${excel(',')}`)],
  ])('%s: every case passes as in the plain file', async (_what, name, bytes) => {
    const file = join(dir, name);
    writeFileSync(file, bytes());
    const r = await run('framework', 'check', 'southwark', '--cases', 'core/frameworks/southwark.cases.csv', file);
    expect(r.out).toContain(`Cases: southwark.cases.csv and ${name}: ${rows.length - 1} of ${rows.length - 1} passed.`);
    expect(r.code).toBe(0);
  });

  it('an expectations file that is a workbook is one line saying how to save it', async () => {
    const file = join(dir, 'expected.xlsx');
    copyFileSync('examples/sample-register.xlsx', file);
    const r = await run('framework', 'check', 'southwark', '--cases', 'core/frameworks/southwark.cases.csv', file);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`schoolrisk: Cannot read expectations "${file}": it is an Excel workbook; expected a tab-separated text file. In Excel, save it as "Text (Tab delimited) (*.txt)" and give that file.\n`);
  });
});

describe('schoolrisk framework export, and a framework file in categorise', () => {
  let exported: string;
  beforeAll(async () => {
    exported = join(dir, 'my-oxfordshire.json');
    const r = await run('framework', 'export', 'oxfordshire', '--out', exported);
    expect(r.code).toBe(0);
    // As the export says: change its id first (the copy as exported is kept to show it refused).
    copyFileSync(exported, join(dir, 'as-exported.json'));
    const text = readFileSync(exported, 'utf8');
    expect(text).toContain('"id": "oxfordshire"');
    writeFileSync(exported, text.replace('"id": "oxfordshire"', '"id": "my-oxfordshire"'));
  });

  it('writes the built-in with its cases beside it, and the copy with an id of its own passes check', async () => {
    expect(existsSync(join(dir, 'my-oxfordshire.cases.csv')) && existsSync(join(dir, 'my-oxfordshire.cases.tsv'))).toBe(true);
    expect(JSON.parse(readFileSync(exported, 'utf8')).$schema).toMatch(/schemas\/framework\.schema\.json$/);
    const r = await run('framework', 'check', exported);
    expect(r.code).toBe(0);
  });

  it('refuses to replace a file already there, the framework or either case file, naming each; --force replaces them', async () => {
    const folder = mkdtempSync(join(dir, 'export-'));
    const out = join(folder, 'ours.json');
    writeFileSync(out, '{"mine":1}\n');
    writeFileSync(join(folder, 'ours.cases.tsv'), 'mine\n');
    let r = await run('framework', 'export', 'oldham', '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`schoolrisk: Cannot write "${out}": "${out}" and "${join(folder, 'ours.cases.tsv')}" are there already, and nothing was written. Choose another --out, or give --force to replace them.\n`);
    expect(readFileSync(out, 'utf8')).toBe('{"mine":1}\n');
    expect(existsSync(join(folder, 'ours.cases.csv'))).toBe(false);
    r = await run('framework', 'export', 'oldham', '--out', out, '--force');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).id).toBe('oldham');
    expect(readFileSync(join(folder, 'ours.cases.tsv'), 'utf8')).toBe(readFileSync('core/frameworks/oldham.cases.tsv', 'utf8'));
    expect(readdirSync(folder).sort()).toEqual(['ours.cases.csv', 'ours.cases.tsv', 'ours.json']);
  });

  it('takes a built-in\'s own file in core/frameworks as that built-in (CI checks each so), and refuses a copy of it elsewhere', async () => {
    const own = await run('framework', 'check', 'core/frameworks/oldham.json');
    expect(own.err).toBe('');
    expect(own.code).toBe(0);
    const copy = join(dir, 'oldham.json');
    writeFileSync(copy, readFileSync('core/frameworks/oldham.json'));
    expect((await run('framework', 'check', copy)).err).toMatch(/id: "oldham" is a built-in framework's id; give your framework its own id/);
  });

  it('refuses a file with a built-in\'s id, as the task pane does, in check and in categorise (it ran as the built-in)', async () => {
    const refusal = 'schoolrisk: "as-exported.json" is not a valid framework (1 problem):\n  id: "oxfordshire" is a built-in framework\'s id; give your framework its own id (for example "oxfordshire-local").\n';
    const out = join(dir, 'never-built-in.json');
    for (const args of [['framework', 'check', join(dir, 'as-exported.json')], ['categorise', SAMPLE, '--framework', join(dir, 'as-exported.json'), '--as-of', AS_OF, '--out', out]]) {
      const r = await run(...args);
      expect(r.code).toBe(1);
      expect(r.err).toBe(refusal);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('categorises the sample exactly as the built-in, and says it ran from the file and which', async () => {
    const builtIn = await categorise('builtin', '--framework', 'oxfordshire');
    const file = await categorise('file', '--framework', exported);
    expect(file.rows).toEqual(builtIn.rows);
    expect(builtIn.run.framework.source).toBe('built-in');
    expect(file.run.framework.source).toEqual({ file: 'my-oxfordshire.json', sha256: createHash('sha256').update(readFileSync(exported)).digest('hex') });
    expect(file.run).toMatchObject({ asOf: AS_OF, parameters: [] });
  });

  it('an edited default changes the support days it should, and only those', async () => {
    const builtIn = await categorise('builtin2', '--framework', 'oxfordshire');
    const edited = JSON.parse(readFileSync(exported, 'utf8')) as { parameters: Record<string, { default: number }> };
    expect(edited.parameters.targetedMaxDays!.default).toBe(3);
    edited.parameters.targetedMaxDays!.default = 2;
    const file = join(dir, 'edited.json');
    writeFileSync(file, JSON.stringify(edited));
    const changed = await categorise('edited', '--framework', file);
    // Maintained schools in the targeted category (academies there have no number of days).
    const targeted = builtIn.rows.filter((r) => r.category === 'targeted' && r.supportDays === 3).map((r) => r.row);
    expect(targeted.length).toBeGreaterThan(0);
    changed.rows.forEach((r, i) => expect(r.supportDays).toBe(targeted.includes(r.row) ? 2 : builtIn.rows[i]!.supportDays));
  });

  it('--param changes the support days it should, and the run records it as name=value', async () => {
    const builtIn = await categorise('builtin3', '--framework', 'oxfordshire');
    const set = await categorise('param', '--framework', 'oxfordshire', '--param', 'targetedMaxDays=15', '--param', 'universalDays=2');
    set.rows.forEach((r, i) => {
      const before = builtIn.rows[i]!;
      const maintained = before.supportDays !== null;
      expect(r.supportDays).toBe(maintained && before.category === 'targeted' ? 15 : maintained && before.category === 'universal' ? 2 : before.supportDays);
    });
    expect(set.run.parameters).toEqual(['targetedMaxDays=15', 'universalDays=2']);
  });

  it('--params reads a file (national parameters nested or dotted), and --param wins over it', async () => {
    const params = join(dir, 'params.json');
    writeFileSync(params, JSON.stringify({ targetedMaxDays: 10, windows: { goodEarliestMonths: 24 } }));
    const set = await categorise('params', '--framework', 'oxfordshire', '--params', params, '--param', 'targetedMaxDays=11');
    expect(set.run.parameters).toEqual(['targetedMaxDays=11', 'windows.goodEarliestMonths=24']);
    const builtIn = await categorise('builtin4', '--framework', 'oxfordshire');
    // Good schools' windows open sooner at 24 months than at 30.
    const sooner = set.rows.filter((r, i) => r.inspection?.dueFrom && builtIn.rows[i]!.inspection?.dueFrom && r.inspection.dueFrom < builtIn.rows[i]!.inspection!.dueFrom!);
    expect(sooner.length).toBeGreaterThan(0);
  });

  it('the risk horizon set as a parameter and as --horizon-months give the same risks, and the provenance says which outlook was used', async () => {
    const asParam = await categorise('horizon-param', '--framework', 'oxfordshire', '--param', 'risk.horizonMonths=6');
    const asOption = await categorise('horizon-option', '--framework', 'oxfordshire', '--horizon-months', '6');
    expect(asParam.rows.map((r) => r.inspection?.riskScore)).toEqual(asOption.rows.map((r) => r.inspection?.riskScore));
    expect(asParam.rows.every((r) => !r.inspection || r.inspection.horizonMonths === 6)).toBe(true);
    expect(asParam.run.parameters).toEqual(['risk.horizonMonths=6']);
    expect(asParam.run.inspectionOutlook).toBe('rules report-cards-2025; horizon 6 months; windows hold 80%');
    expect(asOption.run.inspectionOutlook).toBe(asParam.run.inspectionOutlook);
  });

  it('refuses bad parameters with one line each, and writes nothing', async () => {
    const out = join(dir, 'never.json');
    const r = await run('categorise', SAMPLE, '--framework', 'oxfordshire', '--as-of', AS_OF, '--out', out, '--param', 'targetedMaxDay=5', '--param', 'universalDays=two', '--param', 'windows.goodEarliestMonths=500', '--param', 'nonsense');
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual([
      'schoolrisk: 4 parameters are not right, so nothing was written:',
      '  --param "nonsense": expected name=value, for example --param newHeadMonths=18.',
      '  "targetedMaxDay" is not a parameter of Oxfordshire Improvement Guarantee; did you mean "targetedMaxDays"?',
      '  Parameter "universalDays" is "two"; expected a number.',
      '  Parameter "windows.goodEarliestMonths" is 500; expected a number from 0 to 120.',
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('the .xlsx Run log names the framework file and its SHA-256, every non-default parameter as name=value, and the as-of date', async () => {
    const register = join(dir, 'sample.xlsx');
    copyFileSync('examples/sample-register.xlsx', register);
    const out = join(dir, 'sample-out.xlsx');
    const r = await run('categorise', register, '--framework', exported, '--as-of', AS_OF, '--out', out, '--param', 'targetedMaxDays=15', '--param', 'windows.goodEarliestMonths=24');
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet('Run log')!;
    const [header, logged] = [sheet.getRow(1), sheet.getRow(sheet.rowCount)];
    const record = Object.fromEntries(Array.from({ length: header.cellCount }, (_, c) => [String(header.getCell(c + 1).value), String(logged.getCell(c + 1).value)]));
    expect(record['Framework source']).toMatch(/^file my-oxfordshire\.json sha256 [0-9a-f]{64} \(my-oxfordshire /);
    expect(record['Parameters']).toBe('targetedMaxDays=15; windows.goodEarliestMonths=24');
    expect(record['As of']).toBe('01/11/2026');
  });
});

describe('schoolrisk frameworks', () => {
  it('shows which dated value applies at the as-of date, and why', async () => {
    const r = await run('frameworks', '--as-of', '2018-11-01');
    expect(r.out).toMatch(/ {2}nationalRwmPct = 64 \(in force from 2018-09-01; National curriculum assessments at key stage 2 in England, 2018/);
    expect(r.out).toMatch(/ {2}windows\.goodEarliestMonths = 30 months \[0\.\.120\]/);
  });

  it('--framework shows one framework, a file of the authority\'s own as a built-in: its values in force and why', async () => {
    const r = await run('frameworks', '--framework', 'examples/frameworks/northmoor.json', '--as-of', '2026-11-01');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^northmoor\tNorthmoor /);
    expect(r.out).toMatch(/ {2}attendanceLowPct = 91 \(in force from 2026-09-01; Northmoor SIG minutes/);
    expect(r.out).not.toMatch(/^oxfordshire\t/m);
    expect((await run('frameworks', '--framework', 'oldham')).out).toMatch(/^oldham\t/);
  });
});

describe('a framework or parameters file as the analyst saved it', () => {
  const NORTHMOOR = readFileSync('examples/frameworks/northmoor.json', 'utf8');
  const saved = (name: string, bytes: Buffer | string) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };

  it('a framework saved as Windows-1252 ("ANSI") runs as the UTF-8 one, its "§" intact, with one note saying so', async () => {
    const utf8 = await categorise('northmoor-utf8', '--framework', saved('northmoor-utf8.json', NORTHMOOR));
    const out = join(dir, 'northmoor-1252-out.json');
    const r = await run('categorise', SAMPLE, '--as-of', AS_OF, '--out', out, '--framework', saved('northmoor-1252.json', Buffer.from(NORTHMOOR, 'latin1')));
    expect(r.code).toBe(0);
    expect(r.out.match(/Note: northmoor-1252\.json: The file is not UTF-8: it was read as Windows-1252/g)).toHaveLength(1);
    const ansi = results(out);
    expect(ansi.rows).toEqual(utf8.rows);
    expect(JSON.stringify(ansi.rows)).toContain('§3.3 Attendance');
  });

  it('a framework saved as UTF-16 (Notepad\'s "Unicode") passes check', async () => {
    const r = await run('framework', 'check', saved('northmoor-16.json', Buffer.from(`\uFEFF${NORTHMOOR}`, 'utf16le')), '--cases', 'examples/frameworks/northmoor.cases.csv', 'examples/frameworks/northmoor.cases.tsv');
    expect(r.err).toBe('');
    expect(r.out).toContain('northmoor-16.json: every case passed and the coverage is complete.');
  });

  it('a framework with a parameter given twice is refused, naming the file, the key and both lines', async () => {
    const pasted = NORTHMOOR.replace(/\n {4}"ks4LowPct": \{/, '\n    "ks2LowPct": { "default": 65, "min": 0, "max": 100, "description": "copy" },$&');
    const r = await run('framework', 'check', saved('pasted.json', pasted));
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual([
      'schoolrisk: "pasted.json" is not a valid framework (1 problem):',
      '  pasted.json, line 26, column 5: the key "ks2LowPct" appears twice in "parameters" (lines 15 and 26); JSON keeps only the last, so the first is lost: remove or rename one',
    ]);
  });

  it.each([
    ['a key given twice', '{"targetedMaxDays": 4, "targetedMaxDays": 5}', [
      '  pa-dup.json, line 1, column 24: the key "targetedMaxDays" appears twice at the top level (line 1, columns 2 and 24); JSON keeps only the last, so the first is lost: remove or rename one',
    ]],
    ['a trailing comma', '{"targetedMaxDays": 4,\n "newHeadMonths": 3,\n}\n', [
      '  pa-dup.json, line 2, column 20: not JSON: a comma after the last entry, before the "}" on line 3, which JSON does not allow: remove the comma; near `...xDays": 4, "newHeadMonths": 3, }`',
      '  Expected an object of parameter names and values, for example {"newHeadMonths": 18, "windows": {"goodEarliestMonths": 24}}.',
    ]],
    ['a number too large to hold (JSON.parse gives Infinity, shown as null)', '{"targetedMaxDays": 1e400}', [
      '  pa-dup.json, line 1, column 21: the number 1e400 is too large to hold (a number can be at most about 1.8e308); near `{"targetedMaxDays": 1e400}`',
    ]],
  ])('--params with %s is refused with the line, and nothing is written', async (_what, text, lines) => {
    const out = join(dir, 'never-params.json');
    const params = saved('pa-dup.json', text);
    const r = await run('categorise', SAMPLE, '--framework', 'oxfordshire', '--as-of', AS_OF, '--out', out, '--params', params);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual([`schoolrisk: Cannot read parameters file "${params}", so nothing was written:`, ...lines]);
    expect(existsSync(out)).toBe(false);
  });

  it('--params saved as UTF-16 or Windows-1252 is read; a bad value names the file it came from, and a --param naming it instead wins', async () => {
    const set = await categorise('params16', '--framework', 'oxfordshire', '--params', saved('params16.json', Buffer.from('\uFEFF{"targetedMaxDays": 10}', 'utf16le')));
    expect(set.run.parameters).toEqual(['targetedMaxDays=10']);
    const params = saved('pa-pct.json', Buffer.from('{"targetedMaxDays": "90%", "universalDays": 2, "schoolNameé": 4}', 'latin1'));
    const r = await run('categorise', SAMPLE, '--framework', 'oxfordshire', '--as-of', AS_OF, '--out', join(dir, 'never2.json'), '--params', params, '--param', 'universalDays=two');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Note: pa-pct\.json: The file is not UTF-8/);
    expect(r.err.trim().split('\n')).toEqual([
      'schoolrisk: 3 parameters are not right, so nothing was written:',
      '  pa-pct.json: Parameter "targetedMaxDays" is "90%"; expected a number.',
      '  pa-pct.json: "schoolNameé" is not a parameter of Oxfordshire Improvement Guarantee; expected one of: universalDays, targetedMaxDays, riskLevelTrigger, patternYears, riMonthsToGood, academyOrderFollows, newHeadMonths (or a national one: windows.*, reportCards.*, risk.*).',
      '  Parameter "universalDays" is "two"; expected a number.',
    ]);
    const replaced = await categorise('params-replaced', '--framework', 'oxfordshire', '--params', saved('pa-pct2.json', '{"targetedMaxDays": "90%"}'), '--param', 'targetedMaxDays=11');
    expect(replaced.run.parameters).toEqual(['targetedMaxDays=11']);
  });

  it('--params giving a name twice, nested and with dots, is refused (only the last would count)', async () => {
    const both = await run('categorise', SAMPLE, '--framework', 'oxfordshire', '--as-of', AS_OF, '--out', join(dir, 'never3.json'), '--params', saved('pa-both.json', '{"windows": {"goodEarliestMonths": 24}, "windows.goodEarliestMonths": 30}'));
    expect(both.err.trim().split('\n')).toEqual([
      'schoolrisk: A parameter is not right, so nothing was written:',
      '  pa-both.json: "windows.goodEarliestMonths" is given twice, nested and with dots (windows: {...} and "windows.goodEarliestMonths"); only the last would count: keep one.',
    ]);
  });
});
