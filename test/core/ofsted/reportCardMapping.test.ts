import { describe, expect, it } from 'vitest';
import type { ReportCardGrade, SchoolRecord } from '../../../core/fields';
import { readReportCard, REPORT_CARD_MAPPING_DEFAULTS, REPORT_CARD_MAPPING_PARAMETERS, reportCardStanding, type ReportCardMapping } from '../../../core/ofsted/reportCardMapping';
import { REPORT_CARD_GRADES } from '../../../core/fields';

type Areas = Partial<Record<'rcInclusion' | 'rcCurriculumTeaching' | 'rcAchievement' | 'rcAttendanceBehaviour' | 'rcPersonalDevelopment' | 'rcLeadershipGovernance', ReportCardGrade>>;
const ALL_EXPECTED: Areas = { rcInclusion: 'expected', rcCurriculumTeaching: 'expected', rcAchievement: 'expected', rcAttendanceBehaviour: 'expected', rcPersonalDevelopment: 'expected', rcLeadershipGovernance: 'expected' };
const card = (areas: Areas, safeguardingEffective: boolean | undefined = true): SchoolRecord => ({ row: 2, ...ALL_EXPECTED, ...areas, ...(safeguardingEffective === undefined ? {} : { safeguardingEffective }) });

describe('default mapping of a report card onto the policies\' bands', () => {
  it.each([
    // DOMAIN.md: "requires significant improvement" where safeguarding is not met.
    { why: 'safeguarding not met', areas: {}, safeguarding: false, band: 'inadequate', category: 'requires-significant-improvement' },
    // DOMAIN.md: "requires significant improvement" where any area is urgent improvement.
    { why: 'one area urgent improvement', areas: { rcAchievement: 'urgent-improvement' }, safeguarding: true, band: 'inadequate', category: 'requires-significant-improvement' },
    // DOMAIN.md: "special measures" where leadership and governance is urgent improvement and so is another area.
    { why: 'leadership and another area urgent improvement', areas: { rcLeadershipGovernance: 'urgent-improvement', rcInclusion: 'urgent-improvement' }, safeguarding: true, band: 'inadequate', category: 'special-measures' },
    // Operating guide (Nov 2025), as the NEU summarises it: RSI where "Leadership and Governance is the only evaluation area found to need 'Urgent Improvement'".
    { why: 'leadership alone urgent improvement', areas: { rcLeadershipGovernance: 'urgent-improvement' }, safeguarding: true, band: 'inadequate', category: 'requires-significant-improvement' },
    // The same: special measures "if Leadership and Governance is judged as in need of Urgent Improvement AND ... or safeguarding is 'not met'".
    { why: 'leadership urgent improvement and safeguarding not met', areas: { rcLeadershipGovernance: 'urgent-improvement' }, safeguarding: false, band: 'inadequate', category: 'special-measures' },
    // Safeguarding not met with another area (not leadership) at urgent improvement stays requires significant improvement.
    { why: 'another area urgent improvement and safeguarding not met', areas: { rcAchievement: 'urgent-improvement' }, safeguarding: false, band: 'inadequate', category: 'requires-significant-improvement' },
    // Local reading: "needs attention" is below the expected standard, so not good.
    { why: 'one area needs attention', areas: { rcAttendanceBehaviour: 'needs-attention' }, safeguarding: true, band: 'requires-improvement', category: 'none' },
    { why: 'all expected', areas: {}, safeguarding: true, band: 'good-or-better', category: 'none' },
    { why: 'all expected, safeguarding not given', areas: {}, safeguarding: undefined, band: 'good-or-better', category: 'none' },
  ] as const)('$why → $band ($category)', ({ areas, safeguarding, band, category }) => {
    const r = readReportCard(card(areas, safeguarding));
    expect(r).toMatchObject({ band, categoryOfConcern: category, inCategoryOfConcern: category !== 'none' });
  });

  it('names the areas that decided it', () => {
    expect(readReportCard(card({ rcAchievement: 'needs-attention', rcInclusion: 'needs-attention' }))?.because).toEqual(expect.arrayContaining(['rcAchievement', 'rcInclusion']));
  });

  it.each([
    { areas: { rcInclusion: 'exceptional', rcCurriculumTeaching: 'exceptional', rcAchievement: 'exceptional', rcAttendanceBehaviour: 'strong', rcPersonalDevelopment: 'strong', rcLeadershipGovernance: 'strong' }, equivalent: 'outstanding' },
    { areas: { rcInclusion: 'exceptional', rcCurriculumTeaching: 'exceptional', rcAchievement: 'exceptional', rcLeadershipGovernance: 'exceptional' }, equivalent: 'good' },
    { areas: { rcInclusion: 'exceptional', rcAchievement: 'strong', rcAttendanceBehaviour: 'strong', rcPersonalDevelopment: 'strong', rcLeadershipGovernance: 'strong', rcCurriculumTeaching: 'strong' }, equivalent: 'good' },
  ] as const)('equivalent grade for display: $equivalent', ({ areas, equivalent }) => {
    expect(readReportCard(card(areas))).toMatchObject({ band: 'good-or-better', equivalentGrade: equivalent });
  });

  it('is not a report card without any graded area', () => {
    expect(readReportCard({ row: 2, safeguardingEffective: false })).toBeNull();
  });
});

