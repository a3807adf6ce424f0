/**
 * The field catalogue: every column the core understands, its type, the values it allows and the header
 * names analysts actually use for it. Header matching, cell reading, the zod schema of a school record
 * and docs/data-dictionary.md are all derived from this one table.
 *
 * Aliases are written as analysts write them; matching ignores case, spaces and punctuation
 * (see headers.ts). Where two fields could claim the same words, the more specific alias is given to
 * one field only (e.g. "Personal development" is the 2019-2024 key judgement, "Personal development and
 * wellbeing" the report-card area).
 */
import type { CalendarDate } from './dates';

/** Legacy Ofsted scales (overall effectiveness and key judgements). SW and SM are the two inadequate categories. */
export const LEGACY_GRADES = ['outstanding', 'good', 'satisfactory', 'requires-improvement', 'inadequate', 'serious-weaknesses', 'special-measures', 'not-judged'] as const;
export type LegacyGrade = (typeof LEGACY_GRADES)[number];

/** Report-card five-point scale (from November 2025), best first. */
export const REPORT_CARD_GRADES = ['exceptional', 'strong', 'expected', 'needs-attention', 'urgent-improvement'] as const;
export type ReportCardGrade = (typeof REPORT_CARD_GRADES)[number];

/** The LA's own view of a school's current effectiveness (Wokingham "locally assessed", Oldham "the LA believes"). */
export const LA_JUDGEMENTS = ['outstanding', 'strong-good', 'good', 'requires-improvement', 'inadequate'] as const;
export type LaJudgement = (typeof LA_JUDGEMENTS)[number];

export const PHASES = ['nursery', 'primary', 'middle', 'secondary', 'all-through', 'special', 'alternative-provision', 'post-16'] as const;
export type Phase = (typeof PHASES)[number];

export const STATUSES = ['maintained', 'academy'] as const;
export type Status = (typeof STATUSES)[number];

export const INSPECTION_TYPES = ['graded', 'ungraded', 'monitoring'] as const;
export type InspectionType = (typeof INSPECTION_TYPES)[number];

/** Ungraded (section 8) outcomes, grouped by what they say about the next inspection. */
export const UNGRADED_OUTCOMES = ['remains', 'improving-graded-next', 'concerns-graded-next'] as const;
export type UngradedOutcome = (typeof UNGRADED_OUTCOMES)[number];

export const CATEGORIES_OF_CONCERN = ['none', 'serious-weaknesses', 'special-measures', 'requires-significant-improvement'] as const;
export type CategoryOfConcern = (typeof CATEGORIES_OF_CONCERN)[number];

export const TRENDS = ['improving', 'stable', 'declining'] as const;
export type Trend = (typeof TRENDS)[number];

export const GAP_TRENDS = ['narrowing', 'stable', 'widening'] as const;
export type GapTrend = (typeof GAP_TRENDS)[number];

/** Southwark's area judgements (Appendix 1), best first. */
export const AREA_GRADES = ['A', 'B', 'C', 'D'] as const;
export type AreaGrade = (typeof AREA_GRADES)[number];

/** How a cell is read. Synonyms are normalised the same way as headers (see `normaliseKey`). */
export type FieldType =
  | { readonly kind: 'text'; readonly maxLength: number }
  | { readonly kind: 'urn' }
  | { readonly kind: 'date'; readonly notAfterAsOf: boolean }
  | { readonly kind: 'yesNo'; readonly extraTrue?: readonly string[]; readonly extraFalse?: readonly string[] }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly synonyms: Readonly<Record<string, string>> }
  | {
      readonly kind: 'number'; readonly min: number; readonly max: number; readonly integer: boolean;
      /**
       * The field's unit where a % sign names it, so "5%" is 5: per cent (a percentage, whose fraction 0.85 is
       * 85%), per 100 pupils, or percentage points (whose column may hold fractions, core/fractionColumns.ts).
       * `null` for a score or a count, where a cell with a % sign is refused: "5%" typed for a Progress 8 score is not 5.
       */
      readonly unit: 'per-cent' | 'per-hundred' | 'points' | null;
    };

export type FieldGroup = 'identity' | 'ofsted' | 'report-card' | 'concerns' | 'indicators' | 'results' | 'leadership' | 'southwark-areas' | 'analyst';

export interface FieldDef {
  readonly label: string;
  readonly description: string;
  readonly group: FieldGroup;
  readonly type: FieldType;
  /** Header names analysts use, including the one in `label`. */
  readonly aliases: readonly string[];
}

