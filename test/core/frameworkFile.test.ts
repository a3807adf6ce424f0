import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { FrameworkDefinitionError } from '../../core/framework';
import { BUILT_IN_FILES, FRAMEWORKS } from '../../core/frameworks';
import { didYouMean } from '../../core/frameworkCheck';
import { loadBuiltIn, loadFramework, loadFrameworkText } from '../../core/frameworkFile';
import { formatJson } from '../../core/jsonText';
import { frameworkJsonSchema, SCHEMA_PATH } from '../../scripts/generate-framework-schema';

const ROOT = join(__dirname, '..', '..');
const builtIn = (id: string) => JSON.parse(readFileSync(join(ROOT, 'core', 'frameworks', `${id}.json`), 'utf8')) as Record<string, unknown> & { criteria: Record<string, unknown>[]; categories: Record<string, unknown>[]; parameters: Record<string, Record<string, unknown>> };
const FILE = { kind: 'file', name: 'test.json', sha256: '0' } as const;
/** The messages for a file changed by `edit`. */
const issuesOf = (id: string, edit: (fw: ReturnType<typeof builtIn>) => void): string[] => {
  const fw = builtIn(id);
  edit(fw);
  const r = loadFramework(fw, FILE);
  return r.ok ? [] : r.issues.map((i) => i.message);
};

describe('the built-ins are data files', () => {
  it('are the five JSON files, each loaded through the one loader', () => {
    expect(FRAMEWORKS.map((f) => f.id)).toEqual(['oxfordshire', 'oldham', 'herefordshire', 'wokingham', 'southwark']);
    for (const id of FRAMEWORKS.map((f) => f.id)) expect(loadFramework(builtIn(id), { kind: 'built-in' }).ok).toBe(true);
  });

  it('are embedded as they are on disk (what the bundles carry is what the files say)', () => {
    expect(BUILT_IN_FILES.map((f) => formatJson(f))).toEqual(FRAMEWORKS.map((f) => readFileSync(join(ROOT, 'core', 'frameworks', `${f.id}.json`), 'utf8')));
  });

  it('are each valid under the shipped JSON Schema, which an editor checks a file against', () => {
    const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
    for (const f of FRAMEWORKS) expect(validate(builtIn(f.id)), JSON.stringify(validate.errors)).toBe(true);
    const bad = builtIn('oldham');
    bad.criteria[0]!.when = { fact: 'atendanceConcern', op: 'isTrue' };
    expect(validate(bad)).toBe(false);
  });

  it('ship the JSON Schema generated from the zod schema (run npx tsx scripts/generate-framework-schema.ts)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(frameworkJsonSchema());
  });

  it('throw at load, naming every problem, when one is malformed (a programming error, not bad data)', () => {
    const broken = builtIn('oldham');
    broken.selection = { kind: 'firstMatch', default: 'gren' };
    expect(() => loadBuiltIn(broken)).toThrow(FrameworkDefinitionError);
    expect(() => loadBuiltIn(broken)).toThrow(/selection\.default: "gren" is not a category of this framework; did you mean "green"\?/);
  });
});

