/**
 * The framework and parameters a command runs with, and `schoolrisk framework check | export`.
 *
 * `--framework` is a built-in's id or a framework file (.json): a file goes through the same loader as
 * the built-ins, and its issues are printed one per line, each with its JSON path. `--params <file.json>`
 * and `--param name=value` (repeatable, later ones win) set parameters; a bad name, type or range is one
 * line each, and nothing is written.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { coverageTable, reversedOrderHint, runConformance, type ConformanceReport } from '../../core/conformance';
import type { CalendarDate } from '../../core/dates';
import type { CompiledFramework } from '../../core/engine';
import { frameworkWarnings } from '../../core/frameworkCheck';
import { frameworkById, ownFramework, unknownFrameworkMessage } from '../../core/frameworks';
import { loadFrameworkText } from '../../core/frameworkFile';
import { formatJson, jsonProblemLine, parseJsonText } from '../../core/jsonText';
import { flattenParameters, parseAssignment, resolveSettings, type RunSettings } from '../../core/parameters';
import { gridText } from '../workbook/cell';
import { readCsvText } from '../workbook/csvText';
import { readSheetGrid } from '../workbook/readFile';
import { jsonFileText } from '../workbook/textBytes';
import { CliError } from './cliError';
import { claimOutput, type OutputClaim } from './outputFile';

/** The repository's copy of the framework JSON Schema, for `$schema` in exported files. */
const SCHEMA = resolve(__dirname, '../../schemas/framework.schema.json');
/** Where the built-ins and their cases are. */
const BUILT_IN_DIR = resolve(__dirname, '../../core/frameworks');

const looksLikeFile = (arg: string) => /\.json$/i.test(arg.trim()) || /[/\\]/.test(arg);

/** Is `path` the built-in framework `id`'s own file in core/frameworks? */
async function isBuiltInsOwnFile(path: string, id: string): Promise<boolean> {
  const own = join(BUILT_IN_DIR, `${id}.json`);
  return (await realpath(path).catch(() => null)) === (await realpath(own).catch(() => own));
}

/**
 * The framework a `--framework` argument names: a built-in's id or a framework file. Throws `CliError` with
 * every issue of a bad file; a file not in UTF-8 is read as the CSV reader reads one, and said as a note.
 */
