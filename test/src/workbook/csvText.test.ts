import { describe, expect, it } from 'vitest';
import { readCsvText } from '../../../src/workbook/csvText';
import { encodeWindows1252, WINDOWS_1252_HIGH_TEXT } from '../../support/windows1252Bytes';

const NAME = 'Sainte-Thérèse C of E School £';
const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (bom: number[], body: Uint8Array) => Uint8Array.from([...bom, ...body]);
function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[i * 2 + (bigEndian ? 1 : 0)] = code & 0xff;
    out[i * 2 + (bigEndian ? 0 : 1)] = code >> 8;
  }
  return out;
}
/** Windows-1252 bytes of text that uses only Latin-1 letters (é, è, £), where it is the same as Latin-1. */
const windows1252 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe('encodings', () => {
  const csv = `URN,School name\r\n100001,${NAME}\r\n`;

  it.each<[string, Uint8Array, string]>([
    ['UTF-8 without a byte-order mark', utf8(csv), 'utf-8'],
    ['UTF-8 with a byte-order mark', withBom([0xef, 0xbb, 0xbf], utf8(csv)), 'utf-8'],
    ['UTF-16 little-endian with its mark (Excel\'s "Unicode text")', withBom([0xff, 0xfe], utf16(csv, false)), 'utf-16le'],
    ['UTF-16 big-endian with its mark', withBom([0xfe, 0xff], utf16(csv, true)), 'utf-16be'],
  ])('%s: read as written, without a warning', (_what, bytes, encoding) => {
    const read = readCsvText(bytes);
    expect(read.encoding).toBe(encoding);
    expect(read.rows).toEqual([['URN', 'School name'], ['100001', NAME]]);
    expect(read.warnings).toEqual([]);
  });

  it('bytes that are not UTF-8 are Windows-1252, said in a warning', () => {
    const read = readCsvText(windows1252(csv));
    expect(read.encoding).toBe('windows-1252');
    expect(read.rows[1]).toEqual(['100001', NAME]);
    expect(read.warnings).toEqual([expect.stringMatching(/^The file is not UTF-8: it was read as Windows-1252/)]);
    // Never the replacement character the UTF-8 reading gave.
    expect(read.rows.flat().join('')).not.toContain('\uFFFD');
  });

  it('Windows-1252\'s own characters in 0x80-0x9F (’ “ ” – € and the other 22) read as written, never as C1 controls', () => {
    const name = `St Mary’s “Good” – School ${WINDOWS_1252_HIGH_TEXT}`;
    const read = readCsvText(encodeWindows1252(`URN,School name\r\n100001,${name}\r\n`));
    expect(read.encoding).toBe('windows-1252');
    expect(read.rows[1]).toEqual(['100001', name]);
    expect(read.rows.flat().join('')).not.toMatch(/[\u0080-\u009f]/);
    expect(read.warnings).toHaveLength(1);
  });

  it('a byte Windows-1252 leaves undefined: kept as its C1 control, and a second warning names its row, column and byte', () => {
    const bytes = Uint8Array.from([...encodeWindows1252('URN,School name,Phase\r\n100001,Caf\u00e9 '), 0x81, ...encodeWindows1252(',Primary\r\n100002,Hill,Primary'), 0x9d, ...encodeWindows1252('\r\n')]);
    const read = readCsvText(bytes);
    expect(read.rows[1]).toEqual(['100001', 'Caf\u00e9 \u0081', 'Primary']);
    expect(read.warnings[1]).toBe('Row 2, column B ("School name") has the byte 0x81, which Windows-1252 does not define: it was kept as the control character U+0081, as Windows and web browsers read it; expected a character of Windows-1252. 1 other cell has such a byte. The file may be in another encoding: save it as "CSV UTF-8".');
  });

  it('an empty file has no rows', () => {
    expect(readCsvText(new Uint8Array(0))).toMatchObject({ rows: [], warnings: [] });
  });
});

describe('delimiters', () => {
  it.each<[string, string, string]>([
    ['comma', ',', 'URN,School name,Attendance %\r\n100001,"Hill, Lane School",95.1\r\n'],
    ['semicolon (Excel in a European locale)', ';', 'URN;School name;Attendance %\r\n100001;Hill, Lane School;95.1\r\n'],
    ['tab (Excel\'s "Unicode text")', '\t', 'URN\tSchool name\tAttendance %\r\n100001\tHill, Lane School\t95.1\r\n'],
  ])('%s', (_what, delimiter, text) => {
    const read = readCsvText(utf8(text));
    expect(read.delimiter).toBe(delimiter);
    expect(read.rows).toEqual([['URN', 'School name', 'Attendance %'], ['100001', 'Hill, Lane School', '95.1']]);
  });

  it('a semicolon file with a quoted semicolon in a name', () => {
    expect(readCsvText(utf8('URN;School name;Phase\r\n100001;"Hill; Lane";Primary\r\n')).rows[1]).toEqual(['100001', 'Hill; Lane', 'Primary']);
  });
});

describe('decimal commas in semicolon files', () => {
  it('"95,1" is 95.1, "1.234,5" is 1234.5, "-0,45" is -0.45, "12,5%" is 12.5%; other cells are kept as they are', () => {
    const read = readCsvText(utf8('URN;Attendance %;Suspension rate;Progress 8;Persistent absence %;School name;Inspection date\r\n100001;95,1;1.234,5;-0,45;12,5%;Hill, Lane;01.03.2024\r\n'));
    expect(read.rows[1]).toEqual(['100001', '95.1', '1234.5', '-0.45', '12.5%', 'Hill, Lane', '01.03.2024']);
  });

  it('a tab file whose numbers all have decimal commas reads them too; one with decimal points keeps "1,234" as written', () => {
    expect(readCsvText(utf8('URN\tAttendance %\tSuspension rate\r\n100001\t95,1\t1,234\r\n')).rows[1]).toEqual(['100001', '95.1', '1.234']);
    expect(readCsvText(utf8('URN\tAttendance %\tSuspension rate\r\n100001\t95.1\t1,234\r\n')).rows[1]).toEqual(['100001', '95.1', '1,234']);
  });

  it('a comma file keeps "95,1" as written (a quoted cell: the reader refuses it rather than read 951)', () => {
    expect(readCsvText(utf8('URN,Attendance %\r\n100001,"95,1"\r\n')).rows[1]).toEqual(['100001', '95,1']);
  });
});

describe('a semicolon file whose numbers have decimal commas', () => {
  it('is split on its semicolons, not on the commas in its numbers', () => {
    const read = readCsvText(utf8('URN;School name;Attendance %;Persistent absence %\r\n100001;Hill;95,1;12,5\r\n100002;Vale;91,2;24,1\r\n'));
    expect(read.delimiter).toBe(';');
    expect(read.rows).toEqual([['URN', 'School name', 'Attendance %', 'Persistent absence %'], ['100001', 'Hill', '95.1', '12.5'], ['100002', 'Vale', '91.2', '24.1']]);
  });
});
