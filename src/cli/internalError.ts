/**
 * A fault of ours that stops a run (an exception no command expected): what the analyst reads, and the
 * stack to report, naming the sources' files and lines. The command line runs from a bundle
 * (bin/cliBundle.cjs) whose source map lies beside it; it is read here, only when a fault happens, so no
 * run pays for source maps.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';

/** The exit code of a run stopped by a fault of ours (sysexits' EX_SOFTWARE), apart from a problem with the analyst's file (1) or arguments (2). */
export const INTERNAL_ERROR_EXIT = 70;

/**
 * What the analyst reads: that their register was only read and no output was left half written (each is
 * written whole or not at all: src/cli/outputFile.ts), that the fault is ours, and the details to report.
 */
export function internalErrorText(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const details = e instanceof Error && e.stack ? sourceStack(e.stack) : message;
  return `schoolrisk: an internal error stopped the run: ${message}\n`
    + 'Your register was only read, and no output was left half written: each is written whole or not at all. '
    + 'This is a fault in schoolrisk, not in your file: please report it with the lines below.\n'
    + `${details}\n`;
}

/** A stack frame's place in a bundle: `at f (/path/cli-x.cjs:12:5)` or `at /path/cli-x.cjs:12:5`. */
const BUNDLE_FRAME = /(\(?)([^\s()]+\.cjs):(\d+):(\d+)(\)?)$/;

/** `stack` with each place in a bundle that has a source map beside it (`<bundle>.map`) given as the source's file, line and column. */
export function sourceStack(stack: string): string {
  const maps = new Map<string, SourceMap | null>();
  return stack.split('\n').map((line) => {
    const m = BUNDLE_FRAME.exec(line);
    if (!m) return line;
    const [, open, file, row, column, close] = m as unknown as [string, string, string, string, string, string];
    let map = maps.get(file);
    if (map === undefined) maps.set(file, (map = mapOf(file)));
    if (map === null) return line;
    const entry = map.findEntry(Number(row) - 1, Number(column) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
    if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return line;
    const source = isAbsolute(entry.originalSource) || entry.originalSource.startsWith('file:') ? entry.originalSource : resolve(dirname(file), entry.originalSource);
    return `${line.slice(0, m.index)}${open}${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}${close}`;
  }).join('\n');
}

/** The source map beside a bundle; `null` where there is none or it does not read (the stack is then printed as it is). */
function mapOf(file: string): SourceMap | null {
  try {
    const path = `${file}.map`;
    return existsSync(path) ? new SourceMap(JSON.parse(readFileSync(path, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]) : null;
  } catch {
    return null;
  }
}