/** Normalises a header or a value for matching: lower case, letters and digits only. "Ofsted  grade:" -> "ofstedgrade". */
export function normaliseKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9+]/g, '');
}

const legacyGradeSynonyms = {
  '1': 'outstanding', outstanding: 'outstanding', o: 'outstanding',
  '2': 'good', good: 'good', g: 'good',
  '3': 'requires-improvement', requiresimprovement: 'requires-improvement', ri: 'requires-improvement',
  satisfactory: 'satisfactory', s: 'satisfactory',
  '4': 'inadequate', inadequate: 'inadequate', i: 'inadequate',
  seriousweaknesses: 'serious-weaknesses', seriousweakness: 'serious-weaknesses', sw: 'serious-weaknesses', '4sw': 'serious-weaknesses',
  specialmeasures: 'special-measures', sm: 'special-measures', '4sm': 'special-measures',
  notjudged: 'not-judged', nj: 'not-judged',
} as const satisfies Record<string, LegacyGrade>;

const reportCardSynonyms = {
  exceptional: 'exceptional', '1': 'exceptional',
  strong: 'strong', strongstandard: 'strong', '2': 'strong',
  expected: 'expected', expectedstandard: 'expected', '3': 'expected',
  needsattention: 'needs-attention', '4': 'needs-attention',
  urgentimprovement: 'urgent-improvement', urgentimprovementneeded: 'urgent-improvement', '5': 'urgent-improvement',
  // The names Ofsted's consultation of 3 February 2025 proposed (causing concern, attention needed, secure, strong, exemplary), still in some registers.
  exemplary: 'exceptional', strongpractice: 'strong', secure: 'expected', attentionneeded: 'needs-attention', causingconcern: 'urgent-improvement',
} as const satisfies Record<string, ReportCardGrade>;

const areaSynonyms = { a: 'A', b: 'B', c: 'C', d: 'D' } as const satisfies Record<string, AreaGrade>;

function enumType(values: readonly string[], synonyms: Record<string, string> = {}): FieldType {
  const all: Record<string, string> = {};
  for (const v of values) all[normaliseKey(v)] = v;
  return { kind: 'enum', values, synonyms: { ...all, ...synonyms } };
}

const legacyGrade = enumType(LEGACY_GRADES, legacyGradeSynonyms);
const reportCardGrade = enumType(REPORT_CARD_GRADES, reportCardSynonyms);
const areaGrade = enumType(AREA_GRADES, areaSynonyms);
const yesNo = { kind: 'yesNo' } as const satisfies FieldType;
const pastDate = { kind: 'date', notAfterAsOf: true } as const satisfies FieldType;
const percent = { kind: 'number', min: 0, max: 100, integer: false, unit: 'per-cent' } as const satisfies FieldType;
const count = (max: number) => ({ kind: 'number', min: 0, max, integer: true, unit: null }) as const satisfies FieldType;
const score = (min: number, max: number) => ({ kind: 'number', min, max, integer: false, unit: null }) as const satisfies FieldType;
/** A rate per 100 pupils: "5%" is 5, as written; a fraction is not multiplied up (a primary school's rate is often below 1). */
const perHundred = (min: number, max: number) => ({ ...score(min, max), unit: 'per-hundred' }) as const satisfies FieldType;
/** Percentage points: "5%" is 5, and a column of fractions (0.25 shown as 25%) is read as the points it shows (core/fractionColumns.ts). */
const points = (min: number, max: number) => ({ ...score(min, max), unit: 'points' }) as const satisfies FieldType;
const text = (maxLength = 255) => ({ kind: 'text', maxLength }) as const satisfies FieldType;

function concern(label: string, description: string, aliases: string[]) {
  return { label, description, group: 'concerns', type: yesNo, aliases: [label, ...aliases] } satisfies FieldDef;
}
function reportCardArea(label: string, aliases: string[]): FieldDef {
  return { label, description: `Report-card evaluation area "${label}" (five-point scale, from November 2025).`, group: 'report-card', type: reportCardGrade, aliases: [label, ...aliases] };
}
function keyJudgement(label: string, aliases: string[]): FieldDef {
  return { label, description: `Key judgement "${label}" at the last graded inspection under the 2019-2025 framework (1-4).`, group: 'ofsted', type: legacyGrade, aliases: [label, ...aliases] };
}
function southwarkArea(area: string, what: string, policyNames: string[] = []): FieldDef {
  return {
    label: `${area} area`,
    description: `Southwark's desktop judgement (A-D) of ${what} (Southwark universal provision, Appendix 1).`,
    group: 'southwark-areas',
    type: areaGrade,
    aliases: [`${area} area`, `${area} (A-D)`, `Area: ${area}`, `Southwark ${area}`, `${area} area judgement`, ...policyNames.map((n) => `${n} area`)],
  };
}

