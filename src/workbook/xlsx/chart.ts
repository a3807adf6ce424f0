/**
 * The SIG summary's charts as package parts: DrawingML charts (ECMA-376 Part 1, 21.2) that read their
 * values from the summary sheet (so they stay true if the sheet is edited), and the spreadsheet drawing
 * that anchors them (20.5). A column chart of schools per category, each bar in its category's colour;
 * a line chart of the count per category over the last runs, each line in its category's colour.
 */
import type { LayoutChart } from '../../run/packSheets';
import { columnLetters } from '../port';
import { escapeXml } from './xml';

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;
const rgb = (hex: string) => hex.replace('#', '').toUpperCase();

type Box = { readonly top: number; readonly left: number; readonly bottom: number; readonly right: number };
const ref = (sheet: string, b: Box) => `${quoteSheet(sheet)}!$${columnLetters(b.left)}$${b.top + 1}:$${columnLetters(b.right)}$${b.bottom + 1}`;
const cellRef = (sheet: string, row: number, col: number) => `${quoteSheet(sheet)}!$${columnLetters(col)}$${row + 1}`;

const AXES = `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>
<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="0" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;

/** A chart part. */
export function chartXml(sheet: string, chart: LayoutChart): string {
  const series = chart.series.map((s, i) => {
    const points = chart.kind === 'column' && chart.pointColours
      ? chart.pointColours.map((c, k) => `<c:dPt><c:idx val="${k}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="${rgb(c)}"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="404040"/></a:solidFill></a:ln></c:spPr></c:dPt>`).join('')
      : '';
    const look = chart.kind === 'line'
      ? `<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="${rgb(s.colour)}"/></a:solidFill></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr><a:solidFill><a:srgbClr val="${rgb(s.colour)}"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="404040"/></a:solidFill></a:ln></c:spPr></c:marker>`
      : `<c:spPr><a:solidFill><a:srgbClr val="${rgb(s.colour)}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`;
    return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>${escapeXml(cellRef(sheet, s.name.row, s.name.col))}</c:f></c:strRef></c:tx>${look}${points}
<c:cat><c:strRef><c:f>${escapeXml(ref(sheet, chart.labels))}</c:f></c:strRef></c:cat>
<c:val><c:numRef><c:f>${escapeXml(ref(sheet, s.values))}</c:f></c:numRef></c:val>${chart.kind === 'line' ? '<c:smooth val="0"/>' : ''}</c:ser>`;
  }).join('\n');
  const plot = chart.kind === 'line'
    ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/><c:axId val="500000001"/><c:axId val="500000002"/></c:lineChart>`
    : `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="60"/><c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>`;
  const legend = chart.series.length > 1 ? '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<c:roundedCorners val="0"/>
<c:chart>
<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeXml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>
<c:autoTitleDeleted val="0"/>
<c:plotArea><c:layout/>
${plot}
${AXES}
</c:plotArea>${legend}
<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>
</c:chart>
</c:chartSpace>`;
}

/** The drawing that anchors each chart (relationship ids `rIdChart1`, `rIdChart2`, ... in order). */
export function drawingXml(charts: readonly LayoutChart[]): string {
  const anchors = charts.map((c, i) => `<xdr:twoCellAnchor editAs="oneCell">
<xdr:from><xdr:col>${c.from.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.from.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>
<xdr:to><xdr:col>${c.to.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.to.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>
<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeXml(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>
<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>
<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdChart${i + 1}"/></a:graphicData></a:graphic>
</xdr:graphicFrame><xdr:clientData/>
</xdr:twoCellAnchor>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">
${anchors}
</xdr:wsDr>`;
}
