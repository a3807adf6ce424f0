/**
 * A file's bytes as text, the one way every reader here takes them: UTF-8 with or without a byte-order
 * mark; UTF-16 little- or big-endian with one (Excel's "Unicode text", Notepad's "UTF-16"); otherwise,
 * when the bytes are not valid UTF-8, Windows-1252 (Excel's "CSV" and Notepad's "ANSI" on Windows;
 * decoded by windows1252.ts). The CSV reader (csvText.ts) and the framework and parameters files (the
 * command line and the task pane) go through here, so an analyst's file reads the same everywhere.
 * Pure: no file system.
 */
import { decodeWindows1252 } from './windows1252';

/** The encodings read. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a file's bytes; a leading byte-order mark is dropped. Never throws. */
export function decodeTextBytes(bytes: Uint8Array): { encoding: TextEncodingName; text: string } {
  // The decoders drop a leading byte-order mark themselves.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', text: new TextDecoder('utf-16le').decode(bytes) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', text: new TextDecoder('utf-16be').decode(bytes) };
  try {
    return { encoding: 'utf-8', text: utf8.decode(bytes) };
  } catch {
    return { encoding: 'windows-1252', text: decodeWindows1252(bytes) };
  }
}

/** A JSON file read as text, and what the analyst should know about how (`null` when it was UTF-8 or marked UTF-16). */
export interface JsonFileText {
  readonly text: string;
  readonly encoding: TextEncodingName;
  readonly warning: string | null;
}

/**
 * A JSON file's bytes (a framework, a parameters file) as text. As {@link decodeTextBytes}, and UTF-16
 * without a byte-order mark is known by its zero bytes: JSON starts with an ASCII character ("{" or a
 * space), and no JSON text holds a zero byte otherwise. Said in a warning when the encoding was guessed.
 */
export function jsonFileText(bytes: Uint8Array): JsonFileText {
  if (bytes.length >= 2 && (bytes[0] === 0) !== (bytes[1] === 0) && !(bytes[0] === 0xff || bytes[0] === 0xfe)) {
    const encoding = bytes[0] === 0 ? 'utf-16be' : 'utf-16le';
    return { text: new TextDecoder(encoding).decode(bytes), encoding, warning: `The file is UTF-16 without a byte-order mark: it was read as ${encoding === 'utf-16le' ? 'UTF-16 little-endian' : 'UTF-16 big-endian'}; save it as UTF-8 to be sure.` };
  }
  const { encoding, text } = decodeTextBytes(bytes);
  return {
    text, encoding,
    warning: encoding === 'windows-1252' ? 'The file is not UTF-8: it was read as Windows-1252 ("ANSI" in Notepad on Windows); check that "§", "£", quotation marks and accented letters read as they should, or save it as UTF-8.' : null,
  };
}
