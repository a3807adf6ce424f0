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
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { coverageTable, runConformance, type ConformanceReport } from '../../core/conformance';
import type { CalendarDate } from '../../core/dates';
import type { CompiledFramework } from '../../core/engine';
import { frameworkWarnings } from '../../core/frameworkCheck';
import { frameworkById, ownFramework, unknownFrameworkMessage } from '../../core/frameworks';
import { loadFrameworkText } from '../../core/frameworkFile';
import { formatJson } from '../../core/jsonText';
import { flattenParameters, parseAssignment, resolveSettings, type RunSettings } from '../../core/parameters';
import { gridText } from '../workbook/cell';
import { readSheetGrid } from '../workbook/readFile';
import { CliError } from './cliError';
import { claimOutput } from './outputFile';

/** The repository's copy of the framework JSON Schema, for `$schema` in exported files. */
const SCHEMA = resolve(__dirname, '../../schemas/framework.schema.json');
/** Where the built-ins and their cases are. */
const BUILT_IN_DIR = resolve(__dirname, '../../core/frameworks');

const looksLikeFile = (arg: string) => /\.json$/i.test(arg.trim()) || /[/\\]/.test(arg);

/** The framework a `--framework` argument names: a built-in's id or a framework file. Throws `CliError` with every issue of a bad file. */
export async function resolveFramework(arg: string): Promise<CompiledFramework> {
  if (!looksLikeFile(arg)) {
    const fw = frameworkById(arg);
    if (!fw) throw new CliError(`${unknownFrameworkMessage(arg)} A framework file is given by its path, ending .json.`);
    return fw;
  }
  const text = await readFile(arg).catch((e: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot read framework file "${arg}": ${e.code === 'ENOENT' ? 'no such file' : e.message}.`);
  });
  const loaded = ownFramework(loadFrameworkText(text.toString('utf8'), { kind: 'file', name: basename(arg), sha256: createHash('sha256').update(text).digest('hex') }));
  if (!loaded.ok) throw new CliError(`"${basename(arg)}" is not a valid framework (${loaded.issues.length} problem${loaded.issues.length === 1 ? '' : 's'}):\n${loaded.issues.map((i) => `  ${i.message}`).join('\n')}`);
  return loaded.framework;
}

/** The parameters of a run: a `--params` file, then each `--param`, checked together. Throws `CliError` listing every bad one. */
export async function resolveRunSettings(fw: CompiledFramework, asOf: CalendarDate, opts: { params?: string; param?: readonly string[] }): Promise<RunSettings> {
  const values: Record<string, unknown> = {};
  const errors: string[] = [];
  if (opts.params) {
    const text = await readFile(opts.params, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new CliError(`Cannot read parameters file "${opts.params}": ${e.code === 'ENOENT' ? 'no such file' : e.message}.`);
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new CliError(`"${opts.params}" is not JSON: ${(e as Error).message}. Expected an object of parameter names and values, for example {"newHeadMonths": 18, "windows": {"goodEarliestMonths": 24}}.`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CliError(`"${opts.params}" holds ${Array.isArray(parsed) ? 'a list' : JSON.stringify(parsed)}; expected an object of parameter names and values.`);
    Object.assign(values, flattenParameters(parsed as Record<string, unknown>));
  }
  for (const text of opts.param ?? []) {
    const pair = parseAssignment(text);
    if (!pair) errors.push(`--param "${text}": expected name=value, for example --param newHeadMonths=18.`);
    else values[pair[0]] = pair[1];
  }
  const resolved = resolveSettings(fw, values, asOf);
  if (!resolved.ok) errors.push(...resolved.errors);
  if (errors.length) throw new CliError(`${errors.length === 1 ? 'A parameter is' : `${errors.length} parameters are`} not right, so nothing was written:\n${errors.map((e) => `  ${e}`).join('\n')}`);
  return (resolved as { ok: true; settings: RunSettings }).settings;
}

/** The cases beside a framework file: `<name>.cases.csv` and `<name>.cases.tsv`, when both are there. */
export function casesBeside(file: string): [string, string] | null {
  const base = join(dirname(file), basename(file, extname(file)));
  const pair: [string, string] = [`${base}.cases.csv`, `${base}.cases.tsv`];
  return existsSync(pair[0]) && existsSync(pair[1]) ? pair : null;
}

/** `framework check`: validates and compiles the file, runs its cases, prints the coverage. Throws `CliError` (exit 1) on any failure. */
export async function checkCommand(args: { file: string; cases?: readonly string[]; print: (t: string) => void }): Promise<ConformanceReport | null> {
  const p = args.print;
  const fw = await resolveFramework(args.file);
  const def = fw.definition;
  p(`${basename(args.file)}: ${def.name} (${def.id} ${def.version}) is a valid framework: ${def.criteria.length} criteria, ${def.categories.length} categories, ${Object.keys(def.parameters).length} parameters.\n`);
  for (const w of frameworkWarnings(def)) p(`  warning: ${w.message}\n`);
  if (args.cases && args.cases.length !== 2) throw new CliError('--cases takes two files: the register of cases (.csv) and the expectations (.tsv).');
  const builtInFile = looksLikeFile(args.file) ? args.file : join(BUILT_IN_DIR, `${def.id}.json`);
  const cases = (args.cases as [string, string] | undefined) ?? casesBeside(builtInFile);
  if (!cases) {
    p('No cases given (--cases <register.csv> <expected.tsv>), and none beside the file: only the file was checked.\n');
    return null;
  }
  const grid = await readSheetGrid(cases[0]);
  const expectations = await readFile(cases[1], 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot read expectations "${cases[1]}": ${e.code === 'ENOENT' ? 'no such file' : e.message}.`);
  });
  const [header = [], ...rows] = grid.values.map((r) => r.map((c) => (typeof c === 'string' ? c : c === null || c === undefined ? '' : typeof c === 'number' || typeof c === 'boolean' ? c : gridText(c))));
  const report = runConformance(fw, { header, rows }, expectations);
  const passed = report.cases.filter((c) => c.passed).length;
  p(`\nCases: ${basename(cases[0])} and ${basename(cases[1])}: ${passed} of ${report.cases.length} passed.\n`);
  for (const problem of report.fileProblems) p(`  ${problem}\n`);
  for (const c of report.cases.filter((x) => !x.passed)) {
    p(`  FAILED ${c.expectation.urn} (line ${c.expectation.line}) ${c.expectation.name} [${c.expectation.citation}]\n${c.failures.map((f) => `    ${f}\n`).join('')}`);
  }
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

