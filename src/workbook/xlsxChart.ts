/**
 * exceljs cannot write charts, so the SIG summary's bar chart is added to the saved .xlsx package
 * directly: a DrawingML chart part, a drawing that anchors it on the sheet, and the relationships and
 * content types that tie them in (ECMA-376 Part 1, §21.2 charts, §20.5 spreadsheet drawing).
 */
import JSZip from 'jszip';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

function chartXml(sheet: string, firstRow: number, lastRow: number, colours: readonly string[]): string {
  const ref = (col: string) => `${quoteSheet(sheet)}!$${col}$${firstRow}:$${col}$${lastRow}`;
  const points = colours
    .map((c, i) => `<c:dPt><c:idx val="${i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="${c.replace('#', '').toUpperCase()}"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="404040"/></a:solidFill></a:ln></c:spPr></c:dPt>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<c:roundedCorners val="0"/>
<c:chart>
<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Schools per category</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>
<c:autoTitleDeleted val="0"/>
<c:plotArea><c:layout/>
<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>
<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>Schools</c:v></c:tx>${points}
<c:cat><c:strRef><c:f>${escapeXml(ref('A'))}</c:f></c:strRef></c:cat>
<c:val><c:numRef><c:f>${escapeXml(ref('B'))}</c:f></c:numRef></c:val>
</c:ser>
<c:gapWidth val="60"/><c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>
<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>
<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="0" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>
</c:plotArea>
<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>
</c:chart>
</c:chartSpace>`;
}

function drawingXml(chartRel: string, fromRow: number): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">
<xdr:twoCellAnchor editAs="oneCell">
<xdr:from><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${fromRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>
<xdr:to><xdr:col>13</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${fromRow + 18}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>
<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Schools per category"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>
<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>
<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${chartRel}"/></a:graphicData></a:graphic>
</xdr:graphicFrame><xdr:clientData/>
</xdr:twoCellAnchor>
</xdr:wsDr>`;
}

const RELS_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">';

function freeName(zip: JSZip, pattern: (n: number) => string): string {
  let n = 1;
  while (zip.file(pattern(n))) n++;
  return pattern(n);
}

/** Adds a column chart of `sheet`!A{first}:B{last} (labels, counts) to the package; returns the new bytes. */
export async function addCountsChart(xlsx: Buffer, sheet: string, rows: { firstRow: number; lastRow: number }, colours: readonly string[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
  const sheetTag = new RegExp(`<sheet [^>]*name="${escapeXml(sheet).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*r:id="([^"]+)"`).exec(workbookXml);
  if (!sheetTag) return xlsx;
  const wbRels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const target = new RegExp(`Id="${sheetTag[1]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${sheetTag[1]}"`).exec(wbRels);
  if (!target) return xlsx;
  const sheetPath = `xl/${(target[1] ?? target[2])!.replace(/^\/?xl\//, '')}`;
  const sheetFile = sheetPath.split('/').pop()!;
  const sheetRelsPath = `xl/worksheets/_rels/${sheetFile}.rels`;

  const chartPath = freeName(zip, (n) => `xl/charts/chart${n}.xml`);
  const drawingPath = freeName(zip, (n) => `xl/drawings/drawing${n}.xml`);
  const drawingFile = drawingPath.split('/').pop()!;
  zip.file(chartPath, chartXml(sheet, rows.firstRow, rows.lastRow, colours));
  zip.file(drawingPath, drawingXml('rId1', 1));
  zip.file(`xl/drawings/_rels/${drawingFile}.rels`, `${RELS_HEAD}<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/${chartPath.split('/').pop()}"/></Relationships>`);

  const existingRels = zip.file(sheetRelsPath) ? await zip.file(sheetRelsPath)!.async('string') : `${RELS_HEAD}</Relationships>`;
  let relId = 'rIdChart1';
  while (existingRels.includes(`Id="${relId}"`)) relId += 'x';
  zip.file(sheetRelsPath, existingRels.replace('</Relationships>', `<Relationship Id="${relId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/${drawingFile}"/></Relationships>`));

  let sheetXml = await zip.file(sheetPath)!.async('string');
  if (!sheetXml.includes('xmlns:r=')) sheetXml = sheetXml.replace('<worksheet ', '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ');
  // <drawing> comes before legacy drawings, table parts and extensions (CT_Worksheet element order).
  const before = ['<legacyDrawing', '<legacyDrawingHF', '<picture', '<oleObjects', '<controls', '<webPublishItems', '<tableParts', '<extLst', '</worksheet>'].map((t) => sheetXml.indexOf(t)).filter((i) => i >= 0);
  const at = Math.min(...before);
  sheetXml = `${sheetXml.slice(0, at)}<drawing r:id="${relId}"/>${sheetXml.slice(at)}`;
  zip.file(sheetPath, sheetXml);

  let types = await zip.file('[Content_Types].xml')!.async('string');
  types = types.replace('</Types>', `<Override PartName="/${chartPath}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/><Override PartName="/${drawingPath}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`);
  zip.file('[Content_Types].xml', types);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
