import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS } from '../../core/frameworks';
import { jsonProblemLine, parseJsonText } from '../../core/jsonText';

const ROOT = join(__dirname, '..', '..');
/** The one line each problem of a text gives, as the analyst reads it; `[]` when it reads. */
const problems = (text: string, file = 'mine.json'): string[] => {
  const r = parseJsonText(text);
  return r.ok ? [] : r.problems.map((p) => jsonProblemLine(file, p));
};

// A framework's parameters as an analyst edits them: the second attendanceLowPct pasted in after the first.
const DUPLICATE_PARAMETER = `{
  "id": "kent",
  "parameters": {
    "attendanceLowPct": {
      "default": 90,
      "min": 50,
      "max": 100
    },
    "attendanceLowPct": { "default": 95, "min": 50, "max": 100 },
    "greenDays": { "default": 1 }
  }
}
`;

describe('a JSON text reads as JSON.parse reads it', () => {
  it.each([...FRAMEWORKS.map((f) => `core/frameworks/${f.id}.json`), 'examples/frameworks/northmoor.json'])('%s', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    expect(parseJsonText(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it('every kind of value, escapes, a byte-order mark, and "__proto__" as an own key', () => {
    const text = '\uFEFF { "a": [1, -0.5, 2e3, 1E-2, true, false, null, "x\\"\\\\\\/\\b\\f\\n\\r\\t\\u00a7"], "__proto__": {"b": {}}, "": [] } ';
    const read = parseJsonText(text);
    expect(read).toEqual({ ok: true, value: JSON.parse(text.slice(1)) });
    expect(read.ok && Object.keys(read.value as object)).toEqual(['a', '__proto__', '']);
    expect(read.ok && Object.getPrototypeOf(read.value)).toBe(Object.prototype);
  });
});

describe('a key given twice in one object is refused, naming the key, the object and both lines (JSON.parse keeps the last)', () => {
  it('a pasted copy of a parameter', () => {
    expect(problems(DUPLICATE_PARAMETER, 'm09c-dup-param-key.json')).toEqual([
      'm09c-dup-param-key.json, line 9, column 5: the key "attendanceLowPct" appears twice in "parameters" (lines 4 and 9); JSON keeps only the last, so the first is lost: remove or rename one',
    ]);
  });

  it('a parameters file on one line, three times, and deep in a list', () => {
    expect(problems('{"targetedMaxDays": 4, "targetedMaxDays": 5}', 'pa-dup.json')).toEqual([
      'pa-dup.json, line 1, column 24: the key "targetedMaxDays" appears twice at the top level (line 1, columns 2 and 24); JSON keeps only the last, so the first is lost: remove or rename one',
    ]);
    expect(problems('{"criteria": [{"when": {"fact": "a",\n"op": "eq",\n"fact": "b",\n"fact": "c"}}]}')).toEqual([
      'mine.json, line 3, column 1: the key "fact" appears 3 times in "criteria[0].when" (lines 1, 3 and 4); JSON keeps only the last, so all but the last are lost: remove or rename all but one',
    ]);
  });

  it('keys that are the same once their escapes are read', () => {
    expect(problems('{"a": 1, "\\u0061": 2}')).toHaveLength(1);
    expect(problems('{"a": {"x": 1}, "b": {"x": 1}}')).toEqual([]);
  });
});

describe('text that is not JSON: one line with the file, line, column, the text around it and what to do', () => {
  it.each([
    ['a trailing comma', '{\n  "selection": {\n    "kind": "firstMatch",\n    "default": "green"\n  },\n}\n',
      'mine.json, line 5, column 4: not JSON: a comma after the last entry, before the "}" on line 6, which JSON does not allow: remove the comma; near `...h", "default": "green" }, }`'],
    ['a trailing comma in a list', '{"of": [1, 2, ]}', 'mine.json, line 1, column 13: not JSON: a comma after the last item, before the "]" on line 1, which JSON does not allow: remove the comma; near `{"of": [1, 2, ]}`'],
    ['a comment', '{\n  "docs": "README.md",\n  // Kent parameters\n  "parameters": {}\n}',
      'mine.json, line 3, column 3: not JSON: a comment, which JSON does not allow: remove it (a parameter or criterion can say why in its "description" or citation); near `{ "docs": "README.md", // Kent parameters "paramete...`'],
    ['single quotes', "{\n  'version': '0.1.0'\n}", 'mine.json, line 2, column 3: not JSON: text in single quotes: JSON writes text and names in double quotes, "like this"; near `{ \'version\': \'0.1.0\' }`'],
    ['NaN', '{\n  "default": NaN,\n  "min": 50\n}', 'mine.json, line 2, column 14: not JSON: NaN, which is not a number JSON can hold: write a number, or leave the field out; near `{ "default": NaN, "min": 50 }`'],
    ['a name without quotes', '{ default: 90 }', 'mine.json, line 1, column 3: not JSON: the name default without double quotes: JSON writes names in double quotes, "default"; near `{ default: 90 }`'],
    ['True', '{"critical": True}', 'mine.json, line 1, column 14: not JSON: True: JSON writes true in lower case; near `{"critical": True}`'],
    ['a percentage', '{"default": 90%}', 'mine.json, line 1, column 15: not JSON: a "%" after a number: write the number alone, 90 for 90%; near `{"default": 90%}`'],
    ['a missing comma', '{"a": 1\n "b": 2}', 'mine.json, line 2, column 2: not JSON: a comma missing after the value of "a" (expected "," or "}"; found a name); near `{"a": 1 "b": 2}`'],
    ['an unclosed object', '{\n  "a": {\n    "b": 1\n}', 'mine.json, line 4, column 2: not JSON: the file ends before the "{" of line 1 is closed; near `{ "a": { "b": 1 }`'],
    ['a Windows path', '{"file": "C:\\policy.pdf"}', 'mine.json, line 1, column 13: not JSON: a backslash before "p", which is no escape JSON knows: write \\\\ for a backslash (C:\\\\folder), or use /; near `{"file": "C:\\policy.pdf"}`'],
    ['a leading zero', '{"a": 07}', 'mine.json, line 1, column 7: not JSON: "07" is not a number as JSON writes one (no leading zeros: 7, not 07); near `{"a": 07}`'],
    ['an empty file', '  \n', 'mine.json, line 2, column 1: not JSON: the file is empty; expected a JSON object, { ... }'],
  ])('%s', (_what, text, line) => {
    expect(problems(text)).toEqual([line]);
  });

  it('names the place in a long file by line, not by character position', () => {
    const long = `{\n${Array.from({ length: 200 }, (_, i) => `  "p${i}": ${i},`).join('\n')}\n}`;
    expect(problems(long)[0]).toMatch(/^mine\.json, line 201, column 14: not JSON: a comma after the last entry, before the "}" on line 202/);
    expect(problems(long)[0]).not.toContain('\n');
  });
});

describe('a number too large to hold is refused (JSON.parse makes it Infinity, which is written as null)', () => {
  it('1e400', () => {
    expect(problems('{"targetedMaxDays": 1e400}', 'pa-huge.json')).toEqual(['pa-huge.json, line 1, column 21: the number 1e400 is too large to hold (a number can be at most about 1.8e308); near `{"targetedMaxDays": 1e400}`']);
    expect(problems('{"a": 1e308, "b": -1e-400}')).toEqual([]);
  });
});

describe('nesting deeper than any framework needs is refused, not a stack overflow', () => {
  it('100 levels read; 101 are one problem at the 101st, and 100000 the same', () => {
    const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(parseJsonText(nested(100)).ok).toBe(true);
    expect(problems(nested(101))).toEqual([expect.stringMatching(/^mine\.json, line 1, column 101: not JSON: objects and lists nested more than 100 deep/)]);
    expect(problems(nested(100_000))).toHaveLength(1);
  });
});
