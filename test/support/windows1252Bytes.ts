/**
 * Windows-1252 as Python's cp1252 codec and the WHATWG index write it, kept apart from the decoder under
 * test (src/workbook/windows1252.ts) so a test reads bytes a file really has. Only 0x80-0x9F differ from
 * Latin-1, so a test of é and £ alone cannot tell the two encodings apart.
 */

/** The 27 characters Windows-1252 defines in 0x80-0x9F, each with its byte. */
export const WINDOWS_1252_HIGH: readonly (readonly [number, string])[] = [
  [0x80, '€'], [0x82, '‚'], [0x83, 'ƒ'], [0x84, '„'], [0x85, '…'], [0x86, '†'], [0x87, '‡'], [0x88, 'ˆ'], [0x89, '‰'],
  [0x8a, 'Š'], [0x8b, '‹'], [0x8c, 'Œ'], [0x8e, 'Ž'], [0x91, '‘'], [0x92, '’'], [0x93, '“'], [0x94, '”'], [0x95, '•'],
  [0x96, '–'], [0x97, '—'], [0x98, '˜'], [0x99, '™'], [0x9a, 'š'], [0x9b, '›'], [0x9c, 'œ'], [0x9e, 'ž'], [0x9f, 'Ÿ'],
];

/** All 27, as one string. */
export const WINDOWS_1252_HIGH_TEXT = WINDOWS_1252_HIGH.map(([, c]) => c).join('');

const byteOf = new Map(WINDOWS_1252_HIGH.map(([b, c]) => [c, b]));

/** Windows-1252 bytes of text; throws on a character it cannot encode. */
export function encodeWindows1252(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0)!;
      const b = byteOf.get(ch) ?? (code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : undefined);
      if (b === undefined) throw new Error(`"${ch}" has no Windows-1252 byte`);
      return b;
    }),
  );
}
