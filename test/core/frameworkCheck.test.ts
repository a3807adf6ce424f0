/**
 * The rules a parsed framework must meet beyond its shape (core/frameworkCheck.ts), each with a file the
 * QA pass found accepted and run with wrong results (test/fixtures/frameworkCheck/): loaded as the
 * command line and the pane load a file, and refused with one message naming the place, the value and
 * what was expected.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameworkWarnings } from '../../core/frameworkCheck';
import { FRAMEWORKS } from '../../core/frameworks';
import { loadFramework, loadFrameworkText } from '../../core/frameworkFile';

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

/** The messages refusing kent.json changed by `edit`. */
const editedIssues = (edit: (fw: Kent) => void): string[] => {
  const fw = JSON.parse(readFileSync(join(FIXTURES, 'kent.json'), 'utf8')) as Kent;
  edit(fw);
  const r = loadFramework(fw, { kind: 'file', name: 'kent.json', sha256: '0' });
  return r.ok ? [] : r.issues.map((i) => i.message);
};
type Kent = Record<string, unknown> & { categories: Record<string, unknown>[]; criteria: Record<string, unknown>[]; selection: { kind: string; default: string }; additional?: unknown[] };
/** The messages refusing a built-in's file given an id of its own and changed by `edit`; `[]` when it loads. */
const builtInIssues = (id: string, edit: (fw: Kent) => void = () => undefined): string[] => {
  const fw = JSON.parse(readFileSync(join(__dirname, '..', '..', 'core', 'frameworks', `${id}.json`), 'utf8')) as Kent;
  fw.id = `${id}-local`;
  edit(fw);
  const r = loadFramework(fw, { kind: 'file', name: `${id}-local.json`, sha256: '0' });
  return r.ok ? [] : r.issues.map((i) => i.message);
};

describe('a malformed condition', () => {
  it('is said, and every other problem of the file beside it (found in review: {"any": null} hid them all)', () => {
    const issues = builtInIssues('herefordshire', (fw) => {
      (fw.criteria[0] as { when: unknown }).when = { criterion: 'no-such-criterion' };
      (fw.criteria[1] as { when: unknown }).when = { any: null };
    });
    expect(issues.some((m) => m.startsWith('criteria[0].when.criterion: "no-such-criterion"'))).toBe(true);
    expect(issues.some((m) => m.startsWith('criteria[1].when'))).toBe(true);
  });
});

describe('categories go from the least concern to the most', () => {
  it('refuses a list written most concern first, the default last (q09: an RI school with a safeguarding concern came out amber)', () => {
    expect(issuesOf('q09-categories-reversed.json')).toEqual([
      'categories: "red", "amber", "green", the default "green" last, so no category would be more concerning than a school with no rule against it; expected the categories from the least concern to the most (listed most concern first? reverse them: "green", "amber", "red")',
    ]);
  });

  it('takes a default in the middle as written: categories of less concern may come before it, one (Wokingham\'s gold) or several', () => {
    expect(builtInIssues('wokingham')).toEqual([]);
    // Two more tiers above gold, each with gold's own rule: the default "green" is then fourth of six (found in review: refused before).
    expect(builtInIssues('wokingham', (fw) => {
      const gold = fw.categories[0] as unknown as Record<string, unknown>;
      fw.categories.unshift({ ...gold, id: 'diamond', label: 'Diamond' } as never, { ...gold, id: 'platinum', label: 'Platinum' } as never);
    })).toEqual([]);
  });

  it('refuses a rule on the default category, which no school reaches by it (m18)', () => {
    expect(issuesOf('m18-default-cat-has-when.json')).toEqual(['categories[0].when: {"criterion":"ofsted-ri"}; expected no "when" on the default "green": it is the category when no other category\'s rule holds']);
  });

  it('says a file lists no categories without an empty list of them (m29)', () => {
    expect(issuesOf('m29-no-categories.json')).toEqual(['categories: []; expected a list of at least 2', 'selection.default: "green" is not a category of this framework; expected a category (this framework lists none)']);
  });
});

describe('best fit weighs the categories the fired criteria indicate', () => {
  it('refuses best fit with no criterion that indicates a category, where every school was the default (p12)', () => {
    expect(issuesOf('p12-bestfit-no-indicates.json')).toEqual([
      'selection.kind: "bestFit"; expected criteria that say which category each is evidence for ("indicates"): best fit weighs only those, so with none every school is the default "green"; did you mean "firstMatch"?',
    ]);
  });

  it('refuses a rule on a category, which best fit would ignore', () => {
    expect(builtInIssues('southwark', (fw) => (fw.categories[3]!.when = { criterion: 'leadership-D' }))).toEqual(['categories[3].when: {"criterion":"leadership-D"}; expected no "when" with "bestFit": the category comes from the criteria that indicate it, and a category\'s rule would be ignored']);
  });
});

