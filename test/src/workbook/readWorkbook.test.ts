/**
 * Reading a register workbook as analysts have them: every cell type a producer may write, formulas
 * without their values, 1904 dates, prefixed XML, and files that are not what they say (empty, not a
 * zip, .xls, .ods, a zip bomb, past Excel's limits), each refused with one line of ours.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { configure, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileReadError, readSheetGrid } from '../../../src/workbook/readFile';

configure({ useWebWorkers: false });
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'schoolrisk-read-'));
});

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal package around one sheet's XML (and shared strings, workbookPr when given). */
async function xlsx(name: string, sheet: string, opts: { strings?: string[]; workbookPr?: string; prefix?: string; styles?: string } = {}): Promise<string> {
  const p = opts.prefix ? `${opts.prefix}:` : '';
  const ns = opts.prefix ? `xmlns:${opts.prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  const parts: [string, string][] = [
    ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>'],
    ['_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0"?><${p}workbook ${ns} xmlns:r="${R}">${opts.workbookPr ?? ''}<${p}sheets><${p}sheet name="Register" sheetId="1" r:id="rId1"/></${p}sheets></${p}workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/>${opts.strings ? `<Relationship Id="rId2" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>` : ''}${opts.styles ? `<Relationship Id="rId3" Type="${R}/styles" Target="styles.xml"/>` : ''}</Relationships>`],
    ['xl/worksheets/sheet1.xml', `<?xml version="1.0"?><${p}worksheet ${ns}><${p}sheetData>${sheet}</${p}sheetData></${p}worksheet>`],
  ];
  if (opts.styles) parts.push(['xl/styles.xml', `<?xml version="1.0"?><styleSheet xmlns="${MAIN}">${opts.styles}</styleSheet>`]);
  if (opts.strings) parts.push(['xl/sharedStrings.xml', `<?xml version="1.0"?><sst xmlns="${MAIN}">${opts.strings.map((s) => `<si>${s}</si>`).join('')}</sst>`]);
  const zip = new ZipWriter(new Uint8ArrayWriter());
  for (const [n, t] of parts) await zip.add(n, new Blob([t]).stream());
  const path = join(dir, name);
  writeFileSync(path, await zip.close());
  return path;
}

/** A zip of deflated entries whose headers declare `declared` bytes unpacked (true or not). */
function lyingZip(file: string, entries: readonly { name: string; content: Buffer; declared?: number }[]): string {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, content, declared = content.length } of entries) {
    const data = deflateRawSync(content);
    const fileName = Buffer.from(name);
    const crc = crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(declared, 22); local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(declared, 24); central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  const path = join(dir, file);
  writeFileSync(path, Buffer.concat([...locals, cd, end]));
  return path;
}

