/**
 * `schoolrisk`: categorise a register file without Excel. A thin shell: arguments in, the shared run,
 * a file and a terminal summary out. Every failure the analyst can fix exits non-zero with one message.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { fromIsoDate, todayLocal, type CalendarDate } from '../../core/dates';
import { FRAMEWORKS } from '../../core/frameworks';
import { NATIONAL_PARAMETERS } from '../../core/nationalParameters';
import { INSPECTION_RULE_SET_IDS, type InspectionRulesId } from '../../core/ofsted';
import { valueInForceText } from '../../core/parameters';
import { FileReadError, type ReadLimits } from '../workbook/readFile';
import { categoriseCommand } from './categorise';
import { compareCommand } from './compare';
import { checkCommand, exportCommand, resolveFramework } from './framework';
import { refreshCommand } from './refresh';
import { validateCommand } from './validate';
import { CliError } from './cliError';
import { internalErrorText, INTERNAL_ERROR_EXIT } from './internalError';
import { writerTo } from './standardStreams';

function positiveNumber(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`"${text}" is not a positive number.`);
  return n;
}

/** The limits a workbook is checked against before it is read, as options every reading command takes. */
function withReadLimits(command: Command): Command {
  return command
    .option('--max-unpacked-mb <MB>', 'refuse a workbook that unpacks to more than this (default 2048)', positiveNumber)
    .option('--max-cells <cells>', 'refuse a sheet whose grid holds more cells than this (default 10,000,000)', positiveNumber);
}

const readLimits = (opts: { maxUnpackedMb?: number; maxCells?: number }): ReadLimits => ({
  ...(opts.maxUnpackedMb ? { maxUnpackedBytes: opts.maxUnpackedMb * 1024 * 1024 } : {}),
  ...(opts.maxCells ? { maxGridCells: opts.maxCells } : {}),
});

/** Collects a repeatable option's values. */
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The options that set a run's parameters, as every command running a framework takes them. */
function withParameters(command: Command): Command {
  return command
    .option('-p, --param <name=value>', 'set a parameter (repeatable); national ones under windows., reportCards. and risk. (see `frameworks`)', collect)
    .option('--params <file.json>', 'set parameters from a JSON file of names and values ({"newHeadMonths": 18, "windows": {"goodEarliestMonths": 24}}); --param wins');
}

const FRAMEWORK_HELP = `the framework: a built-in (${FRAMEWORKS.map((f) => f.id).join(', ')}) or a framework file (.json)`;

function wholeMonths(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 120) throw new InvalidArgumentError(`"${text}" is not a number of months from 1 to 120.`);
  return n;
}

function coveragePercent(text: string): number {
  const n = Number(text.replace(/%$/, ''));
  if (!Number.isFinite(n) || n < 50 || n > 99) throw new InvalidArgumentError(`"${text}" is not a coverage from 50 to 99 (per cent).`);
  return n / 100;
}

function ruleSet(text: string): InspectionRulesId {
  if (!(INSPECTION_RULE_SET_IDS as readonly string[]).includes(text)) throw new InvalidArgumentError(`"${text}" is not a set of inspection rules; expected ${INSPECTION_RULE_SET_IDS.join(' or ')}.`);
  return text as InspectionRulesId;
}

function asOfDate(text: string): CalendarDate {
  const date = fromIsoDate(text);
  if (date === null) throw new InvalidArgumentError(`"${text}" is not a date; expected YYYY-MM-DD, for example 2026-11-01.`);
  return date;
}