describe('a blank Status is maintained, and never makes a result provisional', () => {
  it('refuses a criterion a category rests on that reads the status (m42: an RI school with a blank Status was "green (provisional, could be amber)")', () => {
    expect(issuesOf('m42-isacademy-isfalse.json')).toEqual([
      'criteria[1].when.all[1].fact: "isAcademy"; expected no status in a criterion a category rests on: a blank Status reads as maintained and never makes a result provisional (academies\' own offer goes in support.academy)',
    ]);
  });

  it('refuses "maintained" as isFalse alone in an offer, and takes it with absent beside it', () => {
    const offer = (when: unknown) => ({ id: 'visit', label: 'Visit', when, offer: 'A visit', citation: { section: '§4', quote: 'a visit' } });
    const ri = { criterion: 'ofsted-ri' };
    expect(editedIssues((fw) => (fw.additional = [offer({ all: [{ fact: 'isAcademy', op: 'isFalse' }, ri] }), offer({ all: [{ not: { fact: 'isAcademy', op: 'isTrue' } }, ri] })]))).toEqual([
      'additional[0].when.all[0]: {"fact":"isAcademy","op":"isFalse"}; expected "maintained" written as {"any": [{"fact": "isAcademy", "op": "isFalse"}, {"fact": "isAcademy", "op": "absent"}]}: a blank Status is maintained, and a blank is unknown to "isFalse"',
      'additional[1].when.all[0]: {"not":{"fact":"isAcademy","op":"isTrue"}}; expected "maintained" written as {"any": [{"fact": "isAcademy", "op": "isFalse"}, {"fact": "isAcademy", "op": "absent"}]}: a blank Status is maintained, and a blank is unknown to "not"',
    ]);
    expect(editedIssues((fw) => (fw.additional = [offer({ all: [{ any: [{ fact: 'isAcademy', op: 'isFalse' }, { fact: 'isAcademy', op: 'absent' }] }, ri] }), offer({ all: [{ fact: 'isAcademy', op: 'isTrue' }, ri] })]))).toEqual([]);
  });

  it('is followed in a file the schema refuses too, a null condition beside it in an "any"', () => {
    const offer = { id: 'visit', label: 'Visit', when: { any: [null, { fact: 'isAcademy', op: 'isFalse' }] }, offer: 'A visit', citation: { section: '§4', quote: 'a visit' } };
    expect(editedIssues((fw) => (fw.additional = [offer]))).toEqual([
      'additional[0].when.any[0]: null; expected a condition: an object with one of "fact" (with "op"), "all", "any", "not", "atLeast" (with "of") or "criterion"',
      'additional[0].when.any[1]: {"fact":"isAcademy","op":"isFalse"}; expected "maintained" written as {"any": [{"fact": "isAcademy", "op": "isFalse"}, {"fact": "isAcademy", "op": "absent"}]}: a blank Status is maintained, and a blank is unknown to "isFalse"',
    ]);
  });
});

describe('a parameter\'s range', () => {
  it('refuses a minimum above the maximum, rather than a range "from 100 to 50" (m17b)', () => {
    expect(issuesOf('m17b-min-gt-max.json')).toEqual(['parameters.attendanceLowPct.min: 100; expected a number no more than "max" (50): the range is from "min" to "max"']);
  });
});

describe('warnings: what a sound file holds that does nothing', () => {
  it('warns of a parameter no rule or offer uses, which the analyst could set and see nothing change (m03); the file still loads', () => {
    expect(issuesOf('m03-param-unused.json')).toEqual([]);
    const def = JSON.parse(readFileSync(join(FIXTURES, 'm03-param-unused.json'), 'utf8')) as Parameters<typeof frameworkWarnings>[0];
    expect(frameworkWarnings(def).map((w) => w.message)).toEqual(['parameters.ks2LowPct: used by no rule or offer, so setting it changes nothing; expected {"param": "ks2LowPct"} in a rule or an offer, or no such parameter']);
  });

  it('finds none in the built-ins', () => {
    expect(FRAMEWORKS.flatMap(frameworkWarnings)).toEqual([]);
  });
});
