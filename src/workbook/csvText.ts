/**
 * A CSV file as analysts have it, bytes to rows of text. Excel and the DfE's and Ofsted's downloads
 * write CSV several ways, and each is read here, never guessed at silently:
 * - the encoding: UTF-8 with or without a byte-order mark; UTF-16 little- or big-endian with one
 *   (Excel's "Unicode text"); otherwise, when the bytes are not valid UTF-8, Windows-1252 (Excel's "CSV"
 *   on Windows, Ofsted's management information; decoded by textBytes.ts, as every file here is), said
 *   in a warning, with a second naming the first cell that has a byte Windows-1252 leaves undefined;
 * - the delimiter: comma, semicolon (Excel in a European locale) or tab ("Unicode text");
 * - decimal commas in semicolon files ("95,1" is 95.1), and in tab files that write numbers that way
 *   and never with a decimal point (Excel's "Unicode text" in the same locales): the cell is given back
 *   with a decimal point, so every shell reads the number the same way.
 * Pure: no file system, so the command line and tests hand it bytes.
 */
import Papa from 'papaparse';
import { columnLetters } from './port';
import { decodeTextBytes, type TextEncodingName } from './textBytes';
import { WINDOWS_1252_UNDEFINED } from './windows1252';

/** The encodings read. */
export type CsvEncoding = TextEncodingName;

/** The delimiters recognised, in the order they are preferred on a tie. */
export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** A CSV file read: its rows of text, how it was read, and what the analyst should know about that. */
export interface CsvRead {
  readonly rows: string[][];
  readonly encoding: CsvEncoding;
  readonly delimiter: CsvDelimiter;
  /** Sentences for the analyst, such as the encoding having been guessed. */
  readonly warnings: readonly string[];
}

/** Reads CSV bytes. Never throws on content: an empty file gives no rows. */
export function readCsvText(bytes: Uint8Array): CsvRead {
  const warnings: string[] = [];
  const { encoding, text } = decode(bytes, warnings);
  const delimiter = detectDelimiter(text);
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter }).data;
  // A trailing newline gives one empty last row; it is not data.
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  if (delimiter === ';' || (delimiter === '\t' && writesDecimalCommas(rows))) {
    for (const row of rows) for (let i = 0; i < row.length; i++) row[i] = withDecimalPoint(row[i]!);
  }
  // The cells are searched only when the text has such a byte at all: an England-sized MI file has none.
  if (encoding === 'windows-1252' && UNDEFINED_CHARACTERS.test(text)) {
    const undefinedByte = undefinedBytesWarning(rows);
    if (undefinedByte) warnings.push(undefinedByte);
  }
  return { rows, encoding, delimiter, warnings };
}

/** Lines looked at to find the delimiter. */
const PREVIEW_ROWS = 20;

/**
 * The delimiter that splits the header row into the most columns, weighted by the share of the first
 * rows that have as many (a short row is allowed; a delimiter that only occurs in some cells is not).
 * papaparse's own guess prefers commas in a semicolon file whose numbers have decimal commas.
 */
function detectDelimiter(text: string): CsvDelimiter {
  let best: CsvDelimiter = ',';
  let bestScore = 0;
  for (const d of CSV_DELIMITERS) {
    const rows = Papa.parse<string[]>(text, { delimiter: d, preview: PREVIEW_ROWS }).data.filter((r) => r.some((c) => c !== ''));
    const width = rows[0]?.length ?? 0;
    const score = width > 1 ? (width * rows.filter((r) => r.length === width).length) / rows.length : 0;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function decode(bytes: Uint8Array, warnings: string[]): { encoding: CsvEncoding; text: string } {
  const decoded = decodeTextBytes(bytes);
  if (decoded.encoding === 'windows-1252') warnings.push('The file is not UTF-8: it was read as Windows-1252 (Excel\'s "CSV" on Windows, and Ofsted\'s and the DfE\'s downloads); check that accented names and "£" read as they should, or save it as "CSV UTF-8".');
  return decoded;
}

const UNDEFINED_CHARACTERS = new RegExp(`[${WINDOWS_1252_UNDEFINED.map((b) => `\\u00${b.toString(16)}`).join('')}]`);

/**
 * Where a file read as Windows-1252 has a byte that Windows-1252 does not define: the first such cell by
 * row, column and byte, and how many there are. Such a byte is likelier another encoding than a character.
 */
function undefinedBytesWarning(rows: readonly (readonly string[])[]): string | null {
  let first: { row: number; col: number; byte: number } | null = null;
  let cells = 0;
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < rows[r]!.length; c++) {
      const m = UNDEFINED_CHARACTERS.exec(rows[r]![c]!);
      if (!m) continue;
      cells++;
      first ??= { row: r, col: c, byte: m[0].charCodeAt(0) };
    }
  }
  if (!first) return null;
  const header = first.row > 0 ? rows[0]![first.col] : undefined;
  const column = header ? `column ${columnLetters(first.col)} ("${header}")` : `column ${columnLetters(first.col)}`;
  const hex = first.byte.toString(16).toUpperCase();
  const others = cells === 1 ? '' : cells === 2 ? ' 1 other cell has such a byte.' : ` ${cells - 1} other cells have such bytes.`;
  return `Row ${first.row + 1}, ${column} has the byte 0x${hex}, which Windows-1252 does not define: it was kept as the control character U+00${hex}, as Windows and web browsers read it; expected a character of Windows-1252.${others} The file may be in another encoding: save it as "CSV UTF-8".`;
}

// "95,1", "-0,45", "1.234,5" and "95,1%", as a semicolon file from a European-locale Excel writes numbers.
const DECIMAL_COMMA = /^([-+]?)(\d{1,3}(?:\.\d{3})+|\d+),(\d+)(%?)$/;

// A comma that cannot be a thousands separator (not followed by exactly three digits), and a decimal point.
const SURE_DECIMAL_COMMA = /^[-+]?\d+,(\d{1,2}|\d{4,})%?$/;
const DECIMAL_POINT = /^[-+]?\d*\.\d+%?$/;

/** A tab file whose numbers have decimal commas: at least one that can be nothing else, and none with a point. */
function writesDecimalCommas(rows: readonly (readonly string[])[]): boolean {
  let comma = false;
  for (const row of rows) {
    for (const cell of row) {
      const c = cell.trim();
      if (DECIMAL_POINT.test(c)) return false;
      if (!comma && SURE_DECIMAL_COMMA.test(c)) comma = true;
    }
  }
  return comma;
}

/** A number written with a decimal comma, given back with a decimal point; anything else as it is. */
function withDecimalPoint(cell: string): string {
  const m = DECIMAL_COMMA.exec(cell.trim());
  return m ? `${m[1]}${m[2]!.replace(/\./g, '')}.${m[3]}${m[4]}` : cell;
}