/** The catalogue. Keys are the record's property names. */
export const FIELDS = {
  // --- identity -------------------------------------------------------------------------------
  urn: { label: 'URN', description: 'Unique reference number (GIAS), 6 digits.', group: 'identity', type: { kind: 'urn' }, aliases: ['URN', 'Unique reference number', 'School URN'] },
  laestab: { label: 'LAESTAB', description: 'LA and establishment number (DfE number).', group: 'identity', type: text(20), aliases: ['LAESTAB', 'DfE number', 'DfE no', 'LA ESTAB', 'DfE'] },
  schoolName: { label: 'School name', description: 'The school\'s name, as text.', group: 'identity', type: text(200), aliases: ['School name', 'School', 'Name', 'EstablishmentName', 'Establishment name', 'SCHNAME'] },
  phase: {
    label: 'Phase', description: 'Phase of education.', group: 'identity',
    type: enumType(PHASES, {
      nurseryschool: 'nursery', infant: 'primary', junior: 'primary', first: 'primary', primaryschool: 'primary',
      middledeemedprimary: 'middle', middledeemedsecondary: 'middle', high: 'secondary', secondaryschool: 'secondary',
      allthrough: 'all-through', through: 'all-through', throughschool: 'all-through', specialschool: 'special',
      pru: 'alternative-provision', pupilreferralunit: 'alternative-provision', ap: 'alternative-provision',
      '16plus': 'post-16', post16: 'post-16', sixthform: 'post-16', '1619': 'post-16',
    }),
    aliases: ['Phase', 'Ofsted phase', 'PhaseOfEducation (name)', 'Phase of education', 'School phase', 'Type of education'],
  },
  status: {
    label: 'Status', description: 'Maintained school or academy; GIAS establishment types are accepted and mapped.', group: 'identity',
    type: enumType(STATUSES, {
      lamaintained: 'maintained', lamaintainedschool: 'maintained', communityschool: 'maintained', community: 'maintained',
      voluntaryaidedschool: 'maintained', voluntaryaided: 'maintained', va: 'maintained', voluntarycontrolledschool: 'maintained', voluntarycontrolled: 'maintained', vc: 'maintained',
      foundationschool: 'maintained', foundation: 'maintained', communityspecialschool: 'maintained', foundationspecialschool: 'maintained',
      lanurseryschool: 'maintained', localauthoritynurseryschool: 'maintained', pupilreferralunit: 'maintained', maintainedschool: 'maintained',
      academyconverter: 'academy', academysponsorled: 'academy', academyspecialconverter: 'academy', academyspecialsponsorled: 'academy',
      academyalternativeprovisionconverter: 'academy', academyalternativeprovisionsponsorled: 'academy', academy1619converter: 'academy', academy1619sponsorled: 'academy',
      freeschool: 'academy', freeschools: 'academy', freeschoolsspecial: 'academy', freeschoolsalternativeprovision: 'academy', freeschools1619: 'academy', free: 'academy',
      freeschools16to19: 'academy', academy16to19converter: 'academy', academy16to19sponsorled: 'academy',
      universitytechnicalcollege: 'academy', studioschools: 'academy', studioschool: 'academy', citytechnologycollege: 'academy', mat: 'academy', sat: 'academy',
    }),
    aliases: ['Status', 'School type', 'Establishment type', 'TypeOfEstablishment (name)', 'Type of establishment', 'Maintained or academy', 'Governance type', 'Type'],
  },
  openDate: { label: 'Open date', description: 'When the school opened (new schools and academy converters are first inspected in their third year).', group: 'identity', type: pastDate, aliases: ['Open date', 'OpenDate', 'Date opened', 'Opened', 'Academy open date', 'Conversion date'] },

  // --- Ofsted: legacy grades, ungraded inspections, key judgements -------------------------------
  ofstedGrade: { label: 'Ofsted grade', description: 'Overall effectiveness at the last graded inspection before September 2024 (1-4, or words; RI, SW, SM; pre-2012 Satisfactory).', group: 'ofsted', type: legacyGrade, aliases: ['Ofsted grade', 'Ofsted rating', 'OfstedRating (name)', 'Overall effectiveness', 'Latest OEIF overall effectiveness', 'Ofsted judgement', 'Last Ofsted grade', 'Current Ofsted grade', 'Ofsted', 'Rating'] },
  inspectionDate: { label: 'Inspection date', description: 'Date of the last graded inspection (the one that gave the Ofsted grade or key judgements).', group: 'ofsted', type: pastDate, aliases: ['Inspection date', 'Last inspection date', 'Date of last inspection', 'OfstedLastInsp', 'Inspect Date', 'Inspection start date of latest OEIF graded inspection', 'Last graded inspection date', 'Date of last graded inspection'] },
  inspectionType: {
    label: 'Inspection type', description: 'Type of the last inspection: graded (section 5 or report card), ungraded (section 8) or monitoring.', group: 'ofsted',
    type: enumType(INSPECTION_TYPES, { section5: 'graded', s5: 'graded', full: 'graded', reportcard: 'graded', section8: 'ungraded', s8: 'ungraded', short: 'ungraded', monitoringinspection: 'monitoring', monitoringvisit: 'monitoring' }),
    aliases: ['Inspection type', 'Type of inspection', 'Latest inspection type', 'Last inspection type'],
  },
  ungradedInspectionDate: { label: 'Ungraded inspection date', description: 'Date of the latest ungraded (section 8) inspection.', group: 'ofsted', type: pastDate, aliases: ['Ungraded inspection date', 'Date of latest ungraded inspection', 'Section 8 date', 'S8 date', 'Latest section 8 inspection date'] },
  ungradedOutcome: {
    label: 'Ungraded outcome', description: 'Outcome of the latest ungraded inspection, grouped: the grade remains; improving, graded inspection next; concerns, graded inspection next.', group: 'ofsted',
    type: enumType(UNGRADED_OUTCOMES, {
      schoolremainsgood: 'remains', schoolremainsoutstanding: 'remains', standardsmaintained: 'remains', remainsgood: 'remains', remainsoutstanding: 'remains',
      schoolremainsgoodimprovings5next: 'improving-graded-next', improvedsignificantly: 'improving-graded-next', improving: 'improving-graded-next',
      schoolremainsgoodconcernss5next: 'concerns-graded-next', schoolremainsoutstandingconcernss5next: 'concerns-graded-next', someaspectsnotasstrong: 'concerns-graded-next', concerns: 'concerns-graded-next',
    }),
    aliases: ['Ungraded outcome', 'Ungraded inspection overall outcome', 'Section 8 outcome', 'S8 outcome', 'Ungraded inspection outcome'],
  },
  safeguardingEffective: {
    label: 'Safeguarding effective', description: 'Safeguarding effective at the last inspection (legacy) or safeguarding standards met (report card).', group: 'ofsted',
    type: { kind: 'yesNo', extraTrue: ['met', 'effective'], extraFalse: ['not met', 'ineffective', 'not effective'] },
    aliases: ['Safeguarding effective', 'Safeguarding standards', 'Safeguarding', 'Safeguarding is effective', 'Safeguarding met', 'Effective safeguarding'],
  },
  categoryOfConcern: {
    label: 'Category of concern', description: 'Ofsted category of concern in force, if any.', group: 'ofsted',
    type: enumType(CATEGORIES_OF_CONCERN, { no: 'none', na: 'none', nocategory: 'none', seriousweakness: 'serious-weaknesses', sw: 'serious-weaknesses', sm: 'special-measures', rsi: 'requires-significant-improvement' }),
    aliases: ['Category of concern', 'Ofsted category of concern', 'Ofsted category'],
  },
  previousOfstedGrade: { label: 'Previous Ofsted grade', description: 'Overall effectiveness at the graded inspection before the last one.', group: 'ofsted', type: legacyGrade, aliases: ['Previous Ofsted grade', 'Previous grade', 'Previous overall effectiveness', 'Prior Ofsted grade'] },
  previousInspectionDate: { label: 'Previous inspection date', description: 'Date of the graded inspection before the last one.', group: 'ofsted', type: pastDate, aliases: ['Previous inspection date', 'Date of previous inspection', 'Prior inspection date'] },
  kjQualityOfEducation: keyJudgement('Quality of education', ['Latest OEIF quality of education', 'QoE']),
  kjBehaviourAttitudes: keyJudgement('Behaviour and attitudes', ['Latest OEIF behaviour and attitudes']),
  kjPersonalDevelopment: keyJudgement('Personal development', ['Latest OEIF personal development']),
  kjLeadershipManagement: keyJudgement('Leadership and management', ['Effectiveness of leadership and management', 'Latest OEIF effectiveness of leadership and management']),
  kjEarlyYears: keyJudgement('Early years provision', ['Latest OEIF early years provision (where applicable)', 'EYFS provision']),
  kjSixthForm: keyJudgement('Sixth form provision', ['Latest OEIF sixth form provision (where applicable)']),

  // --- Ofsted report cards (from November 2025) ----------------------------------------------------
  reportCardDate: { label: 'Report card date', description: 'Start date of the report-card inspection.', group: 'report-card', type: pastDate, aliases: ['Report card date', 'Report card inspection date', 'Inspection start date'] },
  rcInclusion: reportCardArea('Inclusion', []),
  rcCurriculumTeaching: reportCardArea('Curriculum and teaching', []),
  rcAchievement: reportCardArea('Achievement', []),
  rcAttendanceBehaviour: reportCardArea('Attendance and behaviour', []),
  rcPersonalDevelopment: reportCardArea('Personal development and wellbeing', ['Personal development and well-being']),
  rcLeadershipGovernance: reportCardArea('Leadership and governance', []),
  rcEarlyYears: reportCardArea('Early years', ['Early years (where applicable)']),
  rcPost16: reportCardArea('Post-16 provision', ['Post-16 provision (where applicable)', 'Post-16']),

  // --- the LA's concern flags ------------------------------------------------------------------------
  attainmentConcern: concern('Attainment concern', 'The LA has concerns about attainment.', ['Attainment']),
  progressConcern: concern('Progress concern', 'The LA has concerns about progress.', ['Progress']),
  attendanceConcern: concern('Attendance concern', 'The LA has concerns about attendance.', []),
  exclusionsConcern: concern('Exclusions concern', 'The LA has concerns about suspensions or exclusions.', ['Exclusion concern', 'Suspensions concern']),
  leadershipConcern: concern('Leadership concern', 'Concerns or vulnerabilities around leadership and management (including recruitment of senior leaders).', ['Leadership and management concern']),
  governanceConcern: concern('Governance concern', 'Concerns about the effectiveness of governance, or governor support needed.', []),
  safeguardingConcern: concern('Safeguarding concern', 'The LA has concerns about safeguarding.', []),
  qualityOfEducationConcern: concern('Quality of education concern', 'Concerns about curriculum and teaching.', ['Curriculum concern', 'Teaching concern', 'Curriculum and teaching concern']),
  earlyYearsConcern: concern('Early years concern', 'Early years provision at risk of not being good.', ['EYFS concern']),
  behaviourConcern: concern('Behaviour concern', 'Concerns about behaviour.', []),
  sendConcern: concern('SEND concern', 'Concerns about provision for pupils with SEND.', []),
  financeConcern: concern('Finance concern', 'Financial concern (e.g. a deficit budget).', ['Financial concern', 'Budget concern', 'Deficit budget']),
  hrConcern: concern('HR concern', 'HR or staffing concern affecting leadership capacity.', ['Staffing concern']),
  fallingRoll: concern('Falling roll', 'Pupil numbers falling.', ['Falling rolls', 'Falling roll concern']),
  organisationalChange: concern('Organisational change', 'A new federation, amalgamation or similar change.', ['Federation or amalgamation', 'Amalgamation', 'Federation']),
  performanceVariation: concern('Performance variation', 'Significant variation in performance between English and maths, year on year, or boys and girls (Herefordshire, Appendix 5).', ['Significant variation in performance', 'Variation in performance', 'Performance variation concern']),
  laJudgement: {
    label: 'LA judgement', description: 'The LA\'s own view of the school\'s current effectiveness (outstanding, strong good, good, requires improvement, inadequate).', group: 'concerns',
    type: enumType(LA_JUDGEMENTS, { '1': 'outstanding', '2': 'good', '3': 'requires-improvement', '4': 'inadequate', ri: 'requires-improvement', stronggood: 'strong-good', securelygood: 'strong-good', vulnerable: 'requires-improvement' }),
    aliases: ['LA judgement', 'LA assessment', 'Local assessment', 'LA view', 'Locally assessed', 'LA view of effectiveness', 'Local judgement'],
  },

  // --- leadership -------------------------------------------------------------------------------------
  headteacherStartDate: { label: 'Headteacher start date', description: 'When the current headteacher (including an interim head) took up post.', group: 'leadership', type: pastDate, aliases: ['Headteacher start date', 'Head teacher start date', 'Head start date', 'HT start date', 'Headteacher appointed', 'Date head appointed', 'Headteacher since'] },
  headteacherInterim: { label: 'Interim headteacher', description: 'The headteacher is interim or acting.', group: 'leadership', type: yesNo, aliases: ['Interim headteacher', 'Interim head', 'Acting head', 'Acting headteacher'] },

  // --- indicators ---------------------------------------------------------------------------------------
  attainmentTrend: {
    label: 'Attainment trend', description: 'Direction of attainment and progress over the last 2-3 years.', group: 'indicators',
    type: enumType(TRENDS, { up: 'improving', rising: 'improving', improve: 'improving', same: 'stable', flat: 'stable', steady: 'stable', down: 'declining', falling: 'declining', decline: 'declining', downward: 'declining' }),
    aliases: ['Attainment trend', 'Performance trend', 'Attainment and progress trend', 'Trend'],
  },
  bottomQuartileMeasures: { label: 'Bottom-quartile measures', description: 'How many of Herefordshire\'s eight county measures (EYFS, phonics, Y2 reading, writing, maths, Y6 reading, writing, maths) sit in the county\'s lowest quartile.', group: 'indicators', type: count(8), aliases: ['Bottom-quartile measures', 'Measures in bottom quartile', 'Lowest quartile measures', 'Fourth quartile measures', 'Q4 measures'] },
  yearsLowAttainment: { label: 'Years of low attainment', description: 'Consecutive recent years of low attainment.', group: 'indicators', type: count(20), aliases: ['Years of low attainment', 'Years low attainment'] },
  yearsLowProgress: { label: 'Years of low progress', description: 'Consecutive recent years of progress below average.', group: 'indicators', type: count(20), aliases: ['Years of low progress', 'Years progress below average', 'Years low progress'] },
  yearsLowAttendance: { label: 'Years of low attendance', description: 'Consecutive recent years of low attendance.', group: 'indicators', type: count(20), aliases: ['Years of low attendance', 'Years low attendance'] },
  yearsHighExclusions: { label: 'Years of high exclusions', description: 'Consecutive recent years of high suspensions or exclusions.', group: 'indicators', type: count(20), aliases: ['Years of high exclusions', 'Years high exclusion', 'Years of high exclusion'] },
  attendancePct: { label: 'Attendance %', description: 'Overall attendance, per cent of sessions.', group: 'indicators', type: percent, aliases: ['Attendance %', 'Attendance', 'Overall attendance', 'Attendance rate'] },
  persistentAbsencePct: { label: 'Persistent absence %', description: 'Pupils persistently absent (10% or more of sessions missed), per cent.', group: 'indicators', type: percent, aliases: ['Persistent absence %', 'Persistent absence', 'PA %', 'PA'] },
  suspensionRate: { label: 'Suspension rate', description: 'Suspensions per 100 pupils in the year.', group: 'indicators', type: perHundred(0, 1000), aliases: ['Suspension rate', 'Suspensions', 'Suspensions per 100 pupils', 'Fixed-term exclusion rate', 'Fixed-term exclusions'] },
  permanentExclusions: { label: 'Permanent exclusions', description: 'Permanent exclusions in the year.', group: 'indicators', type: count(1000), aliases: ['Permanent exclusions', 'Exclusions', 'Number of permanent exclusions'] },
  disadvantagedGap: { label: 'Disadvantaged gap', description: 'Attainment gap between disadvantaged pupils and others, percentage points (positive = disadvantaged pupils behind).', group: 'indicators', type: points(-100, 100), aliases: ['Disadvantaged gap', 'Disadvantaged attainment gap', 'Pupil premium gap', 'PP gap', 'Vulnerable groups gap'] },
  disadvantagedGapTrend: {
    label: 'Disadvantaged gap trend', description: 'Whether the disadvantaged gap is narrowing, stable or widening.', group: 'indicators',
    type: enumType(GAP_TRENDS, { closing: 'narrowing', reducing: 'narrowing', improving: 'narrowing', same: 'stable', flat: 'stable', notreducing: 'stable', growing: 'widening', increasing: 'widening', worsening: 'widening' }),
    aliases: ['Disadvantaged gap trend', 'Gap trend', 'PP gap trend', 'Pupil premium gap trend'],
  },

  // --- published results --------------------------------------------------------------------------------
  ks2Cohort: { label: 'KS2 cohort', description: 'Pupils at the end of KS2.', group: 'results', type: count(1000), aliases: ['KS2 cohort', 'KS2 pupils', 'KS2 Pupils', 'Year 6 cohort'] },
  ks2RwmExpectedPct: { label: 'KS2 RWM expected %', description: 'Pupils meeting the expected standard in reading, writing and maths combined, per cent (the current stand-in for the old primary floor measure).', group: 'results', type: percent, aliases: ['KS2 RWM expected %', 'KS2 RWM expected', 'KS2 combined expected standard', 'RWM expected %', 'Overall Meet Std', 'KS2 reading writing and maths expected standard'] },
  ks2ReadingProgress: { label: 'KS2 reading progress', description: 'KS2 reading progress score.', group: 'results', type: score(-30, 30), aliases: ['KS2 reading progress', 'Reading Progress', 'Reading progress score'] },
  ks2WritingProgress: { label: 'KS2 writing progress', description: 'KS2 writing progress score.', group: 'results', type: score(-30, 30), aliases: ['KS2 writing progress', 'Writing Progress', 'Writing progress score'] },
  ks2MathsProgress: { label: 'KS2 maths progress', description: 'KS2 maths progress score.', group: 'results', type: score(-30, 30), aliases: ['KS2 maths progress', 'Maths Progress', 'Maths progress score'] },
  ks4Cohort: { label: 'KS4 cohort', description: 'Pupils at the end of KS4.', group: 'results', type: count(2000), aliases: ['KS4 cohort', 'KS4 pupils', 'KS4 Pupils', 'Year 11 cohort'] },
  ks4Progress8: { label: 'Progress 8', description: 'Progress 8 score.', group: 'results', type: score(-5, 5), aliases: ['Progress 8', 'P8', 'Progress 8 score'] },
  ks4Attainment8: { label: 'Attainment 8', description: 'Attainment 8 score.', group: 'results', type: score(0, 90), aliases: ['Attainment 8', 'A8', 'Attainment 8 score'] },
  ks4EnglishMathsGrade4Pct: { label: 'English and maths grade 4+ %', description: 'Pupils with grade 4 or above in English and maths GCSE, per cent.', group: 'results', type: percent, aliases: ['English and maths grade 4+ %', 'English and maths grade 4+', 'EM 4+', 'Basics 4+'] },
  ks4EnglishMathsGrade5Pct: { label: 'English and maths grade 5+ %', description: 'Pupils with grade 5 or above in English and maths GCSE, per cent.', group: 'results', type: percent, aliases: ['English and maths grade 5+ %', 'English and maths grade 5+', 'EM 5+', 'Basics 5+', 'Eng Maths Grade 5'] },

  // --- Southwark's area judgements (Appendix 1), A-D --------------------------------------------------------
  areaLeadership: southwarkArea('Leadership', 'leadership capacity and self-evaluation'),
  areaGovernance: southwarkArea('Governance', 'governance'),
  areaCurriculum: southwarkArea('Curriculum', 'curriculum and teaching (quality of education)', ['Quality of education', 'Teaching', 'Curriculum and teaching']),
  areaOutcomes: southwarkArea('Outcomes', 'pupils\' outcomes and diminishing differences'),
  areaEarlyYears: southwarkArea('EYFS', 'the early years foundation stage (at C, "EYFS or sixth form")', ['Early years', 'EYFS or sixth form']),
  areaStaffing: southwarkArea('Staffing', 'staffing stability, morale and professional development'),
  areaPersonalDevelopment: southwarkArea('Personal development', 'SMSC, inclusion and pupil wellbeing', ['SMSC', 'SMSC, inclusion and pupil wellbeing']),
  areaBehaviour: southwarkArea('Behaviour', 'behaviour and attitudes'),
  areaSend: southwarkArea('SEND', 'provision for pupils with SEND'),
  areaSafeguarding: southwarkArea('Safeguarding', 'safeguarding'),
  areaAttendance: southwarkArea('Attendance', 'attendance, persistent absence and exclusions'),
  areaCapacity: southwarkArea('Capacity', 'complaints, admissions, finance or HR issues and their impact on leadership capacity', ['Issues', 'Complaints, admissions, finance and HR']),

  // --- the analyst's own say ---------------------------------------------------------------------------------
  categoryOverride: { label: 'Category override', description: 'A category the analyst sets by hand (an id or label of the framework\'s categories); it wins and is recorded with its reason.', group: 'analyst', type: text(40), aliases: ['Category override', 'Override', 'Override category', 'Analyst override', 'Manual category'] },
  overrideReason: { label: 'Override reason', description: 'Why the analyst overrode the category.', group: 'analyst', type: text(1000), aliases: ['Override reason', 'Reason for override', 'Override rationale'] },
  previousCategory: { label: 'Previous category', description: 'The category at the previous run (for movements); the tool\'s own Category column is read as this on a re-run.', group: 'analyst', type: text(40), aliases: ['Previous category', 'Last category', 'Category last term', 'Prior category'] },
} as const satisfies Record<string, FieldDef>;

