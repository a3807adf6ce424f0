/**
 * A workbook package made from a CSV register, so that a CSV categorised to .xlsx goes through the same
 * copy as a workbook does: one sheet holding the cells as they were read (as text, as the CSV had them).
 */
import { configure, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { gridText, type GridValue } from '../cell';
import { relsXml, sheetXml } from './ourSheets';
import { escapeXml, NS, REL } from './xml';

configure({ useWebWorkers: false });

/** The bytes of a one-sheet .xlsx holding `values`. */
export async function workbookFromGrid(sheet: string, values: readonly (readonly GridValue[])[]): Promise<Uint8Array> {
  const parts: [string, string][] = [
    ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`],
    ['_rels/.rels', relsXml([{ id: 'rId1', type: REL.officeDocument, target: 'xl/workbook.xml' }])],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${NS.main}" xmlns:r="${NS.r}"><bookViews><workbookView/></bookViews><sheets><sheet name="${escapeXml(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', relsXml([{ id: 'rId1', type: REL.worksheet, target: 'worksheets/sheet1.xml' }])],
    ['xl/worksheets/sheet1.xml', sheetXml({ rows: values.map((r) => r.map((v) => ({ value: gridText(v), style: 0 }))), widths: [] })],
  ];
  const bytes = new Uint8ArrayWriter();
  const zip = new ZipWriter(bytes);
  for (const [name, text] of parts) await zip.add(name, new Blob([text]).stream());
  await zip.close();
  return bytes.getData();
}