/** `framework export`: writes a built-in as a file to adapt, with its cases beside it. */
export async function exportCommand(args: { id: string; out: string; print: (t: string) => void }): Promise<void> {
  const fw = frameworkById(args.id);
  if (!fw) throw new CliError(unknownFrameworkMessage(args.id));
  if (extname(args.out).toLowerCase() !== '.json') throw new CliError(`Cannot write "${args.out}": a framework file ends .json.`);
  const schema = relative(dirname(resolve(args.out)), SCHEMA).split('\\').join('/');
  const { $schema: _ignored, ...definition } = fw.definition;
  const files: [string, string][] = [[args.out, formatJson({ $schema: schema, ...definition })]];
  const base = join(dirname(args.out), basename(args.out, extname(args.out)));
  const cases = casesBeside(join(BUILT_IN_DIR, `${fw.definition.id}.json`));
  if (cases) for (const [from, ext] of [[cases[0], 'csv'], [cases[1], 'tsv']] as const) files.push([`${base}.cases.${ext}`, await readFile(from, 'utf8')]);
  for (const [path, text] of files) {
    const claim = await claimOutput(path, join(BUILT_IN_DIR, `${fw.definition.id}.json`));
    await claim.write(async (out) => {
      const w = out.getWriter();
      await w.write(new TextEncoder().encode(text));
      await w.close();
    });
  }
  args.print(`Wrote ${files.map(([f]) => f).join(', ')}: ${fw.definition.name} to adapt. Change its id, name and authority, then check it with\n  schoolrisk framework check ${args.out}\n`);
}
