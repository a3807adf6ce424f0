/**
 * `schoolrisk categorise`: reads the register, runs the core on it, writes the results and prints a
 * summary. Invalid rows are reported, never fatal; a file the run cannot start on is.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import type { CalendarDate } from '../../core/dates';
import { frameworkById, unknownFrameworkMessage } from '../../core/frameworks';
import { categoriseRegister, type RegisterOutcome } from '../../core/register';
import { locateRegister } from '../run/locateRegister';
import { resultsJson } from '../run/resultsJson';
import { readSheetGrid } from '../workbook/readFile';
import { CliError } from './cliError';

/** Arguments of one `categorise` run. */
export interface CategoriseArgs {
  readonly register: string;
  readonly framework: string;
  readonly sheet?: string;
  readonly asOf: CalendarDate;
  readonly out: string;
  readonly print: (text: string) => void;
}

/** Runs `categorise`; throws `CliError` for what stops the whole run. */
export async function categoriseCommand(args: CategoriseArgs): Promise<RegisterOutcome> {
  const fw = frameworkById(args.framework);
  if (!fw) throw new CliError(unknownFrameworkMessage(args.framework));
  const outExt = extname(args.out).toLowerCase();
  if (outExt !== '.json') throw new CliError(`Cannot write "${args.out}": expected a .json output file.`);

  const grid = await readSheetGrid(args.register, args.sheet);
  const located = locateRegister(grid.values);
  if (!located) {
    throw new CliError(`"${args.register}" (sheet "${grid.sheet}") has no header row: expected a row naming the columns, with a "URN" column, within the first 30 rows.`);
  }
  const outcome = categoriseRegister(fw, located.headerRow, located.rows, { asOf: args.asOf, headerRowNumber: located.headerIndex + 1, mapping: located.mapping });
  if (outcome.fatal) {
    throw new CliError(`"${args.register}" cannot be categorised under ${fw.definition.name}:\n  ${outcome.registerProblems.filter((p) => p.severity === 'error').map((p) => p.message).join('\n  ')}`);
  }

  await mkdir(dirname(args.out), { recursive: true });
  await writeFile(args.out, `${JSON.stringify(resultsJson(outcome), null, 2)}\n`);
  args.print(summary(outcome));
  return outcome;
}

/** Counts per category and of the rows that could not be categorised. */
function summary(outcome: RegisterOutcome): string {
  const counts = new Map<string, number>();
  let invalid = 0;
  for (const r of outcome.rows) {
    if (r.result) counts.set(r.result.label, (counts.get(r.result.label) ?? 0) + 1);
    else invalid++;
  }
  const lines = outcome.framework.definition.categories.map((c) => `  ${c.label.padEnd(28)} ${String(counts.get(c.label) ?? 0).padStart(5)}`);
  return `${outcome.framework.definition.name}: ${outcome.rows.length} schools\n${lines.join('\n')}\n  ${'Not categorised (problems)'.padEnd(28)} ${String(invalid).padStart(5)}\n`;
}
