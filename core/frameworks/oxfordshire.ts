/**
 * Oxfordshire County Council, "Improvement Guarantee" (school improvement programme for maintained
 * schools). The policy has headings but no numbered sections: citations name the heading, and every
 * quote is checked against the policy text by the tests. Readings where it is silent or vague:
 * docs/frameworks/oxfordshire.md.
 *
 * First match from the most concern: inadequate, ri (the Ofsted pathways), then bespoke (the targeted
 * triggers "plus" safeguarding, two-year patterns, a section 8 warning), targeted (a trigger), and
 * universal (the annual one-day review) by default.
 */
import type { Citation, FrameworkDefinition, SupportOffer } from '../framework';

const cite = (section: string, quote: string): Citation => ({ section, quote });

const SCOPE_SECTION = 'Opening statement';
const UNIVERSAL_SECTION = 'Universal support';
const GOOD_SECTION = 'Support for Good and Outstanding maintained schools';
const TARGETED_SECTION = 'Support for targeted Good and Outstanding maintained schools';
const BESPOKE_SECTION = 'Additional bespoke work with targeted Good and Outstanding maintained schools';
const RI_SECTION = 'Bespoke work with \u2018Requires Improvement\u2019 maintained schools';
const INADEQUATE_SECTION = 'Inadequate maintained schools';
const NEW_HEAD_SECTION = 'New headteachers in maintained schools';
const ACADEMIES_SECTION = 'Academies';

const SCOPE = cite(SCOPE_SECTION, 'This programme applies to all maintained primary, special and secondary schools.');
const UNIVERSAL = cite(UNIVERSAL_SECTION, 'Maintained schools will receive a minimum of a one-day visit.');
const GOOD = cite(GOOD_SECTION, 'Schools where no triggers for targeted support are identified will receive an annual one-day review visit');
const TARGETED = cite(TARGETED_SECTION, 'Schools will be prioritised for support using transparent triggers');
const TARGETED_DAYS = cite(TARGETED_SECTION, 'A maximum of three days support will be provided.');
const EARLY_YEARS = cite(TARGETED_SECTION, 'If Early Years within the school is deemed to be at risk of not being good, bespoke support will be brokered from the OCC Early Years Team.');
const BESPOKE = cite(BESPOKE_SECTION, 'Schools will be prioritised where significant areas of concern have been identified using the triggers above plus');
const BESPOKE_OFFER = cite(BESPOKE_SECTION, 'OCC will commission increased bespoke support linked to the school\u2019s specific areas for improvement.');
const RI = cite(RI_SECTION, 'The LA will identify a bespoke package to support school improvement so that the school is judged Good at the next inspection.');
const RI_FOUR_TERMS = cite(RI_SECTION, 'following an RI judgement, a school will meet the criteria for a \u2018Good\u2019 within four terms');
const INADEQUATE = cite(INADEQUATE_SECTION, 'Following a judgement of \u2018Inadequate\u2019, the school will be subject to an academy order');
const INADEQUATE_SOFA = cite(INADEQUATE_SECTION, 'monitored at half-termly strategy meetings chaired by a senior LA officer');
const NEW_HEAD = cite(NEW_HEAD_SECTION, 'All new headteachers, including interim headteachers, will receive a visit from a local authority lead officer in the first half term of their appointment.');
const ACADEMIES = cite(ACADEMIES_SECTION, 'an annual structured conversation will take place with the relevant leaders in MATs (or academies) where there are schools causing concern, schools who have been judged RI or inadequate and schools at risk of being judged less than good by Ofsted');

/** Who sits on the strategy group ("The strategy group will consist of"). */
const STRATEGY_GROUP = ['Headteacher', 'Chair of Governors', 'Senior Local Authority officers', 'Diocese link advisor (as appropriate)', 'School improvement professionals who are providing the targeted support'];

