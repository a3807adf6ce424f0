/** Reading `categorise --out results.json` back in tests: its rows (the file also holds the run's provenance). */
import { readFileSync } from 'node:fs';
import type { ResultRow, ResultsFile } from '../../src/run/resultsJson';

/** The rows of a results.json file. */
export function readResultRows(path: string): ResultRow[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as ResultsFile).rows;
}