export type FieldKey = keyof typeof FIELDS;
export const FIELD_KEYS = Object.keys(FIELDS) as FieldKey[];

type ValueOfType<T> = T extends { kind: 'text' | 'urn' }
  ? string
  : T extends { kind: 'date' }
    ? CalendarDate
    : T extends { kind: 'yesNo' }
      ? boolean
      : T extends { kind: 'number' }
        ? number
        : string;

/** The typed value of each field. Enum fields get their literal unions. */
export interface FieldValues {
  urn: string;
  laestab: string;
  schoolName: string;
  phase: Phase;
  status: Status;
  ofstedGrade: LegacyGrade;
  previousOfstedGrade: LegacyGrade;
  kjQualityOfEducation: LegacyGrade;
  kjBehaviourAttitudes: LegacyGrade;
  kjPersonalDevelopment: LegacyGrade;
  kjLeadershipManagement: LegacyGrade;
  kjEarlyYears: LegacyGrade;
  kjSixthForm: LegacyGrade;
  inspectionType: InspectionType;
  ungradedOutcome: UngradedOutcome;
  categoryOfConcern: CategoryOfConcern;
  rcInclusion: ReportCardGrade;
  rcCurriculumTeaching: ReportCardGrade;
  rcAchievement: ReportCardGrade;
  rcAttendanceBehaviour: ReportCardGrade;
  rcPersonalDevelopment: ReportCardGrade;
  rcLeadershipGovernance: ReportCardGrade;
  rcEarlyYears: ReportCardGrade;
  rcPost16: ReportCardGrade;
  laJudgement: LaJudgement;
  attainmentTrend: Trend;
  disadvantagedGapTrend: GapTrend;
  areaLeadership: AreaGrade;
  areaGovernance: AreaGrade;
  areaCurriculum: AreaGrade;
  areaOutcomes: AreaGrade;
  areaEarlyYears: AreaGrade;
  areaStaffing: AreaGrade;
  areaPersonalDevelopment: AreaGrade;
  areaBehaviour: AreaGrade;
  areaSend: AreaGrade;
  areaSafeguarding: AreaGrade;
  areaAttendance: AreaGrade;
  areaCapacity: AreaGrade;
}

/** A checked school record: every field optional (blank cells are absent), plus the sheet row it came from. */
export type SchoolRecord = {
  [K in FieldKey]?: K extends keyof FieldValues ? FieldValues[K] : ValueOfType<(typeof FIELDS)[K]['type']>;
} & { row: number };

/** Fields of the Southwark area judgements, in Appendix 1 order. */
export const AREA_FIELDS = FIELD_KEYS.filter((k) => FIELDS[k].group === 'southwark-areas');
/** Report-card evaluation areas. */
export const REPORT_CARD_FIELDS = ['rcInclusion', 'rcCurriculumTeaching', 'rcAchievement', 'rcAttendanceBehaviour', 'rcPersonalDevelopment', 'rcLeadershipGovernance', 'rcEarlyYears', 'rcPost16'] as const satisfies readonly FieldKey[];
/** Key judgements of the 2019-2025 framework. */
export const KEY_JUDGEMENT_FIELDS = ['kjQualityOfEducation', 'kjBehaviourAttitudes', 'kjPersonalDevelopment', 'kjLeadershipManagement', 'kjEarlyYears', 'kjSixthForm'] as const satisfies readonly FieldKey[];