/** Academies are outside the guarantee (SCOPE): what they get instead, by category. */
const academyOffer = (conversation: boolean): SupportOffer => ({
  amount: null,
  noneReason: 'the Improvement Guarantee applies to maintained schools; academies can buy traded support',
  actions: conversation
    ? ['Annual structured conversation with the relevant leaders of the academy or its MAT', 'Traded support available from the LA']
    : ['Traded support available from the LA'],
  cadence: conversation ? 'annual structured conversation' : 'none set',
  informed: conversation ? ['Academy or MAT leaders'] : [],
  citation: conversation ? ACADEMIES : SCOPE,
});

/** The Early Years variant shared by the categories whose offer includes Early Years support. */
const earlyYearsVariant = {
  id: 'early-years', label: 'Early Years at risk of not being good: support from the OCC Early Years Team',
  when: { fact: 'earlyYearsConcern', op: 'isTrue' }, citation: EARLY_YEARS,
} as const;

/** Oxfordshire's framework as data. */
export const oxfordshire: FrameworkDefinition = {
  id: 'oxfordshire',
  name: 'Oxfordshire Improvement Guarantee',
  authority: 'Oxfordshire County Council',
  version: '1.1.0',
  summary: 'Universal one-day review, targeted support up to three days, bespoke support, and the RI and inadequate pathways.',
  source: { title: 'Oxfordshire Improvement Guarantee', year: 'undated (in use 2019-2024)', file: 'shared/policies/oxfordshire-improvement-guarantee.txt' },
  docs: 'docs/frameworks/oxfordshire.md',
  parameters: {
    universalDays: { default: 1, min: 0, max: 5, unit: 'days', description: 'The annual review visit every maintained school receives (a minimum).', citation: UNIVERSAL },
    targetedMaxDays: { default: 3, min: 0, max: 20, unit: 'days', description: 'Most days of targeted support a year.', citation: TARGETED_DAYS },
    riskScoreTrigger: {
      default: 77, min: 0, max: 100, unit: 'score',
      description: 'Next-inspection risk score (0-100) from which "the risk of being judged less than good at the school\'s next inspection" is a trigger. Our reading: the score at which the risk is High, a 20% chance that a graded inspection within 24 months finds the school below good (docs/ofsted.md).',
    },
    patternYears: {
      default: 2, min: 1, max: 10, unit: 'years',
      description: 'Years of low attainment, progress below average, or low attendance / high exclusion that make a pattern.',
      citation: cite(BESPOKE_SECTION, 'Patterns of low attainment over 2 years'),
    },
    riMonthsToGood: {
      default: 16, min: 1, max: 60, unit: 'months',
      description: 'The LA expects an RI school to meet the criteria for Good within four terms; at three terms a school year that is about 16 months after the judgement (our conversion). Past it, an RI school is shown as beyond the expectation.',
      citation: RI_FOUR_TERMS,
    },
    academyOrderFollows: {
      default: true,
      description: 'The policy assumes an academy order follows an inadequate judgement (then a duty under the Academies Act 2010, s4(A1)). Since 29 June 2026 it is a power, no longer a duty (Children\'s Wellbeing and Schools Act 2026, s58): set false to stop showing the order as the expected pathway.',
      citation: INADEQUATE,
    },
    newHeadMonths: {
      default: 2, min: 1, max: 24, unit: 'months',
      description: 'A head in post fewer whole months than this is in "the first half term of their appointment" (a half term is six to eight weeks, so whole months 0 and 1). Our reading; an authority running the register once a term can raise it to 4 to catch every head appointed since the last run.',
    },
  },
  criteria: [
    // Ofsted pathways.
    {
      id: 'inadequate', label: 'Judged inadequate (or in an Ofsted category of concern)',
      when: { any: [{ fact: 'ofstedBand', op: 'eq', value: 'inadequate' }, { fact: 'inCategoryOfConcern', op: 'isTrue' }] },
      citation: INADEQUATE, indicates: 'inadequate',
    },
    { id: 'requires-improvement', label: 'Judged requires improvement', when: { fact: 'ofstedBand', op: 'eq', value: 'requires-improvement' }, citation: RI, indicates: 'ri' },
    // Universal: good or outstanding and no trigger (the reason shown for a universal school).
    {
      id: 'good-no-triggers', label: 'Good or outstanding with no trigger for targeted support',
      when: { all: [{ fact: 'ofstedBand', op: 'eq', value: 'good-or-better' }, { not: { criterion: 'any-targeted-trigger' } }] },
      citation: GOOD, indicates: 'universal',
    },
    // Targeted: the four transparent triggers.
    {
      id: 'attainment-progress', label: 'Concerns around attainment and progress',
      when: { any: [{ fact: 'attainmentConcern', op: 'isTrue' }, { fact: 'progressConcern', op: 'isTrue' }] },
      citation: cite(TARGETED_SECTION, 'Concerns around attainment and progress for all groups of pupils'), indicates: 'targeted',
    },
    {
      id: 'attendance-exclusions', label: 'Concerns about attendance and/or exclusions',
      when: { any: [{ fact: 'attendanceConcern', op: 'isTrue' }, { fact: 'exclusionsConcern', op: 'isTrue' }] },
      citation: cite(TARGETED_SECTION, 'Concerns about attendance and/or exclusions'), indicates: 'targeted',
    },
    {
      id: 'leadership-governance', label: 'Concerns around leadership and management, including governance',
      when: { any: [{ fact: 'leadershipConcern', op: 'isTrue' }, { fact: 'governanceConcern', op: 'isTrue' }] },
      citation: cite(TARGETED_SECTION, 'Concerns or vulnerabilities around leadership and management, including the effectiveness of governance'), indicates: 'targeted',
    },
    {
      id: 'inspection-risk', label: 'Risk of being judged less than good at the next inspection',
      when: { fact: 'inspectionRiskScore', op: 'gte', value: { param: 'riskScoreTrigger' } },
      citation: cite(TARGETED_SECTION, 'The risk of being judged less than good at the school\u2019s next inspection'), indicates: 'targeted',
    },
    {
      id: 'any-targeted-trigger', label: 'A trigger for targeted support',
      when: { any: [{ criterion: 'attainment-progress' }, { criterion: 'attendance-exclusions' }, { criterion: 'leadership-governance' }, { criterion: 'inspection-risk' }, { criterion: 'any-bespoke-trigger' }] },
      citation: TARGETED,
    },
    // Bespoke: "the triggers above plus" these.
    { id: 'safeguarding', label: 'Concerns around safeguarding', when: { fact: 'safeguardingConcern', op: 'isTrue' }, citation: cite(BESPOKE_SECTION, 'Concerns around safeguarding'), indicates: 'bespoke' },
    {
      id: 'low-attainment-pattern', label: 'Pattern of low attainment over 2 years',
      when: { fact: 'yearsLowAttainment', op: 'gte', value: { param: 'patternYears' } },
      citation: cite(BESPOKE_SECTION, 'Patterns of low attainment over 2 years'), indicates: 'bespoke',
    },
    {
      id: 'low-progress-pattern', label: 'Pattern of progress below average over 2 years',
      when: { fact: 'yearsLowProgress', op: 'gte', value: { param: 'patternYears' } },
      citation: cite(BESPOKE_SECTION, 'Patterns of progress below average over 2 years'), indicates: 'bespoke',
    },
    {
      id: 'attendance-exclusion-pattern', label: 'Pattern of low attendance or high exclusion over 2 years',
      when: { any: [{ fact: 'yearsLowAttendance', op: 'gte', value: { param: 'patternYears' } }, { fact: 'yearsHighExclusions', op: 'gte', value: { param: 'patternYears' } }] },
      citation: cite(BESPOKE_SECTION, 'Patterns of low attendance/high exclusion over 2 years'), indicates: 'bespoke',
    },
    {
      id: 'section-8-risk', label: 'Ungraded (section 8) inspection identified a risk of less than good',
      when: { fact: 'ungradedConcerns', op: 'isTrue' },
      citation: cite(BESPOKE_SECTION, 'Section 8 inspection outcome identifies risk of being judged by Ofsted as less than Good at the next inspection'), indicates: 'bespoke',
    },
    {
      id: 'any-bespoke-trigger', label: 'A trigger for bespoke work',
      when: { any: [{ criterion: 'safeguarding' }, { criterion: 'low-attainment-pattern' }, { criterion: 'low-progress-pattern' }, { criterion: 'attendance-exclusion-pattern' }, { criterion: 'section-8-risk' }] },
      citation: BESPOKE,
    },
  ],
  categories: [
    {
      // No colours in the policy: Excel's Good / Neutral / Bad cell styles, and a dark red for inadequate.
      id: 'universal', label: 'Universal', colour: '#C6EFCE', textColour: '#006100',
      description: 'No trigger for targeted support: the annual one-day review visit.',
      support: {
        maintained: {
          amount: { param: 'universalDays' }, unit: 'days', bound: 'at least',
          actions: [
            'Annual one-day review visit by a school improvement officer or commissioned school improvement partner',
            'Work with the headteacher and Chair of Governors to evaluate whether the school continues to deliver a high standard of education for all pupils',
            'Identify any risk factors, or strengths indicating the potential to be judged outstanding',
          ],
          cadence: 'annual review visit', informed: ['Headteacher', 'Chair of Governors'], citation: GOOD,
        },
        academy: academyOffer(false),
      },
    },
    {
      id: 'targeted', label: 'Targeted', colour: '#FFEB9C', textColour: '#9C5700',
      description: 'One or more of the transparent triggers: up to three days of support.',
      when: { any: [{ criterion: 'attainment-progress' }, { criterion: 'attendance-exclusions' }, { criterion: 'leadership-governance' }, { criterion: 'inspection-risk' }] },
      variants: [earlyYearsVariant],
      support: {
        maintained: {
          amount: { param: 'targetedMaxDays' }, unit: 'days', bound: 'up to',
          actions: [
            'Support visits prioritised for the Autumn and Spring terms, and by inspection due date if one is due',
            'Bespoke support brokered from the OCC Early Years Team if Early Years is at risk of not being good',
          ],
          cadence: 'visits in the Autumn and Spring terms', informed: ['Headteacher', 'Chair of Governors'], citation: TARGETED_DAYS,
        },
        academy: academyOffer(true),
      },
    },
    {
      id: 'bespoke', label: 'Bespoke', colour: '#F4B183', textColour: '#833C0B',
      description: 'Significant concerns: the triggers plus safeguarding, two-year patterns or a section 8 warning.',
      when: { criterion: 'any-bespoke-trigger' },
      variants: [earlyYearsVariant],
      support: {
        maintained: {
          amount: null, noneReason: 'OCC commissions increased bespoke support linked to the school\'s specific areas for improvement; the policy sets no number of days',
          actions: [
            'Increased bespoke support commissioned for the school\'s specific areas for improvement (the LA may fund it if there is no other funding)',
            'A bespoke LA support plan with clear success criteria and impact measures',
            'Strategy meetings chaired by a senior LA officer, to keep the school on track to retain its Good/Outstanding judgement',
          ],
          cadence: 'strategy meetings at least termly, or more often if required', informed: STRATEGY_GROUP, citation: BESPOKE_OFFER,
        },
        academy: academyOffer(true),
      },
    },
    {
      id: 'ri', label: 'Requires improvement', colour: '#FFC7CE', textColour: '#9C0006',
      description: 'Judged requires improvement: a bespoke package so the school is judged good at the next inspection, expected within four terms.',
      when: { criterion: 'requires-improvement' },
      variants: [
        {
          id: 'beyond-four-terms', label: 'Past the expectation of Good within four terms',
          when: { fact: 'monthsSinceInspection', op: 'gte', value: { param: 'riMonthsToGood' } }, citation: RI_FOUR_TERMS,
        },
        earlyYearsVariant,
      ],
      support: {
        maintained: {
          amount: null, noneReason: 'a bespoke package is commissioned for the school\'s specific areas for improvement; the policy sets no number of days',
          actions: [
            'A bespoke package so that the school is judged Good at the next inspection',
            'A bespoke LA support plan with clear success criteria and impact measures (the LA may fund support if there is no other funding)',
            'Early Years support from the OCC Early Years Team where appropriate',
            'Expectation: the school meets the criteria for Good within four terms',
          ],
          cadence: 'strategy meetings at least termly, or more often if required', informed: STRATEGY_GROUP, citation: RI,
        },
        academy: academyOffer(true),
      },
    },
    {
      id: 'inadequate', label: 'Inadequate', colour: '#C00000', textColour: '#FFFFFF',
      description: 'Judged inadequate: academy order, LA Statement of Action, half-termly strategy meetings.',
      when: { criterion: 'inadequate' },
      variants: [
        {
          id: 'academy-order', label: 'Academy order expected (Academies Act 2010, s4)',
          when: { all: [{ fact: 'isAcademy', op: 'isFalse' }, { fact: 'inCategoryOfConcern', op: 'isTrue' }, { fact: 'inCategoryOfConcern', op: 'eq', value: { param: 'academyOrderFollows' } }] },
          citation: INADEQUATE,
        },
        earlyYearsVariant,
      ],
      support: {
        maintained: {
          amount: null, noneReason: 'support is set in the LA Statement of Action, targeted at the weaknesses the inspection found',
          actions: [
            'Academy order (Academies Act 2010, s4(A1) or (1)(b)); since 29 June 2026 a power, no longer a duty (Children\'s Wellbeing and Schools Act 2026, s58)',
            'The LA keeps responsibility for the school\'s performance and improvement until it re-opens as an academy',
            'LA Statement of Action (SofA) with clear success criteria and impact measures, targeted at the weaknesses found in the inspection',
            'The SofA sets out how the LA supports the school with academisation',
            'Early Years support from the OCC Early Years Team where appropriate',
          ],
          cadence: 'half-termly strategy meetings chaired by a senior LA officer',
          informed: [...STRATEGY_GROUP, 'The receiving Academy Trust, once agreed'], citation: INADEQUATE_SOFA,
        },
        academy: academyOffer(true),
      },
    },
  ],
  selection: { kind: 'firstMatch', default: 'universal' },
  // Each transparent trigger names two concerns: a register recording one of them can run (core/columns.ts).
  columns: {
    oneOf: [
      { fields: ['attainmentConcern', 'progressConcern'], as: 'Attainment or progress concern' },
      { fields: ['attendanceConcern', 'exclusionsConcern'], as: 'Attendance or exclusions concern' },
      { fields: ['leadershipConcern', 'governanceConcern'], as: 'Leadership or governance concern' },
      { fields: ['yearsLowAttendance', 'yearsHighExclusions'], as: 'Years of low attendance or high exclusions' },
    ],
    optional: [
      { fields: ['ungradedInspectionDate', 'ungradedOutcome'], why: 'ungraded (section 8) inspections belong to the framework before report cards (November 2025), so a register may not record them' },
    ],
  },
  additional: [
    {
      id: 'new-headteacher-visit', label: 'New headteacher visit',
      when: { all: [{ fact: 'isAcademy', op: 'isFalse' }, { fact: 'monthsInPost', op: 'lt', value: { param: 'newHeadMonths' } }] },
      offer: 'A visit from a local authority lead officer in the first half term of the appointment (interim heads included), and the LA\'s network and development meetings for new headteachers.',
      citation: NEW_HEAD,
    },
    {
      id: 'academy-structured-conversation', label: 'Annual structured conversation (academies)',
      when: {
        all: [
          { fact: 'isAcademy', op: 'isTrue' },
          { any: [{ fact: 'inCategoryOfConcern', op: 'isTrue' }, { fact: 'ofstedBand', op: 'in', value: ['requires-improvement', 'inadequate'] }, { criterion: 'any-targeted-trigger' }] },
        ],
      },
      offer: 'An annual structured conversation with the relevant leaders of the academy or its MAT.',
      citation: ACADEMIES,
    },
  ],
};
