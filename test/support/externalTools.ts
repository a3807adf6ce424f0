/**
 * Other programs the tests use to meet our files as analysts do: Debian's LibreOffice (soffice), Python
 * with openpyxl, poppler's pdfinfo. Where one is missing a test says so and is skipped; under CI
 * (`CI=true`, where .ci/run installs them) a missing one fails instead, so it is never silently skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const found = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

/** Debian's python3 with openpyxl (a pyenv python may shadow /usr/bin/python3 on PATH). */
export const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => found(p, ['-c', 'import openpyxl'])) ?? null;
export const SOFFICE = ['soffice', 'libreoffice'].find((p) => found(p, ['--version'])) ?? null;
export const PDFINFO = found('pdfinfo', ['-v']) ? 'pdfinfo' : null;

/** The Debian package that gives each tool. */
const PACKAGE_OF = { LibreOffice: 'libreoffice-calc', openpyxl: 'python3-openpyxl', pdfinfo: 'poppler-utils' } as const;

/** Is the tool there? Under CI its absence is an error, not a skip. */
export function have(tool: string | null, name: keyof typeof PACKAGE_OF): boolean {
  if (tool) return true;
  if (process.env.CI) throw new Error(`${name} is required under CI (.ci/run installs it) but was not found.`);
  console.warn(`skipped: ${name} is not installed (apt-get install ${PACKAGE_OF[name]})`);
  return false;
}

/** Converts a workbook with LibreOffice headless (its own profile, so runs never share one) to `format` ("pdf", "xlsx:<filter>") in `outDir`; returns the new file's path. */
function convert(file: string, outDir: string, format: string): string {
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  try {
    execFileSync(SOFFICE!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', format, '--outdir', outDir, file], { stdio: 'pipe', timeout: 180_000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return join(outDir, basename(file).replace(/\.[^.]+$/, `.${format.split(':')[0]}`));
}

/** Converts a workbook to PDF with LibreOffice headless; returns the PDF's path. */
export function toPdf(file: string, outDir: string): string {
  return convert(file, outDir, 'pdf');
}

/** Saves a workbook again as LibreOffice headless does (.xlsx, into `outDir`); returns the new file's path. */
export function resavedByLibreOffice(file: string, outDir: string): string {
  return convert(file, outDir, 'xlsx:Calc MS Excel 2007 XML');
}

/** Saves a workbook as an OpenDocument spreadsheet by LibreOffice headless (into `outDir`); returns the .ods's path. */
export function savedAsOds(file: string, outDir: string): string {
  return convert(file, outDir, 'ods');
}

/** The first sheet as LibreOffice headless shows it, as CSV (UTF-8, each cell's text as its format shows it); returns the CSV's path. */
export function shownAsCsv(file: string, outDir: string): string {
  return convert(file, outDir, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true');
}

/** Pages of a PDF, by pdfinfo. */
export function pdfPages(pdf: string): number {
  const info = execFileSync(PDFINFO!, [pdf], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** Runs a Python script with Debian's python3 and parses its JSON output. */
export function python<T>(script: string, ...args: string[]): T {
  return JSON.parse(execFileSync(PYTHON!, [script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as T;
}
