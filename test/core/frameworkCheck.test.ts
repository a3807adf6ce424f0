/**
 * The rules a parsed framework must meet beyond its shape (core/frameworkCheck.ts), each with a file the
 * QA pass found accepted and run with wrong results (test/fixtures/frameworkCheck/): loaded as the
 * command line and the pane load a file, and refused with one message naming the place, the value and
 * what was expected.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFrameworkText } from '../../core/frameworkFile';

const FIXTURES = join(__dirname, '..', 'fixtures', 'frameworkCheck');
/** The messages refusing a fixture; `[]` when it loads. */
const issuesOf = (file: string): string[] => {
  const r = loadFrameworkText(readFileSync(join(FIXTURES, file), 'utf8'), { kind: 'file', name: file, sha256: '0' });
  return r.ok ? [] : r.issues.map((i) => i.message);
};

describe('the file the fixtures change loads', () => {
  it('kent.json', () => {
    expect(issuesOf('kent.json')).toEqual([]);
  });
});

describe('a name the author wrote is looked up among the file\'s own names, never Object\'s', () => {
  it.each([
    ['p02-param-constructor.json', 'criteria[2].when.value.param: "constructor" is not a parameter of this framework; expected one of the parameters: attendanceLowPct, greenDays'],
    ['p02b-param-toString.json', 'criteria[2].when.value.param: "toString" is not a parameter of this framework; expected one of the parameters: attendanceLowPct, greenDays'],
  ])('%s', (file, message) => {
    expect(issuesOf(file)).toEqual([message]);
  });
});