describe('a malformed file is refused with the place, the value, what was expected and the nearest name', () => {
  it.each([
    ['a misspelt fact', 'herefordshire', (fw: ReturnType<typeof builtIn>) => {
      fw.criteria[3]!.when = { all: [{ fact: 'phase', op: 'in', value: ['primary'] }, { fact: 'atendanceConcern', op: 'isTrue' }] };
    }, 'criteria[3].when.all[1].fact: "atendanceConcern" is not a fact; did you mean "attendanceConcern"?'],
    ['a misspelt field of a citation', 'oldham', (fw: ReturnType<typeof builtIn>) => {
      fw.criteria[0]!.citation = { section: 'Intervention', quot: 'words' };
    }, 'criteria[0].citation.quot: "quot" is not a field here; did you mean "quote"?'],
    ['a misspelt criterion', 'herefordshire', (fw: ReturnType<typeof builtIn>) => {
      fw.criteria[4]!.when = { any: [{ criterion: 'new-haed' }] };
    }, 'criteria[4].when.any[0].criterion: "new-haed" is not a criterion of this framework; did you mean "new-head"?'],
    ['a misspelt category', 'southwark', (fw: ReturnType<typeof builtIn>) => {
      fw.criteria[0]!.indicates = 'a';
    }, 'criteria[0].indicates: "a" is not a category of this framework; did you mean "A"?'],
    ['a misspelt parameter', 'herefordshire', (fw: ReturnType<typeof builtIn>) => {
      fw.criteria[6]!.when = { fact: 'attendancePct', op: 'lt', value: { param: 'lowAttendancePrimaryPc' } };
    }, 'criteria[6].when.value.param: "lowAttendancePrimaryPc" is not a parameter of this framework; did you mean "lowAttendancePrimaryPct"?'],
    ['a value the field does not take', 'herefordshire', (fw: ReturnType<typeof builtIn>) => {
      fw.criteria[6]!.when = { fact: 'phase', op: 'eq', value: 'primry' };
    }, 'criteria[6].when.value: "primry" is not a value of phase; did you mean "primary"?'],
    ['a misspelt operator', 'oldham', (fw: ReturnType<typeof builtIn>) => {
      fw.criteria[0]!.when = { fact: 'laJudgement', op: 'eqq', value: 'good' };
    }, 'criteria[0].when.op: "eqq" is not an operator; did you mean "eq"?'],
    ['an object that is no condition', 'oldham', (fw: ReturnType<typeof builtIn>) => {
      fw.criteria[0]!.when = { fakt: 'x' };
    }, 'criteria[0].when: {"fakt":"x"}; expected a condition: an object with one of "fact" (with "op"), "all", "any", "not", "atLeast" (with "of") or "criterion"'],
    ['a colour that is not #RRGGBB', 'oldham', (fw: ReturnType<typeof builtIn>) => {
      fw.categories[1]!.colour = 'amber';
    }, 'categories[1].colour: "amber"; expected #RRGGBB'],
    ['a required field missing', 'oldham', (fw: ReturnType<typeof builtIn>) => {
      delete fw.criteria[2]!.citation;
    }, 'criteria[2].citation: missing; expected an object (required)'],
    ['a default outside its range', 'oldham', (fw: ReturnType<typeof builtIn>) => {
      fw.parameters.ks2FloorRwmPct!.default = 160;
    }, 'parameters.ks2FloorRwmPct.default: 160; expected a number from 0 to 100 (the parameter\'s range)'],
    ['a dated value without its source', 'herefordshire', (fw: ReturnType<typeof builtIn>) => {
      (fw.parameters.nationalRwmPct!.values as Record<string, number>)['2026-09-01'] = 63;
    }, 'parameters.nationalRwmPct.references["2026-09-01"]: missing; expected the source of the value dated 2026-09-01 (each dated value needs one)'],
    ['"at least" more than there are', 'herefordshire', (fw: ReturnType<typeof builtIn>) => {
      fw.criteria[0]!.when = { atLeast: 3, of: [{ fact: 'fallingRoll', op: 'isTrue' }] };
    }, 'criteria[0].when.atLeast: 3; expected at most 1, the number of conditions in "of"'],
    ['a category rule written over facts', 'oldham', (fw: ReturnType<typeof builtIn>) => {
      fw.categories[2]!.when = { fact: 'fallingRoll', op: 'isTrue' };
    }, 'categories[2].when.fact: "fallingRoll"; expected a category\'s rule written in terms of criteria ({"criterion": id}), each with its citation, not facts'],
  ])('%s', (_what, id, edit, message) => {
    expect(issuesOf(id, edit)).toContain(message);
  });

  it.each([
    ['a parameter name with a hyphen', 'attendance-low', 'parameters["attendance-low"]: "attendance-low" is not a parameter name; expected letters and digits, starting with a letter, such as "attendanceLow"'],
    ['a parameter name with an underscore', 'Attendance_Low', 'parameters.Attendance_Low: "Attendance_Low" is not a parameter name; expected letters and digits, starting with a letter, such as "AttendanceLow"'],
    ['a parameter name with an accent', 'seuilAssiduité', 'parameters["seuilAssiduité"]: "seuilAssiduité" is not a parameter name; expected letters and digits, starting with a letter, such as "seuilAssiduite"'],
    ['a parameter name with a space', 'low attendance', 'parameters["low attendance"]: "low attendance" is not a parameter name; expected letters and digits, starting with a letter, such as "lowAttendance"'],
  ])('%s is named, with the schema\'s own rule and the name it could be', (_what, name, message) => {
    expect(issuesOf('oldham', (fw) => {
      fw.parameters[name] = { default: 90, min: 50, max: 100, description: 'Attendance low below this.' };
    })).toEqual([message]);
  });

  it('a dated value\'s date written dd/mm/yyyy is named, with the date it reads as', () => {
    const messages = issuesOf('herefordshire', (fw) => {
      const p = fw.parameters.nationalRwmPct! as { values: Record<string, number>; references: Record<string, unknown> };
      p.values['01/09/2025'] = 62;
      p.references['01/09/2025'] = { title: 'KS2 2025' };
    });
    expect(messages).toEqual([
      'parameters.nationalRwmPct.values["01/09/2025"]: "01/09/2025"; expected a date written yyyy-mm-dd ("2025-09-01" if 1 September 2025 was meant)',
      'parameters.nationalRwmPct.references["01/09/2025"]: "01/09/2025"; expected a date written yyyy-mm-dd ("2025-09-01" if 1 September 2025 was meant)',
    ]);
    expect(messages.join('\n')).not.toMatch(/Invalid key in record/);
  });

  it.each([
    ['"65%"', '65%', 'parameters.ks2FloorRwmPct.default: "65%"; expected a number from 0 to 100 (without %)'],
    ['"65"', '65', 'parameters.ks2FloorRwmPct.default: "65"; expected a number from 0 to 100 (without quotes)'],
    ['true', true, 'parameters.ks2FloorRwmPct.default: true; expected a number from 0 to 100'],
  ])('a threshold written as %s is named at its default, with its value and range, and only there', (_what, value, message) => {
    const messages = issuesOf('oldham', (fw) => {
      fw.parameters.ks2FloorRwmPct!.default = value;
    });
    // Said once: the rule comparing with it is not told again that the parameter is no number.
    expect(messages).toEqual([message]);
  });

  it('a text parameter a rule compares as a number is still said at the rule', () => {
    expect(issuesOf('oldham', (fw) => {
      fw.parameters.ks2FloorRwmPct = { default: 'sixty', description: 'x' };
    }).join('\n')).toMatch(/\.param: "ks2FloorRwmPct"; expected a number parameter for "(lt|lte|gt|gte)"/);
  });

  it('a range written backwards is said, and a value written as text beside it too, in one run (found in review: the second was said only once the first was mended)', () => {
    const messages = issuesOf('oldham', (fw) => {
      fw.parameters.ks2FloorRwmPct = { ...fw.parameters.ks2FloorRwmPct, default: '65%', min: 100, max: 0 };
    });
    expect(messages).toContain('parameters.ks2FloorRwmPct.min: 100; expected a number no more than "max" (0): the range is from "min" to "max"');
    expect(messages).toContain('parameters.ks2FloorRwmPct.default: "65%"; expected a number from 100 to 0 (without %)');
  });

  it('a percentage written as text is named without a range too; a text parameter given a range is still told it has none', () => {
    expect(issuesOf('oldham', (fw) => {
      fw.parameters.ks2FloorRwmPct = { default: '65%', unit: '%', description: 'x' };
    })).toContain('parameters.ks2FloorRwmPct.default: "65%"; expected a number (without %)');
    expect(issuesOf('oldham', (fw) => {
      fw.parameters.level = { default: 'high', min: 1, description: 'x' };
    })).toEqual(['parameters.level.min: 1; expected no range: the parameter is not a number']);
  });

  it('lists every problem of a file in one pass, the shape\'s and the references\' together', () => {
    const messages = issuesOf('herefordshire', (fw) => {
      fw.categories[1]!.colour = 'yellow';
      fw.selection = { kind: 'firstMatch', default: 'lw' };
    });
    expect(messages).toEqual(['categories[1].colour: "yellow"; expected #RRGGBB', 'selection.default: "lw" is not a category of this framework; did you mean "low"?']);
  });

  it('finds criteria that refer to themselves', () => {
    const messages = issuesOf('herefordshire', (fw) => {
      const i = fw.criteria.findIndex((c) => c.id === 'new-head');
      fw.criteria[i]!.when = { criterion: 'timetabled-support' };
    });
    expect(messages.join('\n')).toMatch(/refer to themselves/);
  });

  it('says where text is not JSON: the file, the line, the column and what to do, on one line', () => {
    const r = loadFrameworkText('{\n  "id": "x",\n}', FILE);
    expect(!r.ok && r.issues.map((i) => i.message)).toEqual(['test.json, line 2, column 12: not JSON: a comma after the last entry, before the "}" on line 3, which JSON does not allow: remove the comma; near `{ "id": "x", }`']);
  });

  it('refuses a parameter given twice (a pasted copy), naming the file, the key and both lines, where JSON would keep the second', () => {
    const northmoor = readFileSync(join(ROOT, 'examples', 'frameworks', 'northmoor.json'), 'utf8');
    // The first parameter pasted again after itself with another default, as in the QA's m09c.
    const pasted = northmoor.replace(/\n {4}"ks4LowPct": \{/, '\n    "ks2LowPct": { "default": 65, "min": 0, "max": 100, "description": "copy" },$&');
    expect(pasted).not.toBe(northmoor);
    expect(JSON.parse(pasted)).toHaveProperty('parameters.ks2LowPct.default', 65);
    const r = loadFrameworkText(pasted, { kind: 'file', name: 'northmoor.json', sha256: '0' });
    expect(!r.ok && r.issues.map((i) => i.message)).toEqual([
      'northmoor.json, line 26, column 5: the key "ks2LowPct" appears twice in "parameters" (lines 15 and 26); JSON keeps only the last, so the first is lost: remove or rename one',
    ]);
  });

  it('suggests only a near name', () => {
    expect(didYouMean('atendanceConcern', ['attendanceConcern', 'attendancePct'])).toBe('attendanceConcern');
    expect(didYouMean('fish', ['attendanceConcern', 'attendancePct'])).toBeUndefined();
  });

  it('takes a file with its own id, compiles it and records where it came from', () => {
    const own = builtIn('oldham');
    own.id = 'northmoor-test';
    const r = loadFramework(own, FILE);
    expect(r.ok && r.framework.definition.id).toBe('northmoor-test');
    expect(r.ok && r.framework.origin).toEqual(FILE);
  });
});