describe('the mapping is parameterised', () => {
  it('raising the needs-attention count lets one such area stay good', () => {
    expect(readReportCard(card({ rcAchievement: 'needs-attention' }), { needsAttentionAreasForRi: 2 })?.band).toBe('good-or-better');
    expect(readReportCard(card({ rcAchievement: 'needs-attention', rcInclusion: 'needs-attention' }), { needsAttentionAreasForRi: 2 })?.band).toBe('requires-improvement');
  });

  it('"needs attention" in leadership and governance stays RI whatever the count (RISE "stuck" schools), unless switched off', () => {
    const r = card({ rcLeadershipGovernance: 'needs-attention' });
    expect(readReportCard(r, { needsAttentionAreasForRi: 3 })?.band).toBe('requires-improvement');
    expect(readReportCard(r, { needsAttentionAreasForRi: 3, leadershipNeedsAttentionIsRi: false })?.band).toBe('good-or-better');
  });

  it('urgent improvement not read as inadequate still counts as below good', () => {
    expect(readReportCard(card({ rcAchievement: 'urgent-improvement' }), { urgentImprovementIsInadequate: false })).toMatchObject({ band: 'requires-improvement', inCategoryOfConcern: false });
  });

  it('safeguarding not met can be switched off as a decider', () => {
    expect(readReportCard(card({}, false), { safeguardingNotMetIsInadequate: false })?.band).toBe('good-or-better');
  });

  it('documents every parameter with its source', () => {
    for (const key of Object.keys(REPORT_CARD_MAPPING_DEFAULTS)) {
      const doc = REPORT_CARD_MAPPING_PARAMETERS[key as keyof typeof REPORT_CARD_MAPPING_DEFAULTS];
      expect(doc.description.length).toBeGreaterThan(20);
      expect(doc.source.length).toBeGreaterThan(10);
    }
  });
});

describe('reportCardStanding', () => {
  it('reads every report card as readReportCard does (band, equivalent grade, category of concern), under the defaults and changed parameters', () => {
    const grades = [undefined, ...REPORT_CARD_GRADES];
    const areas = ['rcInclusion', 'rcAchievement', 'rcLeadershipGovernance', 'rcPersonalDevelopment'] as const;
    const params: Partial<ReportCardMapping>[] = [
      REPORT_CARD_MAPPING_DEFAULTS,
      { needsAttentionAreasForRi: 2, leadershipNeedsAttentionIsRi: false, exceptionalShareForOutstanding: 0.75 },
      { urgentImprovementIsInadequate: false, safeguardingNotMetIsInadequate: false, needsAttentionAreasForRi: 3 },
    ];
    const wrong: string[] = [];
    for (let n = 0; n < grades.length ** areas.length; n++) {
      const record: Record<string, unknown> = { row: 2 };
      for (let k = 0, m = n; k < areas.length; k++, m = Math.floor(m / grades.length)) if (grades[m % grades.length] !== undefined) record[areas[k]!] = grades[m % grades.length];
      for (const safeguardingEffective of [undefined, true, false]) {
        const school = { ...record, ...(safeguardingEffective === undefined ? {} : { safeguardingEffective }) } as unknown as SchoolRecord;
        for (const p of params) {
          const full = readReportCard(school, p);
          const got = reportCardStanding(school, p);
          const want = full && { band: full.band, equivalentGrade: full.equivalentGrade, inCategoryOfConcern: full.inCategoryOfConcern };
          if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${JSON.stringify(school)} ${JSON.stringify(p)}: ${JSON.stringify(got)} for ${JSON.stringify(want)}`);
        }
      }
    }
    expect(wrong.slice(0, 3)).toEqual([]);
  });
});
