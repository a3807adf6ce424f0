/**
 * The styles part: a date's form of an analyst's cell format (their font, fill, border, alignment and
 * protection, with the date format), added once and reused by a later run; and the part written back as
 * the analyst's program wrote it, with only our additions. Styles parts as openpyxl and LibreOffice
 * write them (LibreOffice's cell formats are `<xf ...></xf>`, which a DOM serialiser would rewrite).
 */
import { describe, expect, it } from 'vitest';
import { DATE_FORMAT } from '../../../../src/workbook/cell';
import { StyleBook } from '../../../../src/workbook/xlsx/styles';
import { withoutAdditions } from '../../../support/stylesPart';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** As openpyxl writes it: no declaration, a date format of its own (164), xf 2 a highlight (italic red, yellow fill) in General. */
const OPENPYXL = `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd h:mm:ss"/></numFmts><fonts count="2"><font><name val="Calibri"/><family val="2"/><color theme="1"/><sz val="11"/><scheme val="minor"/></font><font><i val="1"/><color rgb="00FF0000"/></font></fonts><fills count="3"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="00FFFF00"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

/** As LibreOffice writes it (converting a CSV): no numFmts of dates, xf 1 text ("@"), empty elements written open and closed. */
const LIBREOFFICE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="General"/><numFmt numFmtId="165" formatCode="@"/></numFmts><fonts count="1"><font><sz val="10"/><name val="Arial"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border diagonalUp="false" diagonalDown="false"><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="2"><xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyFont="true" applyBorder="true" applyAlignment="true" applyProtection="true"><alignment horizontal="general" vertical="bottom" textRotation="0" wrapText="false" indent="0" shrinkToFit="false"/><protection locked="true" hidden="false"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" applyFont="true" applyBorder="false" applyAlignment="false" applyProtection="false"></xf></cellStyleXfs><cellXfs count="2"><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyFont="false" applyBorder="false" applyAlignment="false" applyProtection="false"><alignment horizontal="general" vertical="bottom" textRotation="0" wrapText="false" indent="0" shrinkToFit="false"/><protection locked="true" hidden="false"/></xf><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyFont="true" applyBorder="false" applyAlignment="false" applyProtection="false"><alignment horizontal="general" vertical="bottom" textRotation="0" wrapText="false" indent="0" shrinkToFit="false"/><protection locked="true" hidden="false"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** A part with no numFmts at all, the cellXfs written with a prefix, and a comment. */
const PREFIXED = `<x:styleSheet xmlns:x="${MAIN}"><!-- kept --><x:fonts count="1"><x:font><x:sz val="11"/></x:font></x:fonts><x:fills count="1"><x:fill><x:patternFill patternType="none"></x:patternFill></x:fill></x:fills><x:borders count="1"><x:border/></x:borders><x:cellXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"></x:xf></x:cellXfs></x:styleSheet>`;

describe('a date written into a cell whose format shows no date', () => {
  it.each([
    ['openpyxl', OPENPYXL, 2, '<xf numFmtId="165" fontId="1" fillId="2" borderId="0" pivotButton="0" quotePrefix="0" xfId="0" applyNumberFormat="1"/>'],
    ['LibreOffice', LIBREOFFICE, 1, '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyFont="true" applyBorder="false" applyAlignment="false" applyProtection="false" applyNumberFormat="1"><alignment horizontal="general" vertical="bottom" textRotation="0" wrapText="false" indent="0" shrinkToFit="false"/><protection locked="true" hidden="false"/></xf>'],
  ])('gets the cell\'s own format with dd/mm/yyyy (%s): one cell format and one number format added, nothing else changed', (_producer, source, xf, expected) => {
    const book = new StyleBook(source);
    const form = book.dateFormOf(xf)!;
    expect(book.dateFormOf(xf)).toBe(form);
    const out = book.toXml();
    const added: Record<string, string[]> = {};
    expect(withoutAdditions(out, source, added)).toBe(source);
    const id = /numFmtId="(\d+)"/.exec(expected)![1];
    expect(added).toEqual({ numFmts: [`<numFmt numFmtId="${id}" formatCode="${DATE_FORMAT}"/>`], cellXfs: [expected] });
    expect(form).toBe(Number(/<cellXfs count="(\d+)"/.exec(source)![1]));
    expect(new StyleBook(out).dateStyles().has(form)).toBe(true);
  });

  it('a cell format that already shows a date is kept: nothing is added', () => {
    const book = new StyleBook(OPENPYXL);
    expect(book.dateFormOf(1)).toBe(1);
    expect(book.toXml()).toBe(OPENPYXL);
  });

  it('is reused by a later run on the copy (no second cell format), and shared by every cell of that format', () => {
    const first = new StyleBook(OPENPYXL);
    const form = first.dateFormOf(2)!;
    const copy = first.toXml();
    const again = new StyleBook(copy);
    expect(again.dateFormOf(2)).toBe(form);
    expect(again.dateFormOf(form)).toBe(form);
    expect(again.toXml()).toBe(copy);
  });

  it('a cell format the part does not have (a damaged file) gets none', () => {
    const book = new StyleBook(OPENPYXL);
    expect(book.dateFormOf(7)).toBeNull();
    expect(book.toXml()).toBe(OPENPYXL);
  });
});

describe('the styles part written back', () => {
  it.each([['openpyxl', OPENPYXL], ['LibreOffice', LIBREOFFICE], ['prefixed, with a comment', PREFIXED]])('is the analyst\'s part byte for byte when nothing was added (%s)', (_producer, source) => {
    const book = new StyleBook(source);
    book.dateStyles();
    expect(book.toXml()).toBe(source);
  });

  it('with our formats added: the analyst\'s part byte for byte around them, a collection it lacked in its place, in its prefix', () => {
    const book = new StyleBook(PREFIXED);
    const bold = book.cellFormat({ bold: true, fill: '#FFC7CE', numberFormat: DATE_FORMAT });
    const form = book.dateFormOf(0)!;
    const out = book.toXml();
    const added: Record<string, string[]> = {};
    expect(withoutAdditions(out, PREFIXED, added)).toBe(PREFIXED);
    expect(out).toMatch(/^<x:styleSheet xmlns:x="[^"]+"><!-- kept --><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="dd\/mm\/yyyy"\/><\/x:numFmts><x:fonts count="2">/);
    expect(added.cellXfs).toEqual([
      '<x:xf numFmtId="164" fontId="1" fillId="1" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>',
      '<x:xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>',
    ]);
    expect([bold, form]).toEqual([1, 2]);
  });
});