export async function resolveFramework(arg: string, print?: (t: string) => void): Promise<CompiledFramework> {
  if (!looksLikeFile(arg)) {
    const fw = frameworkById(arg);
    if (!fw) throw new CliError(`${unknownFrameworkMessage(arg)} A framework file is given by its path, ending .json.`);
    return fw;
  }
  const bytes = await readFile(arg).catch((e: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot read framework file "${arg}": ${e.code === 'ENOENT' ? 'no such file' : e.message}.`);
  });
  const read = jsonFileText(bytes);
  if (read.warning) print?.(`Note: ${basename(arg)}: ${read.warning}\n`);
  const file = loadFrameworkText(read.text, { kind: 'file', name: basename(arg), sha256: createHash('sha256').update(bytes).digest('hex') });
  // A built-in's own file (core/frameworks/<id>.json, as CI checks each one) is that built-in; any other file with its id is refused.
  const loaded = file.ok && (await isBuiltInsOwnFile(arg, file.framework.definition.id)) ? file : ownFramework(file);
  if (!loaded.ok) throw new CliError(`"${basename(arg)}" is not a valid framework (${loaded.issues.length} problem${loaded.issues.length === 1 ? '' : 's'}):\n${loaded.issues.map((i) => `  ${i.message}`).join('\n')}`);
  return loaded.framework;
}

/**
 * The parameters of a run: a `--params` file, then each `--param`, checked together. Throws `CliError`
 * listing every bad one. The file is read as a framework file is (its encoding, each key once, the line
 * and column of a slip).
 */
export async function resolveRunSettings(fw: CompiledFramework, asOf: CalendarDate, opts: { params?: string; param?: readonly string[]; print?: (t: string) => void }): Promise<RunSettings> {
  const values: Record<string, unknown> = {};
  const errors: string[] = [];
  let fromFile: Record<string, unknown> = {};
  if (opts.params) {
    const file = basename(opts.params);
    const bytes = await readFile(opts.params).catch((e: NodeJS.ErrnoException) => {
      throw new CliError(`Cannot read parameters file "${opts.params}": ${e.code === 'ENOENT' ? 'no such file' : e.message}.`);
    });
    const text = jsonFileText(bytes);
    if (text.warning) opts.print?.(`Note: ${file}: ${text.warning}\n`);
    const read = parseJsonText(text.text);
    if (!read.ok) {
      const lines = read.problems.map((p) => `  ${jsonProblemLine(file, p)}`);
      const shape = read.problems.some((p) => p.message.startsWith('not JSON')) ? '\n  Expected an object of parameter names and values, for example {"newHeadMonths": 18, "windows": {"goodEarliestMonths": 24}}.' : '';
      throw new CliError(`Cannot read parameters file "${opts.params}", so nothing was written:\n${lines.join('\n')}${shape}`);
    }
    const parsed = read.value;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CliError(`"${opts.params}" holds ${Array.isArray(parsed) ? 'a list' : JSON.stringify(parsed)}; expected an object of parameter names and values.`);
    // Each key is given once (the reader checks), but a name may still be given twice, nested and dotted.
    const names = Object.entries(parsed).flatMap(([k, v]) => Object.keys(flattenParameters({ [k]: v })));
    for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i))) errors.push(`${file}: "${name}" is given twice, nested and with dots (${name.split('.')[0]}: {...} and "${name}"); only the last would count: keep one.`);
    fromFile = flattenParameters(parsed as Record<string, unknown>);
    Object.assign(values, fromFile);
  }
  const fromArgs: Record<string, unknown> = {};
  for (const text of opts.param ?? []) {
    const pair = parseAssignment(text);
    if (!pair) errors.push(`--param "${text}": expected name=value, for example --param newHeadMonths=18.`);
    else values[pair[0]] = fromArgs[pair[0]] = pair[1];
  }
  const resolved = resolveSettings(fw, values, asOf);
  if (!resolved.ok) {
    // Each error names where its value came from: the file's (unless a --param replaced it), then the --param ones.
    const fileOnly = Object.fromEntries(Object.entries(fromFile).filter(([name]) => !Object.hasOwn(fromArgs, name)));
    const ofFile = resolveSettings(fw, fileOnly, asOf);
    const ofArgs = resolveSettings(fw, fromArgs, asOf);
    if (!ofFile.ok) errors.push(...ofFile.errors.map((e) => `${basename(opts.params!)}: ${e}`));
    if (!ofArgs.ok) errors.push(...ofArgs.errors);
    if (ofFile.ok && ofArgs.ok) errors.push(...resolved.errors);
  }
  if (errors.length) throw new CliError(`${errors.length === 1 ? 'A parameter is' : `${errors.length} parameters are`} not right, so nothing was written:\n${errors.map((e) => `  ${e}`).join('\n')}`);
  return (resolved as { ok: true; settings: RunSettings }).settings;
}

/** Where a framework file's cases would be beside it, and which of them are there. */
export interface CasesBeside {
  /** `<name>.cases` beside the file, without the extension. */
  readonly base: string;
  /** `<name>.cases.csv`, when it is there. */
  readonly register: string | null;
  /** `<name>.cases.tsv`, or `<name>.cases.txt` as Excel saves "Text (Tab delimited)", when one is there. */
  readonly expectations: string | null;
}

/** The cases beside a framework file: `<name>.cases.csv` and `<name>.cases.tsv` (or `.txt`), each when it is there. */
export function casesBeside(file: string): CasesBeside {
  const base = join(dirname(file), `${basename(file, extname(file))}.cases`);
  const found = (...exts: string[]) => exts.map((e) => `${base}${e}`).find((f) => existsSync(f)) ?? null;
  return { base, register: found('.csv'), expectations: found('.tsv', '.txt') };
}

/** Why no cases ran for a framework file: what is beside it and what is missing. */
function noCasesMessage(file: string, beside: CasesBeside): string {
  const name = (ext: string) => `${basename(beside.base)}${ext}`;
  const what = beside.register
    ? `beside it is ${basename(beside.register)} (the register of cases) but no ${name('.tsv')} (the expectations; ${name('.txt')} is read too, as Excel saves "Text (Tab delimited)")`
    : beside.expectations
      ? `beside it is ${basename(beside.expectations)} (the expectations) but no ${name('.csv')} (the register of cases)`
      : `none were given (--cases <register.csv> <expectations.tsv>) and none are beside it (${name('.csv')} and ${name('.tsv')})`;
  return `${basename(file)}: no cases ran: ${what}. The check needs the cases to show the file says what the policy says.`;
}

/** `framework check`: validates and compiles the file, runs its cases, prints the coverage. Throws `CliError` (exit 1) on any failure, and when no cases ran. */
export async function checkCommand(args: { file: string; cases?: readonly string[]; print: (t: string) => void }): Promise<ConformanceReport> {
  const p = args.print;
  const fw = await resolveFramework(args.file, p);
  const def = fw.definition;
  p(`${basename(args.file)}: ${def.name} (${def.id} ${def.version}) is a valid framework: ${def.criteria.length} criteria, ${def.categories.length} categories, ${Object.keys(def.parameters).length} parameters.\n`);
  for (const w of frameworkWarnings(def)) p(`  warning: ${w.message}\n`);
  if (args.cases && args.cases.length !== 2) throw new CliError('--cases takes two files: the register of cases (.csv) and the expectations (.tsv).');
  const builtInFile = looksLikeFile(args.file) ? args.file : join(BUILT_IN_DIR, `${def.id}.json`);
  const beside = casesBeside(builtInFile);
  const cases = (args.cases as [string, string] | undefined) ?? (beside.register && beside.expectations ? [beside.register, beside.expectations] : null);
  if (!cases) throw new CliError(noCasesMessage(args.file, beside));
  const grid = await readSheetGrid(cases[0]);
  // Read as a register's CSV is: any encoding Excel saves (UTF-16 "Unicode text", Windows-1252), its quotes
  // around a cell with a comma, and a file Excel saved with commas or semicolons rather than tabs.
  const bytes = await readFile(cases[1]).catch((e: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot read expectations "${cases[1]}": ${e.code === 'ENOENT' ? 'no such file' : e.message}.`);
  });
  // A workbook's bytes (a zip, or an Excel 97-2003 file) would read as a header of noise.
  if ((bytes[0] === 0x50 && bytes[1] === 0x4b) || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) {
    throw new CliError(`Cannot read expectations "${cases[1]}": it is an Excel workbook; expected a tab-separated text file. In Excel, save it as "Text (Tab delimited) (*.txt)" and give that file.`);
  }
  const expectations = readCsvText(bytes);
  const [header = [], ...rows] = grid.values.map((r) => r.map((c) => (typeof c === 'string' ? c : c === null || c === undefined ? '' : typeof c === 'number' || typeof c === 'boolean' ? c : gridText(c))));
  const report = runConformance(fw, { header, rows, file: basename(cases[0]) }, { rows: expectations.rows, file: basename(cases[1]) });
  const passed = report.cases.filter((c) => c.passed).length;
  p(`\nCases: ${basename(cases[0])} and ${basename(cases[1])}: ${passed} of ${report.cases.length} passed.\n`);
  for (const [file, warnings] of [[cases[0], grid.warnings ?? []], [cases[1], expectations.warnings]] as const) for (const w of warnings) p(`  ${basename(file)}: ${w}\n`);
  for (const problem of report.fileProblems) p(`  ${problem}\n`);
  for (const c of report.cases.filter((x) => !x.passed)) {
    p(`  FAILED ${c.expectation.urn} (line ${c.expectation.line}) ${c.expectation.name} [${c.expectation.citation}]\n${c.failures.map((f) => `    ${f}\n`).join('')}`);
  }
  const hint = reversedOrderHint(fw, { header, rows, file: basename(cases[0]) }, { rows: expectations.rows, file: basename(cases[1]) }, report);
  if (hint) p(`\n  ${hint}\n`);
  p(`\nCoverage (every criterion should fire in a case and not fire in another; every category should be reached):\n${coverageTable(report.coverage)}`);
  if (!report.passed) {
    const why = [
      ...(report.fileProblems.length ? [`${report.fileProblems.length} problem(s) with the case files`] : []),
      ...(passed < report.cases.length ? [`${report.cases.length - passed} case(s) failed`] : []),
      ...(report.cases.length === 0 ? ['no cases'] : []),
      ...(!report.coverage.complete ? ['the cases do not cover every criterion both ways and every category'] : []),
    ];
    throw new CliError(`${basename(args.file)}: ${why.join('; ')}.`);
  }
  p(`\n${basename(args.file)}: every case passed and the coverage is complete.\n`);
  return report;
}

