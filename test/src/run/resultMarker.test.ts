import { describe, expect, it } from 'vitest';
import {
  columnOfReference, columnReference, isMarkerName, markerFromNames, markerName, parseRunFormula, quoteSheet, resultIdOfName, runFormula, RUN_MARKER,
} from '../../../src/run/resultMarker';
import { RESULT_IDS } from '../../../src/run/resultPlacement';

describe('the names of the marker', () => {
  it('are SchoolRisk.<result id>, one per result column, and SchoolRisk.run', () => {
    expect(markerName('category')).toBe('SchoolRisk.category');
    expect(RESULT_IDS.map(markerName)).toHaveLength(RESULT_IDS.length);
    expect(new Set(RESULT_IDS.map(markerName)).size).toBe(RESULT_IDS.length);
    expect(RUN_MARKER).toBe('SchoolRisk.run');
  });

  it('are read back without regard to case, as Excel compares names', () => {
    expect(resultIdOfName('schoolrisk.CATEGORY')).toBe('category');
    expect(resultIdOfName('SchoolRisk.run')).toBeNull();
    expect(resultIdOfName('Category')).toBeNull();
    expect(isMarkerName('SCHOOLRISK.run')).toBe(true);
    expect(isMarkerName('Print_Area')).toBe(false);
  });
});

describe('a result column\'s reference', () => {
  it.each([
    ['=Register!$BQ$1:$BQ$201', 'Register', 68],
    ['Register!$BQ$1:$BQ$201', 'Register', 68],
    ["='My sheet'!$BQ:$BQ", 'My sheet', 68],
    ["='It''s here'!$C$4:$C$9", "It's here", 2],
    ['=register!$A$1', 'Register', 0],
    ['=Register!$XFD$1:$XFD$3', 'Register', 16_383],
  ])('%s on sheet %s is column %i', (formula, sheet, column) => {
    expect(columnOfReference(formula, sheet)).toBe(column);
  });

  it.each([
    ['=#REF!', 'a deleted column'],
    ['=Register!#REF!', 'a deleted column, as the Name Manager shows it'],
    ['=Other!$BQ$1:$BQ$201', 'another sheet'],
    ['=Register!$BQ$1:$BR$201', 'two columns'],
    ['="abc"', 'a constant'],
    ['=Register!$BQ$1:$BQ$201,Register!$BS$1', 'two areas'],
  ])('%s (%s) is not trusted', (formula) => {
    expect(columnOfReference(formula, 'Register')).toBeNull();
  });

  it('is written as the command line writes it in the package, and read back', () => {
    expect(columnReference('Register', 68, 0, 200)).toBe('Register!$BQ$1:$BQ$201');
    expect(columnReference('My sheet', 68, 0, 200)).toBe("'My sheet'!$BQ$1:$BQ$201");
    for (const sheet of ['Register', 'My sheet', "It's", 'A1', 'R1C1', '2026', 'Spring, 2026']) {
      expect(columnOfReference(columnReference(sheet, 5, 2, 9), sheet), sheet).toBe(5);
    }
    expect(quoteSheet('Register')).toBe('Register');
    expect(quoteSheet('AB12')).toBe("'AB12'");
  });
});

describe('the marker from a sheet\'s names', () => {
  it('gives each result\'s sheet column, null where Excel made the reference #REF!, and ignores other names', () => {
    const marker = markerFromNames([
      { name: 'SchoolRisk.category', formula: '=Register!$BQ$1:$BQ$201' },
      { name: 'SchoolRisk.support', formula: '=Register!#REF!' },
      { name: 'SchoolRisk.run', formula: '="x|oldham|2026-11-01"' },
      { name: 'Print_Area', formula: '=Register!$A$1:$Z$9' },
    ], 'Register');
    expect(marker).toEqual({ columns: { category: 68, support: null } });
  });

  it('is null when the sheet has none of our result names', () => {
    expect(markerFromNames([{ name: 'SchoolRisk.run', formula: '="x|y|z"' }, { name: 'Totals', formula: '=Register!$A$1' }], 'Register')).toBeNull();
    expect(markerFromNames([], 'Register')).toBeNull();
  });
});

describe('the run\'s name', () => {
  it('holds the run id, framework and as-of date as a text constant, read back whole', () => {
    const f = runFormula('3f2a-1', 'oldham', '2026-11-01');
    expect(f).toBe('="3f2a-1|oldham|2026-11-01"');
    expect(parseRunFormula(f)).toEqual({ runId: '3f2a-1', frameworkId: 'oldham', asOf: '2026-11-01' });
    expect(parseRunFormula('"3f2a-1|oldham|2026-11-01"')).toEqual({ runId: '3f2a-1', frameworkId: 'oldham', asOf: '2026-11-01' });
    expect(parseRunFormula('=Register!$A$1')).toBeNull();
  });
});
