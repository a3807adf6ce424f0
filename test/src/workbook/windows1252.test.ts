import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readCsvText } from '../../../src/workbook/csvText';
import { decodeWindows1252, WINDOWS_1252_UNDEFINED } from '../../../src/workbook/windows1252';
import { have, PYTHON } from '../../support/externalTools';
import { WINDOWS_1252_HIGH } from '../../support/windows1252Bytes';

describe('Windows-1252 bytes to text', () => {
  it.each(WINDOWS_1252_HIGH.map(([b, c]) => [`0x${b.toString(16).toUpperCase()}`, b, c] as const))('%s is %s', (_hex, byte, char) => {
    expect(decodeWindows1252(Uint8Array.of(0x41, byte, 0x42))).toBe(`A${char}B`);
  });

  it('every other byte is the code point of the same number (ASCII and Latin-1: é, £, ÿ)', () => {
    const bytes = [...Array(256).keys()].filter((b) => b < 0x80 || b >= 0xa0);
    expect([...decodeWindows1252(Uint8Array.from(bytes))].map((c) => c.codePointAt(0))).toEqual(bytes);
  });

  it('the five bytes it leaves undefined are kept as the C1 control character of the same number, as Windows and browsers read them', () => {
    expect(WINDOWS_1252_UNDEFINED).toEqual([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
    expect(decodeWindows1252(Uint8Array.from(WINDOWS_1252_UNDEFINED))).toBe('\u0081\u008d\u008f\u0090\u009d');
  });

  it('a file longer than one chunk of characters is whole', () => {
    const bytes = new Uint8Array(100_000).fill(0x92);
    bytes[99_999] = 0x80;
    expect(decodeWindows1252(bytes)).toBe(`${'’'.repeat(99_999)}€`);
  });

  it('a CSV another program wrote in Windows-1252 (Python\'s cp1252 codec) reads as that program wrote it', () => {
    // PYTHON is Debian's python3 with openpyxl (externalTools.ts); only its cp1252 codec is used here.
    if (!have(PYTHON, 'openpyxl')) return;
    // Every character cp1252 can write, bar the controls, in a school's name and a reason.
    const written = execFileSync(PYTHON!, ['-c', `
import sys
chars = ''.join(bytes([b]).decode('cp1252') for b in range(0x20, 0x100) if b not in (0x7f, 0x81, 0x8d, 0x8f, 0x90, 0x9d) and bytes([b]).decode('cp1252') not in ',"')
sys.stdout.buffer.write(('URN,School name,Reason\\r\\n123456,"St Mary\u2019s \u201cGood\u201d \u2013 ' + chars + '",\u20ac5 \u2026 \u00a35\\r\\n').encode('cp1252'))`]);
    const expected = execFileSync(PYTHON!, ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.buffer.read().decode("cp1252").encode("utf-8"))'], { input: written }).toString('utf8');
    const read = readCsvText(new Uint8Array(written));
    expect(read.encoding).toBe('windows-1252');
    expect(read.rows.map((r) => r.join('|'))).toEqual(expected.trim().split('\r\n').map((line) => line.replace(/,"(.*)",/, '|$1|').replace(/^URN,School name,Reason$/, 'URN|School name|Reason')));
    expect(read.rows[1]![1]).toMatch(/^St Mary’s “Good” – .*€.*Ÿ.*ÿ$/);
  });
});
