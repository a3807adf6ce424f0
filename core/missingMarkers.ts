/**
 * The codes that published school data writes where a value is missing or withheld. Analysts paste
 * these downloads straight into their registers, so a cell holding one of these codes is read as
 * blank (missing evidence), with a note naming the row, the column and the code, never as a value and
 * never as a bad cell. A code that is one of the field's own values keeps that meaning ("C" is a
 * Southwark area grade, "N/A" a category of concern of none).
 *
 * This is a national parameter: the list below, each code with what it means and where it comes from.
 */

/** One missing-data code: what it is written as, what it means, and who writes it. */
export interface MissingMarker {
  readonly code: string;
  readonly meaning: string;
  readonly source: string;
}

const PERFORMANCE_TABLES = 'DfE school performance tables (Compare school and college performance), data files\' codes';
const STATISTICS_SYMBOLS = 'DfE and GSS statistical symbols (Explore education statistics)';

/** The codes read as blank, case-insensitive, in the order the data dictionary lists them. */
export const MISSING_MARKERS: readonly MissingMarker[] = [
  { code: 'NULL', meaning: 'no value', source: 'Ofsted management information ("state-funded schools - latest inspections") and database exports' },
  { code: 'NA', meaning: 'not applicable', source: PERFORMANCE_TABLES },
  { code: 'N/A', meaning: 'not applicable', source: 'typed by hand; spreadsheets\' own convention' },
  { code: 'SUPP', meaning: 'suppressed: too few pupils to publish', source: PERFORMANCE_TABLES },
  { code: 'LOWCOV', meaning: 'low coverage: too few pupils included for the measure to be published', source: PERFORMANCE_TABLES },
  { code: 'NE', meaning: 'no entries', source: PERFORMANCE_TABLES },
  { code: 'x', meaning: 'not available', source: STATISTICS_SYMBOLS },
  { code: 'c', meaning: 'confidential: suppressed to protect individuals', source: STATISTICS_SYMBOLS },
  { code: '..', meaning: 'not available', source: STATISTICS_SYMBOLS },
  { code: '-', meaning: 'nil or not applicable (read as blank, not as zero: check the source)', source: STATISTICS_SYMBOLS },
];

const BY_TEXT: ReadonlyMap<string, MissingMarker> = new Map(MISSING_MARKERS.map((m) => [m.code.toUpperCase(), m]));

/** The marker a trimmed cell text is, if any (case-insensitive). */
export function missingMarker(text: string): MissingMarker | undefined {
  return text.length > 6 ? undefined : BY_TEXT.get(text.toUpperCase());
}