/** Builds the program (exported so tests run it without spawning a process). */
export function buildProgram(out: (text: string) => void = writerTo(process.stdout), err: (text: string) => void = writerTo(process.stderr)): Command {
  // Set before the subcommands are added, so they inherit it: errors come back as exceptions, not exits.
  const program = new Command('schoolrisk')
    .description('Categorise a school-risk register against a local authority\'s school-improvement framework.')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err });

  withParameters(withReadLimits(program
    .command('categorise')))
    .description('Categorise every school of a register (.xlsx or .csv).')
    .argument('<register>', 'the register file, .xlsx or .csv')
    .requiredOption('-f, --framework <id|file.json>', FRAMEWORK_HELP)
    .option('-s, --sheet <name>', 'the sheet that holds the register (default: the first that is not hidden)')
    .option('-a, --as-of <YYYY-MM-DD>', 'the date to count inspection windows and time in post to (default: today)', asOfDate)
    .option('--pdf <file.pdf>', 'also write the SIG pack (the summary and a page per school of concern) as an A4 PDF')
    .requiredOption('-o, --out <file>', 'where to write the results: .xlsx (a copy of the workbook with the results and the sheets SIG summary, School profiles and Run log), .csv or .json')
    .option('--horizon-months <months>', 'count a graded inspection within this many months of the as-of date (default 24)', wholeMonths)
    .option('--window-coverage <percent>', 'share of real next inspections a measured window holds, in per cent (default 80)', coveragePercent)
    .option('--inspection-rules <rules>', `inspection rules: ${INSPECTION_RULE_SET_IDS.join(' or ')} (default: those in force on the as-of date)`, ruleSet)
    .action(async (register: string, opts: { framework: string; sheet?: string; asOf?: CalendarDate; out: string; pdf?: string; maxUnpackedMb?: number; maxCells?: number; horizonMonths?: number; windowCoverage?: number; inspectionRules?: InspectionRulesId; param?: string[]; params?: string }) => {
      const inspection = { horizonMonths: opts.horizonMonths, windowCoverage: opts.windowCoverage, rules: opts.inspectionRules };
      await categoriseCommand({ register, framework: opts.framework, sheet: opts.sheet, asOf: opts.asOf ?? todayLocal(), out: opts.out, pdf: opts.pdf, print: out, limits: readLimits(opts), inspection, param: opts.param, params: opts.params });
    });

  withReadLimits(program
    .command('compare'))
    .description('Show each school\'s category under all five frameworks, side by side.')
    .argument('<register>', 'the register file, .xlsx or .csv')
    .option('-s, --sheet <name>', 'the sheet that holds the register (default: the first that is not hidden)')
    .option('-a, --as-of <YYYY-MM-DD>', 'the date to count inspection windows and time in post to (default: today)', asOfDate)
    .action(async (register: string, opts: { sheet?: string; asOf?: CalendarDate; maxUnpackedMb?: number; maxCells?: number }) => {
      await compareCommand({ register, sheet: opts.sheet, asOf: opts.asOf ?? todayLocal(), print: out, limits: readLimits(opts) });
    });

  withParameters(withReadLimits(program
    .command('validate')))
    .description('Show how the headers map to fields, the columns not used, and every problem by row, column and value; exit 1 when there is an error.')
    .argument('<register>', 'the register file, .xlsx or .csv')
    .option('-f, --framework <id|file.json>', `check against a framework, as categorise would run it (the same problems): ${FRAMEWORK_HELP.replace(/^the framework: /, '')}`)
    .option('-s, --sheet <name>', 'the sheet that holds the register (default: the first that is not hidden)')
    .option('-a, --as-of <YYYY-MM-DD>', 'the date after which dates count as in the future (default: today)', asOfDate)
    .action(async (register: string, opts: { framework?: string; sheet?: string; asOf?: CalendarDate; maxUnpackedMb?: number; maxCells?: number; param?: string[]; params?: string }) => {
      await validateCommand({ register, framework: opts.framework, sheet: opts.sheet, asOf: opts.asOf ?? todayLocal(), print: out, limits: readLimits(opts), param: opts.param, params: opts.params });
    });

  withReadLimits(program
    .command('refresh'))
    .description('Fill and update the register\'s inspection columns from Ofsted\'s monthly management information (and status and phase from Get Information about Schools), listing every change.')
    .argument('<register>', 'the register file, .xlsx or .csv (never written)')
    .requiredOption('--ofsted <mi.csv>', 'Ofsted\'s management information, "state-funded schools - latest inspections" (CSV as published)')
    .option('--gias <extract.csv>', 'a Get Information about Schools extract (status and phase; heads\' names and other personal data are never read)')
    .requiredOption('-o, --out <file.xlsx>', 'the refreshed copy, with a Changes sheet')
    .option('--report <file.json>', 'also write every change, conflict and unmatched school as JSON')
    .option('--la <code>', 'the authority\'s three-digit LA code (default: from the register\'s LAESTAB column)')
    .option('--prefer-official', 'take the official value where you have entered another since the last refresh')
    .option('-s, --sheet <name>', 'the sheet that holds the register (default: the first that is not hidden)')
    .option('-a, --as-of <YYYY-MM-DD>', 'the date after which dates count as in the future (default: today)', asOfDate)
    .action(async (register: string, opts: { ofsted: string; gias?: string; out: string; report?: string; la?: string; preferOfficial?: boolean; sheet?: string; asOf?: CalendarDate; maxUnpackedMb?: number; maxCells?: number }) => {
      await refreshCommand({ register, ofsted: opts.ofsted, gias: opts.gias, out: opts.out, report: opts.report, la: opts.la, preferOfficial: opts.preferOfficial, sheet: opts.sheet, asOf: opts.asOf ?? todayLocal(), print: out, limits: readLimits(opts) });
    });

  program
    .command('frameworks')
    .description('List the frameworks, their categories and parameters (with the value in force at the as-of date, and why), and the national parameters.')
    .option('-a, --as-of <YYYY-MM-DD>', 'the date whose parameter values to show (default: today)', asOfDate)
    .option('-f, --framework <id|file.json>', 'only this framework: a built-in id, or a framework file of your own')
    .action(async (opts: { asOf?: CalendarDate; framework?: string }) => {
      const asOf = opts.asOf ?? todayLocal();
      for (const f of opts.framework ? [(await resolveFramework(opts.framework, out)).definition] : FRAMEWORKS) {
        out(`${f.id}\t${f.name} (version ${f.version})\n  categories: ${f.categories.map((c) => `${c.id} (${c.label})`).join(', ')}\n`);
        for (const [name, p] of Object.entries(f.parameters)) out(`  ${name} = ${valueInForceText(p, asOf)}${p.unit ? ` ${p.unit}` : ''}${p.min !== undefined || p.max !== undefined ? ` [${p.min ?? ''}..${p.max ?? ''}]` : ''}: ${p.description}\n`);
      }
      out('\nNational parameters, for every framework (--param windows.goodEarliestMonths=24):\n');
      for (const p of NATIONAL_PARAMETERS) out(`  ${p.name} = ${String(p.default)}${p.unit ? ` ${p.unit}` : ''}${p.min !== undefined ? ` [${p.min}..${p.max}]` : ''}: ${p.description}\n`);
    });

  const framework = program.command('framework').description('Check a framework file with its cases, or export a built-in as a file to adapt.');
  framework
    .command('check')
    .description('Validate and compile a framework file, run its conformance cases and print the coverage; exit 1 on any failure, or when no cases ran.')
    .argument('<file>', 'the framework file (.json), or a built-in\'s id')
    .option('--cases <files...>', 'the register of cases (.csv) and the expectations (.tsv) (default: <file>.cases.csv and .cases.tsv beside it; .cases.txt, as Excel saves "Text (Tab delimited)", is read too)')
    .action(async (file: string, opts: { cases?: string[] }) => {
      await checkCommand({ file, cases: opts.cases, print: out });
    });
  framework
    .command('export')
    .description('Write a built-in framework as a file to adapt, with its cases beside it; a file already there is not replaced without --force.')
    .argument('<id>', `the built-in: ${FRAMEWORKS.map((f) => f.id).join(', ')}`)
    .requiredOption('-o, --out <file.json>', 'where to write it (and its cases beside it: <file>.cases.csv and .cases.tsv)')
    .option('--force', 'replace the file and its cases when they are there already (without it, export refuses and names them)')
    .action(async (id: string, opts: { out: string; force?: boolean }) => {
      await exportCommand({ id, out: opts.out, force: opts.force === true, print: out });
    });
  return program;
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[], out?: (text: string) => void, err: (text: string) => void = writerTo(process.stderr)): Promise<number> {
  const program = buildProgram(out, err);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof CliError || e instanceof FileReadError) {
      err(`schoolrisk: ${e.message}\n`);
      return e instanceof CliError ? e.exitCode : 1;
    }
    throw e;
  }
}

/** Runs the command line as this process's command: its arguments, its exit code, and Ctrl-C handled (the bin runs its bundle so). */
export function runAsCommand(argv: readonly string[] = process.argv.slice(2), run: typeof main = main): Promise<void> {
  // Ctrl-C or a kill: exit through Node's 'exit' event, so an output being written leaves no temporary
  // file or lock behind (src/cli/outputFile.ts); the previous output is untouched either way.
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  return run(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(internalErrorText(e));
      process.exitCode = INTERNAL_ERROR_EXIT;
    },
  );
}

if (process.argv[1] && /main\.ts$/.test(process.argv[1])) void runAsCommand();