/**
 * `framework export`: writes a built-in as a file to adapt, with its cases beside it. A file already
 * there (the framework or either case file) is the analyst's work: the export refuses, naming each,
 * unless `force`. Every file is claimed (checked and locked) before any is written, and each appears
 * whole or not at all.
 */
export async function exportCommand(args: { id: string; out: string; force?: boolean; print: (t: string) => void }): Promise<void> {
  const fw = frameworkById(args.id);
  if (!fw) throw new CliError(unknownFrameworkMessage(args.id));
  if (extname(args.out).toLowerCase() !== '.json') throw new CliError(`Cannot write "${args.out}": a framework file ends .json.`);
  const schema = relative(dirname(resolve(args.out)), SCHEMA).split('\\').join('/');
  const { $schema: _ignored, ...definition } = fw.definition;
  const files: [string, string][] = [[args.out, formatJson({ $schema: schema, ...definition })]];
  const base = join(dirname(args.out), basename(args.out, extname(args.out)));
  const builtIn = join(BUILT_IN_DIR, `${fw.definition.id}.json`);
  const cases = casesBeside(builtIn);
  if (cases.register && cases.expectations) for (const [from, ext] of [[cases.register, 'csv'], [cases.expectations, 'tsv']] as const) files.push([`${base}.cases.${ext}`, await readFile(from, 'utf8')]);
  const there = files.map(([f]) => f).filter((f) => existsSync(f));
  if (there.length && !args.force) {
    const named = there.map((f) => `"${f}"`);
    const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
    throw new CliError(`Cannot write "${args.out}": ${list} ${there.length === 1 ? 'is' : 'are'} there already, and nothing was written. Choose another --out, or give --force to replace ${there.length === 1 ? 'it' : 'them'}.`);
  }
  const claims: OutputClaim[] = [];
  try {
    for (const [path] of files) claims.push(await claimOutput(path, builtIn));
  } catch (e) {
    for (const c of claims) await c.release();
    throw e;
  }
  try {
    for (const [i, [, text]] of files.entries()) {
      await claims[i]!.write(async (out) => {
        const w = out.getWriter();
        await w.write(new TextEncoder().encode(text));
        await w.close();
      });
    }
  } finally {
    // A claim written is settled already; one left by a failed write gives up its lock here.
    for (const c of claims) await c.release();
  }
  args.print(`Wrote ${files.map(([f]) => f).join(', ')}: ${fw.definition.name} to adapt. Change its id, name and authority, then check it with\n  schoolrisk framework check ${args.out}\n`);
}
