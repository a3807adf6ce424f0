/**
 * Windows-1252 bytes to text, by our own table rather than TextDecoder('windows-1252'): Node decodes that
 * label as ISO-8859-1 from 20.18.3 on (nodejs/node#56542, #60888), which turns ’ “ ” – € and the rest of
 * 0x80-0x9F into C1 control characters. Windows-1252 is ISO-8859-1 except in those 32 bytes.
 */

/**
 * The bytes 0x80-0x9F, as the WHATWG Encoding Standard's index-windows-1252 (and Windows itself) reads
 * them. The five bytes Windows-1252 does not define (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay the C1 code
 * point of the same number, as Excel, browsers and Node before 20.18.3 read them: nothing is lost, and
 * the CSV reader says where they are (see {@link WINDOWS_1252_UNDEFINED}).
 */
const HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
] as const;

/** The bytes Windows-1252 leaves undefined, which decode to the C1 control character of the same number. */
export const WINDOWS_1252_UNDEFINED: readonly number[] = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

/**
 * The 256 bytes as one byte each: WHATWG's "latin1" label is Windows-1252 in browsers and ISO-8859-1 in Node
 * from 20.18.3. Either way the native decoder does the work, and only the characters U+0080-U+009F it leaves
 * are looked up below (none where the decoder already read Windows-1252; the five undefined ones map to themselves).
 */
const oneByte = new TextDecoder('latin1');
const C1 = /[\u0080-\u009f]/g;
const fromTable = (c: string) => String.fromCharCode(HIGH[c.charCodeAt(0) - 0x80]!);

/** Decodes Windows-1252 bytes. Never throws: every byte has a character. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return oneByte.decode(bytes).replace(C1, fromTable);
}
