import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonFileText } from '../../../src/workbook/textBytes';

// The worked example has "§" in every citation: the character an authority's own file is likeliest to carry.
const NORTHMOOR = readFileSync('examples/frameworks/northmoor.json', 'utf8');
const bytes = (b: Buffer) => new Uint8Array(b);

describe('a JSON file (a framework, a parameters file) reads as the analyst wrote it, whatever it was saved as', () => {
  it('UTF-8, with or without a byte-order mark: as it is, nothing said', () => {
    expect(jsonFileText(bytes(Buffer.from(NORTHMOOR, 'utf8')))).toEqual({ text: NORTHMOOR, encoding: 'utf-8', warning: null });
    expect(jsonFileText(bytes(Buffer.from(`\uFEFF${NORTHMOOR}`, 'utf8'))).text).toBe(NORTHMOOR);
  });

  it('Windows-1252 (Notepad\'s "ANSI"): "§" stays "§", not U+FFFD, and a warning says the encoding was guessed', () => {
    const read = jsonFileText(bytes(Buffer.from(NORTHMOOR, 'latin1')));
    expect(read.text).toBe(NORTHMOOR);
    expect(read.text).toContain('"§3.3 Attendance"');
    expect(read.encoding).toBe('windows-1252');
    expect(read.warning).toMatch(/^The file is not UTF-8: it was read as Windows-1252/);
    // Windows-1252's own characters beyond Latin-1 (0x80-0x9F): "’" is 0x92, "–" 0x96, "€" 0x80.
    expect(jsonFileText(Uint8Array.of(0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x92, 0x96, 0x80, 0x22, 0x7d)).text).toBe('{"a":"’–€"}');
  });

  it('UTF-16 with a byte-order mark (Notepad\'s "UTF-16 LE" and "BE"): as it is, nothing said', () => {
    expect(jsonFileText(bytes(Buffer.from(`\uFEFF${NORTHMOOR}`, 'utf16le')))).toEqual({ text: NORTHMOOR, encoding: 'utf-16le', warning: null });
    const be = Buffer.from(`\uFEFF${NORTHMOOR}`, 'utf16le').swap16();
    expect(jsonFileText(bytes(be))).toEqual({ text: NORTHMOOR, encoding: 'utf-16be', warning: null });
  });

  it('UTF-16 without one: known by its zero bytes, and said', () => {
    const read = jsonFileText(bytes(Buffer.from(NORTHMOOR, 'utf16le')));
    expect(read.text).toBe(NORTHMOOR);
    expect(read.warning).toMatch(/UTF-16 without a byte-order mark: it was read as UTF-16 little-endian/);
    expect(jsonFileText(bytes(Buffer.from(NORTHMOOR, 'utf16le').swap16())).text).toBe(NORTHMOOR);
  });
});