const TYPES = { name: '[Content_Types].xml', content: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') };

describe('cells as each producer writes them, read as Office.js gives them', () => {
  it('shared, inline and formula strings; booleans; errors; ISO dates; numbers; escapes; rich text without its phonetic runs', async () => {
    const path = await xlsx('types.xlsx', [
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Name &amp; co</t></is></c><c r="C1" t="s"><v>1</v></c></row>',
      '<row r="2"><c r="A2"><v>100001</v></c><c r="B2" t="str"><f>A2&amp;""</f><v>100001</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#N/A</v></c><c r="E2" t="d"><v>2024-03-01T00:00:00Z</v></c><c r="F2" t="inlineStr"><is><t>line_x000D_break</t></is></c></row>',
    ].join(''), { strings: ['<t>URN</t>', '<r><t>Sch</t></r><r><t>ool</t></r><rPh><t>ガッコウ</t></rPh>'] });
    const grid = await readSheetGrid(path);
    expect(grid.values).toEqual([
      ['URN', 'Name & co', 'School', '', '', ''],
      [100001, '100001', true, '#N/A', 45352, 'line\rbreak'],
    ]);
  });

  it('a formula saved without its value is passed on as what it is, never as a blank; a formula giving "" is a taken cell', async () => {
    const path = await xlsx('formulas.xlsx', '<row r="1"><c r="A1" t="inlineStr"><is><t>URN</t></is></c></row><row r="2"><c r="A2"><f>100000+1</f></c><c r="B2" t="str"><f>""</f><v></v></c></row>');
    const grid = await readSheetGrid(path);
    expect(grid.values[1]![0]).toEqual({ formula: '100000+1' });
    expect(grid.values[1]![1]).toBe('');
    expect(grid.occupied!(1, 1)).toBe(true);
    expect(grid.occupied!(1, 2)).toBe(false);
  });

  it('rows and cells without references, and a prefixed namespace (x:c), as some producers write them', async () => {
    const path = await xlsx('prefixed.xlsx', '<x:row><x:c t="inlineStr"><x:is><x:t>URN</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Name</x:t></x:is></x:c></x:row><x:row><x:c><x:v>100001</x:v></x:c></x:row>', { prefix: 'x' });
    expect((await readSheetGrid(path)).values).toEqual([['URN', 'Name'], [100001, '']]);
  });

  it('a 1904-system workbook (old Mac Excel): dates come out as 1900-system serials, as the core reads them', async () => {
    // Format 1 shows a date (built-in 14), format 2 a custom dd/mm/yyyy, format 0 a plain number.
    const styles = '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs>';
    const path = await xlsx('mac.xlsx', '<row r="1"><c r="A1" s="1"><v>43890</v></c><c r="B1" s="2"><v>43890</v></c><c r="C1" s="0"><v>43890</v></c></row>', { workbookPr: '<workbookPr date1904="1"/>', styles });
    // 43,890 days after 1 January 1904 is 2024-03-01, which the 1900 system numbers 45,352.
    expect((await readSheetGrid(path)).values).toEqual([[45352, 45352, 43890]]);
  });
});

describe('files that are not what they say get one line of ours', () => {
  const refused = async (path: string, message: RegExp) => {
    const e = await readSheetGrid(path).then(() => null, (x: Error) => x);
    expect(e).toBeInstanceOf(FileReadError);
    expect(e!.message).toMatch(message);
    expect(e!.message).not.toMatch(/\n|jszip|zip\.js|at [A-Za-z]+ \(|github\.com/);
  };

  it('an empty file', async () => {
    const p = join(dir, 'empty.xlsx');
    writeFileSync(p, '');
    await refused(p, /^Cannot read ".*empty\.xlsx": it is empty \(0 bytes\)\. Was it saved completely\?$/);
  });

  it('an Excel 97-2003 (.xls) or password-protected workbook saved under .xlsx', async () => {
    const p = join(dir, 'old.xlsx');
    writeFileSync(p, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    await refused(p, /it is an Excel 97-2003 workbook \(\.xls\) or a password-protected workbook\. Open it in Excel and save it as Excel Workbook \(\.xlsx\)/);
  });

  it.each([['.xls'], ['.ods']])('a %s file', async (ext) => {
    const p = join(dir, `register${ext}`);
    writeFileSync(p, 'x');
    await refused(p, /save it as Excel Workbook \(\.xlsx\), then run again on that file\.$/);
  });

  it('an OpenDocument spreadsheet renamed .xlsx', async () => {
    const zip = new ZipWriter(new Uint8ArrayWriter());
    await zip.add('mimetype', new Blob(['application/vnd.oasis.opendocument.spreadsheet']).stream());
    const p = join(dir, 'ods.xlsx');
    writeFileSync(p, await zip.close());
    await refused(p, /it is an OpenDocument spreadsheet \(\.ods\), not an Excel workbook/);
  });

  it('a zip that is not a workbook, and a damaged zip', async () => {
    const zip = new ZipWriter(new Uint8ArrayWriter());
    await zip.add('readme.txt', new Blob(['hello']).stream());
    const p = join(dir, 'plain.xlsx');
    writeFileSync(p, await zip.close());
    await refused(p, /it is a zip file but not an Excel workbook/);
    const cut = join(dir, 'cut.xlsx');
    writeFileSync(cut, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)]));
    await refused(cut, /it is damaged/);
  });

  it('a small file that declares gigabytes unpacked is refused before anything is inflated', async () => {
    const p = lyingZip('bomb.xlsx', [TYPES, { name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(1000), declared: 3_900_000_000 }]);
    const before = process.memoryUsage().rss;
    await refused(p, /it unpacks to 3,719 MB, more than the 2,048 MB a register of every school in England needs; it was not read\. If it really is a register, raise the limit with --max-unpacked-mb\./);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('a part that inflates to more than its zip directory says is stopped there', async () => {
    // The package relationships declare 100 bytes but inflate to 20 MB of spaces.
    const p = lyingZip('liar.xlsx', [TYPES, { name: '_rels/.rels', content: Buffer.alloc(20 * 1024 * 1024, 0x20), declared: 100 }]);
    // zip.js's own size check or ours, whichever comes first: one line, and the part is not read on.
    await refused(p, /^Cannot read ".*liar\.xlsx": its part _rels\/\.rels (unpacks to more than its zip directory says \(100 bytes\); the file is damaged or crafted, and was not read further|is damaged \(Invalid uncompressed size\))\.$/);
  });

  it('past Excel\'s last column or row, or a grid larger than the limit', async () => {
    await refused(await xlsx('wide.xlsx', '<row r="1"><c r="XFE1"><v>1</v></c></row>'), /sheet "Register" has a cell \(XFE1\) past Excel's last column \(XFD, the 16,384th\)/);
    await refused(await xlsx('tall.xlsx', '<row r="1048577"><c r="A1048577"><v>1</v></c></row>'), /has a row 1,048,577, past Excel's last row \(1,048,576\)/);
    const far = await xlsx('far.xlsx', '<row r="1"><c r="A1"><v>1</v></c></row><row r="2000"><c r="XFD2000"><v>1</v></c></row>');
    await refused(far, /sheet "Register" reaches row 2,000 and column 16384, a grid of more than 10,000,000 cells .*raise the limit with --max-cells\.$/);
    // The whole of Excel's width is read when the grid is within the limit.
    const row = Array.from({ length: 16_384 }, (_, i) => `<c r="${colName(i)}1"><v>${i}</v></c>`).join('');
    expect((await readSheetGrid(await xlsx('all-columns.xlsx', `<row r="1">${row}</row>`))).values[0]).toHaveLength(16_384);
  });
});

function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
