/**
 * The pack's profiles: at most MAX_PROFILES a pack (the rest counted and said on both sheets), and one
 * school's profile, as the task pane lays it out on request, the same rows as that school's page in the
 * pack.
 */
import { describe, expect, it } from 'vitest';
import { BENCH_AS_OF, englandRegister } from '../../../bench/englandRegister';
import { frameworkById } from '../../../core/frameworks';
import { buildPack, MAX_PROFILES, packHeading, schoolProfile } from '../../../src/run/pack';
import { profilesLayout, summaryLayout } from '../../../src/run/packSheets';
import { planRun } from '../../../src/run/registerRun';

const RAN_AT = new Date(Date.UTC(2026, 10, 1, 9));

function packOf(frameworkId: string, schools: number) {
  const fw = frameworkById(frameworkId)!;
  const { header, rows } = englandRegister(schools);
  const plan = planRun([header, ...rows], { framework: fw, asOf: BENCH_AS_OF, source: 'the bench register' });
  return { fw, plan, pack: buildPack(plan, fw, { asOf: BENCH_AS_OF, ranAt: RAN_AT, source: 'the bench register', history: [] }) };
}

describe('a pack of a register larger than any authority\'s', () => {
  it(`holds the first ${MAX_PROFILES} profiles, the most concerning first, and says how many more there are`, () => {
    // Herefordshire puts most of the bench register in its two most concerning categories.
    const { fw, plan, pack } = packOf('herefordshire', 900);
    const top = new Set(fw.definition.categories.slice(-2).map((c) => c.id));
    const ofConcern = plan.rows.filter((r) => r.outcome.result && top.has(r.outcome.result.category)).length;
    expect(ofConcern).toBeGreaterThan(MAX_PROFILES);
    expect(pack.profiles).toHaveLength(MAX_PROFILES);
    expect(pack.profilesNotShown).toBe(ofConcern - MAX_PROFILES);
    const labels = fw.definition.categories.map((c) => c.label);
    const ranks = pack.profiles.map((p) => labels.findIndex((l) => p.category.startsWith(l)));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    const summaryText = summaryLayout(pack).rows.flat().map((c) => c?.value);
    expect(summaryText).toContain(`The first ${MAX_PROFILES} of the ${ofConcern} schools in the two most concerning categories have a page in "School profiles".`);
    const profiles = profilesLayout(pack);
    expect(profiles.rows[profiles.rows.length - 1]![0]!.value).toMatch(new RegExp(`^And ${ofConcern - MAX_PROFILES} more schools in these categories`));
    expect(profiles.pageBreaks).toHaveLength(MAX_PROFILES - 1);
  }, 60_000);

  it('a register under the limit has every profile and no note', () => {
    const { pack } = packOf('oxfordshire', 300);
    expect(pack.profilesNotShown).toBe(0);
    expect(pack.profiles.length).toBeGreaterThan(10);
    expect(summaryLayout(pack).rows.flat().map((c) => c?.value)).toContain(`Each school in the two most concerning categories has a page in "School profiles" (${pack.profiles.length}).`);
    expect(profilesLayout(pack).rows.flat().some((c) => String(c?.value).startsWith('And '))).toBe(false);
  });
});

describe('one school\'s profile', () => {
  it('is laid out as its page in the pack', () => {
    const { fw, plan, pack } = packOf('oxfordshire', 300);
    const whole = profilesLayout(pack);
    const k = 3;
    const page = whole.rows.slice(whole.pageBreaks[k - 1]!, whole.pageBreaks[k]!);
    const row = plan.rows.find((r) => r.outcome.urn === pack.profiles[k]!.urn)!;
    const one = profilesLayout({ ...packHeading(fw, BENCH_AS_OF, RAN_AT), profiles: [schoolProfile(row, fw, BENCH_AS_OF)], profilesNotShown: 0 });
    expect(one.rows).toEqual(page);
    expect(one.pageBreaks).toEqual([]);
    expect(one.print).toEqual(whole.print);
  });
});
