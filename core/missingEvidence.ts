/**
 * Which blank cells are missing evidence, and what the worst case may read in them.
 *
 * A blank cell is no evidence: the category is worked out without it. But a school is only as safe as
 * its blanks allow, so each row also gets the most concerning category its blank cells could give
 * (core/engine/worstCase.ts). Not every blank is missing evidence: some say something ("Category of
 * concern" blank is none; "Ungraded outcome" blank, with no ungraded inspection, is nothing to report;
 * KS4 results of a primary school do not exist). `BLANK_READINGS` says, field by field, when a blank is
 * a statement; every other blank, in a column the register has, is missing evidence.
 *
 * A missing cell opens the facts worked out from it: a field the criteria read is then any value; a
 * derived fact (the Ofsted standing, time in post) is any value of its own; the next-inspection risk
 * score and the count of concern flags, which criteria compare with thresholds, get the range their
 * blanks could take them to, worked out by filling the blanks with the best and the worst values.
 */
import { factAt, factNumber } from './factShape';
import { CONCERN_FIELDS, RISK_LEVELS, type FactKey, type Facts, type RiskLevel } from './facts';
import { FIELD_KEYS, FIELDS, type FieldKey, type Phase, type SchoolRecord } from './fields';
import type { CalendarDate } from './dates';
import type { HeaderMapping } from './headers';
import { NATIONAL_DEFAULTS, schoolInspectionRisk, type NationalParameters } from './deriveFacts';
import { PatternTable } from './patternTable';

/** When a blank cell is a statement rather than missing evidence. */
export interface BlankReading {
  /** What the blank says, for the data dictionary. */
  readonly means: string;
  /** A blank is missing evidence after all when one of these is given... */
  readonly missingWhenGiven?: readonly FieldKey[];
  /** ...or when none of these is given... */
  readonly missingUnlessGiven?: readonly FieldKey[];
  /** ...or when the school's phase is one of these (a blank phase counts as any). */
  readonly missingForPhases?: readonly Phase[];
}

const KEY_JUDGEMENTS_MAIN = ['kjQualityOfEducation', 'kjBehaviourAttitudes', 'kjPersonalDevelopment', 'kjLeadershipManagement'] as const satisfies readonly FieldKey[];
const REPORT_CARD_MAIN = ['rcInclusion', 'rcCurriculumTeaching', 'rcAchievement', 'rcAttendanceBehaviour', 'rcPersonalDevelopment', 'rcLeadershipGovernance'] as const satisfies readonly FieldKey[];
const KS2_PHASES: readonly Phase[] = ['primary', 'middle', 'all-through'];
const KS4_PHASES: readonly Phase[] = ['secondary', 'all-through'];

const keyJudgement = (field: FieldKey): BlankReading => ({
  means: 'the last graded inspection was not under the 2019-2025 framework (unless another key judgement is given)',
  missingWhenGiven: KEY_JUDGEMENTS_MAIN.filter((f) => f !== field),
});
const reportCardArea: BlankReading = { means: 'no report card yet (unless the report card date is given)', missingWhenGiven: ['reportCardDate'] };
const notApplicable: BlankReading = { means: 'not applicable to the school ("where applicable")' };
const ks2: BlankReading = { means: 'no KS2 results: the school has no pupils at the end of KS2 (unless its phase is primary, middle or all-through)', missingForPhases: KS2_PHASES };
const ks4: BlankReading = { means: 'no KS4 results: the school has no pupils at the end of KS4 (unless its phase is secondary or all-through)', missingForPhases: KS4_PHASES };
const none = (means: string): BlankReading => ({ means });

/** Fields whose blank is a statement, and when it is missing evidence after all. Every other blank is missing evidence. */
export const BLANK_READINGS: Readonly<Partial<Record<FieldKey, BlankReading>>> = {
  openDate: none('the school opened before its first inspection was due'),
  ofstedGrade: { means: 'the school was judged by key judgements or a report card instead (unless neither is given)', missingUnlessGiven: [...KEY_JUDGEMENTS_MAIN, 'reportCardDate'] },
  inspectionDate: { means: 'the last judgement is a report card (unless no report card date is given)', missingUnlessGiven: ['reportCardDate'] },
  inspectionType: none('a graded inspection'),
  ungradedInspectionDate: none('no ungraded inspection since the last graded one'),
  ungradedOutcome: { means: 'no ungraded inspection (unless its date is given)', missingWhenGiven: ['ungradedInspectionDate'] },
  safeguardingEffective: {
    means: 'effective, as a graded judgement implies (unless there is no graded judgement, or the last judgement is a report card, which judges safeguarding apart)',
    missingWhenGiven: ['reportCardDate'],
    missingUnlessGiven: ['ofstedGrade', ...KEY_JUDGEMENTS_MAIN],
  },
  categoryOfConcern: none('no category of concern'),
  previousOfstedGrade: { means: 'no graded inspection before the last one is recorded (unless its date is given)', missingWhenGiven: ['previousInspectionDate'] },
  previousInspectionDate: none('no graded inspection before the last one is recorded'),
  kjQualityOfEducation: keyJudgement('kjQualityOfEducation'),
  kjBehaviourAttitudes: keyJudgement('kjBehaviourAttitudes'),
  kjPersonalDevelopment: keyJudgement('kjPersonalDevelopment'),
  kjLeadershipManagement: keyJudgement('kjLeadershipManagement'),
  kjEarlyYears: notApplicable,
  kjSixthForm: notApplicable,
  reportCardDate: none('no report-card inspection yet'),
  rcInclusion: reportCardArea,
  rcCurriculumTeaching: reportCardArea,
  rcAchievement: reportCardArea,
  rcAttendanceBehaviour: reportCardArea,
  rcPersonalDevelopment: reportCardArea,
  rcLeadershipGovernance: reportCardArea,
  rcEarlyYears: notApplicable,
  rcPost16: notApplicable,
  headteacherInterim: none('the headteacher is not interim or acting'),
  bottomQuartileMeasures: { means: 'not applicable: the county measures are of primary phases (unless the phase is primary or all-through)', missingForPhases: ['primary', 'all-through'] },
  ks2Cohort: ks2,
  ks2RwmExpectedPct: ks2,
  ks2ReadingProgress: ks2,
  ks2WritingProgress: ks2,
  ks2MathsProgress: ks2,
  ks4Cohort: ks4,
  ks4Progress8: ks4,
  ks4Attainment8: ks4,
  ks4EnglishMathsGrade4Pct: ks4,
  ks4EnglishMathsGrade5Pct: ks4,
  categoryOverride: none('no override'),
  overrideReason: none('no override'),
  previousCategory: none('no previous run'),
};

/** Is a blank cell of `field` missing evidence in this record (its column present)? */
export function blankIsMissing(field: FieldKey, record: SchoolRecord): boolean {
  const reading = BLANK_READINGS[field];
  if (!reading) return true;
  if (reading.missingWhenGiven?.some((f) => record[f] !== undefined)) return true;
  if (reading.missingUnlessGiven && !reading.missingUnlessGiven.some((f) => record[f] !== undefined)) return true;
  return reading.missingForPhases !== undefined && (record.phase === undefined || reading.missingForPhases.includes(record.phase));
}

/** What the worst case may read in one fact of a school: any value, or a number in a range; and the blank cells why. */
export interface UnknownFact {
  /** The blank cells that open it. */
  readonly fields: readonly FieldKey[];
  /** For a number the criteria compare: the least and the most its blanks could make it. Absent: any value. */
  readonly range?: readonly [number, number];
}

/** The facts of one school its missing cells open, by fact. */
export type Unknowns = ReadonlyMap<FactKey, UnknownFact>;

/**
 * The unknowns `unknownsReader` gives every row of one pattern of missing cells: one object, never changed,
 * with a place for what a reader of them works out from them once (the worst case, core/engine/worstCase.ts).
 * Kept on them rather than in a weak map: a row's lookup is then one field, and the garbage collector has
 * no weak entries to trace for a pattern.
 */
export class SharedUnknowns extends Map<FactKey, UnknownFact> {
  /** What a reader worked out from these unknowns, with the framework it is for. */
  worked: { readonly fw: object } | null = null;
  /**
   * Room for the few numbers of `worked` a reader reads for most rows (core/engine/worstCase.ts `summaryOf`):
   * `PATTERN_ROOM` numbers of `room` from `roomAt`, zeros until written, in the row of the pattern table the
   * row's lookup has just read, where an object of `worked`'s would be a memory access of its own among those
   * of a thousand patterns. `null` where the pattern was not kept (the table was full).
   */
  room: Int32Array | null = null;
  roomAt = 0;
}

/** The numbers of room a pattern's shared unknowns have (`SharedUnknowns.room`). */
export const PATTERN_ROOM = 12;

/**
 * The shared unknowns the last `UnknownsReader#read` gave, with their room: a reader of them that is given
 * these (the row's worst case) finds the room without reading their object, a memory access of its own
 * among a thousand patterns'. `unknowns` is compared, never read.
 */
export const lastShared: { unknowns: SharedUnknowns | null; room: Int32Array | null; roomAt: number } = { unknowns: null, room: null, roomAt: 0 };

/** What a pattern table's row says of its pattern first (the number before the room its unknowns have). */
const SHARED = 1;
const OWN_RANGES = 2;
const NOTHING_OPEN = 3;

/** Are these unknowns shared by the rows of a pattern, and never changed (so what is worked out from them may be kept with them)? */
export function isShared(unknowns: Unknowns): unknowns is SharedUnknowns {
  return unknowns instanceof SharedUnknowns;
}

const STANDING = ['ofstedGrade', ...KEY_JUDGEMENTS_MAIN, ...REPORT_CARD_MAIN, 'safeguardingEffective'] as const satisfies readonly FieldKey[];
const RISK_RESULTS = ['ks2Cohort', 'ks2ReadingProgress', 'ks2WritingProgress', 'ks2MathsProgress', 'ks2RwmExpectedPct', 'ks4Cohort', 'ks4Progress8'] as const satisfies readonly FieldKey[];
const RISK_INPUTS = [
  ...STANDING, 'previousOfstedGrade', 'ungradedOutcome', 'inspectionDate', 'phase', ...RISK_RESULTS, 'attendancePct', 'persistentAbsencePct',
  'headteacherStartDate', 'headteacherInterim', ...CONCERN_FIELDS, 'attainmentTrend',
] as const satisfies readonly FieldKey[];
const WINDOW = [...STANDING, 'inspectionDate', 'ungradedOutcome'] as const satisfies readonly FieldKey[];

/** The fields whose missing cells open each derived fact. */
const DERIVED_FROM: Readonly<Partial<Record<FactKey, readonly FieldKey[]>>> = {
  isAcademy: ['status'],
  ofstedBand: STANDING,
  ofstedSource: STANDING,
  ofstedEquivalentGrade: STANDING,
  inCategoryOfConcern: STANDING,
  previousOfstedBand: ['previousOfstedGrade', ...STANDING],
  lastInspectionDate: ['inspectionDate'],
  monthsSinceInspection: ['inspectionDate'],
  // The inspection date decides whether the ungraded inspection is the latest.
  ungradedConcerns: ['ungradedOutcome', 'inspectionDate'],
  monthsInPost: ['headteacherStartDate'],
  inspectionDueFrom: WINDOW,
  inspectionDueBy: WINDOW,
  monthsUntilInspectionDue: WINDOW,
  inspectionOverdue: WINDOW,
  inspectionDueThisTerm: WINDOW,
  inspectionRisk: RISK_INPUTS,
  inspectionRiskScore: RISK_INPUTS,
  concernCount: CONCERN_FIELDS,
  riseStuck: ['previousOfstedGrade', ...STANDING],
};

/** The worst and the best value each risk input's blank could hold (the risk score is monotone in each). */
const RISK_EXTREMES: Readonly<Partial<Record<FieldKey, { readonly worst: (asOf: CalendarDate) => unknown; readonly best: (asOf: CalendarDate) => unknown }>>> = {
  previousOfstedGrade: { worst: () => 'inadequate', best: () => 'outstanding' },
  ungradedOutcome: { worst: () => 'concerns-graded-next', best: () => 'remains' },
  // Time since a good inspection adds points up to a cap: long ago is the worst, the as-of date the best.
  inspectionDate: { worst: (asOf) => asOf - 36_500, best: (asOf) => asOf },
  phase: { worst: () => 'secondary', best: () => 'primary' },
  ks2ReadingProgress: { worst: () => -30, best: () => 30 },
  ks2WritingProgress: { worst: () => -30, best: () => 30 },
  ks2MathsProgress: { worst: () => -30, best: () => 30 },
  ks2RwmExpectedPct: { worst: () => 0, best: () => 100 },
  ks4Progress8: { worst: () => -5, best: () => 5 },
  attendancePct: { worst: () => 0, best: () => 100 },
  persistentAbsencePct: { worst: () => 100, best: () => 0 },
  headteacherStartDate: { worst: (asOf) => asOf, best: (asOf) => asOf - 36_500 },
  headteacherInterim: { worst: () => true, best: () => false },
  attainmentTrend: { worst: () => 'declining', best: () => 'improving' },
  ...Object.fromEntries(CONCERN_FIELDS.map((f) => [f, { worst: () => true, best: () => false }])),
};

/**
 * Prepares, once per register and framework, the reading of each row's unknowns: the facts the framework
 * reads and, for each, the fields with a column whose missing cells would open it. `given`, where the
 * caller knows it (the register's reader), flags by field number (`FIELD_KEYS`) the fields the row's cells
 * set: those are not missing, and are not tested.
 */
export function unknownsReader(readFacts: readonly FactKey[], mapping: HeaderMapping, asOf: CalendarDate, national: NationalParameters = NATIONAL_DEFAULTS): (record: SchoolRecord, facts: Facts, given?: Uint8Array) => Unknowns | null {
  const reader = new UnknownsReader(readFacts, mapping, asOf, national);
  return (record, facts, given) => reader.read(record, facts, given);
}

/**
 * What `unknownsReader` reads with; a register reads a row's unknowns with `read`. A class rather than
 * closures made per register: `read` is then one function for every register, so the optimised code V8
 * makes for it is kept from one register (one call of RISKCATEGORY) to the next.
 *
 * Each candidate field's test of `blankIsMissing` is data, not a closure per field (a call per field of
 * every row to one of a score of closures was never inlined): the field's own number, the fields that make
 * its blank missing when given or unless given (as ranges of `givenFields` and `givenFacts`), the phases.
 */
export class UnknownsReader {
  private readonly asOf: CalendarDate;
  private readonly national: NationalParameters;
  /** The fields whose missing cells open a fact read, with a column. */
  private readonly candidates: readonly FieldKey[];
  private readonly sourceAt: readonly { readonly fact: FactKey; readonly fields: readonly FieldKey[]; readonly at: readonly number[] }[];
  /** Each candidate's sources, so a pattern's open facts are found from its few missing cells, not by a walk of every source's fields. */
  private readonly sourcesOf: readonly (readonly number[])[];
  private readonly touched: Uint8Array;
  /** Each candidate's field number (`FIELD_KEYS`, for `given`) and fact number (`factAt`). */
  private readonly fieldNumbers: Int32Array;
  private readonly factNumbers: Int32Array;
  /** 1 where the candidate has a `BLANK_READINGS` entry (its blank may be a statement). */
  private readonly hasReading: Uint8Array;
  /** Each candidate's "missing when given" fields, `givenFields[whenFrom[i]]` up to `whenTo[i]`; "unless given" likewise, `unlessFrom[i]` -1 where it has none. */
  private readonly whenFrom: Int32Array;
  private readonly whenTo: Int32Array;
  private readonly unlessFrom: Int32Array;
  private readonly unlessTo: Int32Array;
  private readonly givenFields: Int32Array;
  private readonly givenFacts: Int32Array;
  /**
   * For a row read with `given`, by words of 30 candidates: the candidates without a reading (a blank always
   * missing evidence) as bits; and the readings that can make a blank missing, each once however many
   * candidates share it (the six areas of a report card, the five KS2 results): a candidate of each (its
   * tests are the reading's), and the bits of the candidates that have it, `words` numbers a reading.
   */
  private readonly plainBits: Int32Array;
  private readonly readingCandidate: Int32Array;
  private readonly readingBits: Int32Array;
  /** Scratch: by word, the candidates whose blank is missing evidence in the row. */
  private readonly blankMissing: number[];
  /** Each candidate's `missingForPhases`, or null. */
  private readonly phases: readonly (readonly Phase[] | null)[];
  private readonly words: number;
  private readonly flags: number[];
  // Rows share a few patterns of missing cells (a column left blank, a report card's areas): each pattern's
  // open facts are worked out once, and rows of a pattern whose facts are all opened alike share them.
  // Keyed by the pattern's flags in words of 30 (small integers, hashed fast).
  private readonly byPattern: PatternTable<Pattern>;
  /**
   * Each source's unknown where all its cells are missing (most sources have one cell), made once and shared
   * by the patterns that open it so: a pattern then keeps no object of its own for it.
   */
  private readonly wholeUnknown: (UnknownFact | undefined)[];

  constructor(readFacts: readonly FactKey[], mapping: HeaderMapping, asOf: CalendarDate, national: NationalParameters) {
    this.asOf = asOf;
    this.national = national;
    const present = (f: FieldKey) => mapping.byField[f] !== undefined;
    const sources = readFacts.map((fact) => ({ fact, fields: (fact in FIELDS ? [fact as FieldKey] : (DERIVED_FROM[fact] ?? [])).filter(present) })).filter((s) => s.fields.length > 0);
    const candidates = [...new Set(sources.flatMap((s) => s.fields))];
    this.candidates = candidates;
    // Each source's fields as positions among the candidates, so a row's missing cells are flags, not a search.
    const position = new Map(candidates.map((f, i) => [f, i]));
    this.sourceAt = sources.map((s) => ({ fact: s.fact, fields: s.fields, at: s.fields.map((f) => position.get(f)!) }));
    const sourcesOf: number[][] = candidates.map(() => []);
    this.sourceAt.forEach((s, k) => {
      for (const a of s.at) sourcesOf[a]!.push(k);
    });
    this.sourcesOf = sourcesOf;
    this.touched = new Uint8Array(this.sourceAt.length);
    const n = candidates.length;
    this.fieldNumbers = Int32Array.from(candidates, (f) => FIELD_KEYS.indexOf(f));
    this.factNumbers = Int32Array.from(candidates, factNumber);
    this.hasReading = new Uint8Array(n);
    this.whenFrom = new Int32Array(n);
    this.whenTo = new Int32Array(n);
    this.unlessFrom = new Int32Array(n).fill(-1);
    this.unlessTo = new Int32Array(n);
    const given: FieldKey[] = [];
    const phases: (readonly Phase[] | null)[] = [];
    candidates.forEach((f, i) => {
      const reading = BLANK_READINGS[f];
      phases.push(reading?.missingForPhases ?? null);
      if (!reading) return;
      this.hasReading[i] = 1;
      this.whenFrom[i] = given.length;
      given.push(...(reading.missingWhenGiven ?? []));
      this.whenTo[i] = given.length;
      if (reading.missingUnlessGiven) {
        this.unlessFrom[i] = given.length;
        given.push(...reading.missingUnlessGiven);
        this.unlessTo[i] = given.length;
      }
    });
    this.phases = phases;
    this.words = Math.ceil(n / 30);
    const words = this.words;
    this.plainBits = new Int32Array(words);
    // Readings by identity (a shared reading is one object); one whose blank is never missing has no bits.
    const readings = new Map<BlankReading, number[]>();
    candidates.forEach((f, i) => {
      const reading = BLANK_READINGS[f];
      if (!reading) this.plainBits[(i / 30) | 0]! |= 1 << i % 30;
      else if (reading.missingWhenGiven?.length || reading.missingUnlessGiven || reading.missingForPhases) {
        let sharing = readings.get(reading);
        if (!sharing) readings.set(reading, (sharing = []));
        sharing.push(i);
      }
    });
    this.readingCandidate = Int32Array.from(readings.values(), (sharing) => sharing[0]!);
    this.readingBits = new Int32Array(readings.size * words);
    [...readings.values()].forEach((sharing, g) => {
      for (const i of sharing) this.readingBits[g * words + ((i / 30) | 0)]! |= 1 << i % 30;
    });
    this.blankMissing = new Array<number>(words).fill(0);
    this.givenFields = Int32Array.from(given, (f) => FIELD_KEYS.indexOf(f));
    this.givenFacts = Int32Array.from(given, factNumber);
    this.flags = new Array<number>(this.words).fill(0);
    this.byPattern = new PatternTable<Pattern>(this.words, 1 + PATTERN_ROOM);
    this.wholeUnknown = this.sourceAt.map(() => undefined);
    // A new register's reader: the last register's unknowns and their table are let go.
    lastShared.unknowns = null;
    lastShared.room = null;
  }

  /** The facts a row's missing cells open; `given` as for `unknownsReader`. */
  read(record: SchoolRecord, facts: Facts, given?: Uint8Array): Unknowns | null {
    const n = this.candidates.length;
    if (n === 0) return null;
    const { flags, words } = this;
    if (given !== undefined) {
      // A candidate is missing where not given (a bit without a branch) and its blank is missing evidence:
      // always without a reading, and as each reading's tests find for the row, once a reading.
      const { fieldNumbers, plainBits, readingCandidate, readingBits, blankMissing } = this;
      for (let w = 0; w < words; w++) {
        let word = 0;
        for (let i = w * 30, end = Math.min(n, i + 30), bit = 0; i < end; i++, bit++) word |= (given[fieldNumbers[i]!]! ^ 1) << bit;
        flags[w] = word;
        blankMissing[w] = plainBits[w]!;
      }
      for (let g = 0; g < readingCandidate.length; g++) {
        if (!this.blankMissingGiven(readingCandidate[g]!, record, given)) continue;
        for (let w = 0; w < words; w++) blankMissing[w] |= readingBits[g * words + w]!;
      }
      for (let w = 0; w < words; w++) flags[w] &= blankMissing[w]!;
    } else {
      for (let w = 0; w < words; w++) {
        let word = 0;
        const end = Math.min(n, (w + 1) * 30);
        for (let i = w * 30; i < end; i++) if (this.missing(i, record)) word |= 1 << i % 30;
        flags[w] = word;
      }
    }
    let any = false;
    for (let w = 0; w < words; w++) if (flags[w] !== 0) any = true;
    if (!any) return null;
    const byPattern = this.byPattern;
    const slot = byPattern.slotOf(flags);
    // What the pattern is, from the row its lookup has just read rather than from its object.
    const rows = byPattern.rows;
    const at = byPattern.roomAt(slot);
    const kind = rows[at];
    if (kind === SHARED) {
      const shared = byPattern.at(slot) as SharedUnknowns;
      const last = lastShared;
      last.unknowns = shared;
      last.room = rows;
      last.roomAt = at + 1;
      return shared;
    }
    if (kind === NOTHING_OPEN) return null;
    let pattern = byPattern.at(slot);
    if (pattern === undefined) {
      pattern = this.patternOf(flags);
      if (byPattern.keep(slot, flags, pattern)) {
        rows[at] = pattern === null ? NOTHING_OPEN : pattern instanceof SharedUnknowns ? SHARED : OWN_RANGES;
        if (pattern instanceof SharedUnknowns) {
          pattern.room = rows;
          pattern.roomAt = at + 1;
        }
      }
    }
    if (pattern === null || pattern instanceof SharedUnknowns) return pattern;
    const out = new Map<FactKey, UnknownFact>();
    // The risk score's range, worked out once for the score and its level.
    let risk: RiskRange | undefined;
    for (const { fact, why, unknown } of pattern) {
      if (unknown !== null) out.set(fact, unknown);
      else if (fact === 'concernCount') out.set(fact, { fields: why, range: [facts.concernCount, facts.concernCount + why.length] });
      else if (fact === 'inspectionRiskScore') {
        risk ??= riskRange(record, why, this.asOf, this.national);
        if (risk.scores[0] !== risk.scores[1] || risk.scores[0] !== facts.inspectionRiskScore) out.set(fact, { fields: why, range: risk.scores });
      } else {
        // The level is open only where the blanks could move it to another level, not merely the score within it.
        risk ??= riskRange(record, why, this.asOf, this.national);
        let moves = false;
        for (const l of risk.levels) if (l !== facts.inspectionRisk) moves = true;
        if (moves) out.set(fact, { fields: why });
      }
    }
    return out.size ? out : null;
  }

  /**
   * For a candidate with a reading, `blankIsMissing(candidate, record)` by the reader's flags: a field is set in
   * the record exactly where `given` flags it (the reader leaves every other field blank, and deriving sets
   * only derived facts).
   */
  private blankMissingGiven(i: number, record: SchoolRecord, given: Uint8Array): boolean {
    const fields = this.givenFields;
    for (let j = this.whenFrom[i]!, end = this.whenTo[i]!; j < end; j++) if (given[fields[j]!] === 1) return true;
    const from = this.unlessFrom[i]!;
    if (from >= 0) {
      let any = false;
      for (let j = from, end = this.unlessTo[i]!; j < end; j++) {
        if (given[fields[j]!] === 1) {
          any = true;
          break;
        }
      }
      if (!any) return true;
    }
    return this.missingForPhase(i, record);
  }

  /** `missingGiven` without the flags: the record's fields read by number (`factAt`, a named read). */
  private missing(i: number, record: SchoolRecord): boolean {
    const at = factAt;
    const r = record as unknown as Facts;
    if (at(r, this.factNumbers[i]!) !== undefined) return false;
    if (this.hasReading[i] === 0) return true;
    const facts = this.givenFacts;
    for (let j = this.whenFrom[i]!, end = this.whenTo[i]!; j < end; j++) if (at(r, facts[j]!) !== undefined) return true;
    const from = this.unlessFrom[i]!;
    if (from >= 0) {
      let any = false;
      for (let j = from, end = this.unlessTo[i]!; j < end; j++) {
        if (at(r, facts[j]!) !== undefined) {
          any = true;
          break;
        }
      }
      if (!any) return true;
    }
    return this.missingForPhase(i, record);
  }

  private missingForPhase(i: number, record: SchoolRecord): boolean {
    const phases = this.phases[i]!;
    if (phases === null) return false;
    const phase = record.phase;
    if (phase === undefined) return true;
    for (let j = 0; j < phases.length; j++) if (phases[j] === phase) return true;
    return false;
  }

  private patternOf(flags: readonly number[]): Pattern {
    const { sourceAt, sourcesOf, touched } = this;
    for (let i = 0; i < this.candidates.length; i++) if ((flags[(i / 30) | 0]! & (1 << i % 30)) !== 0) for (const k of sourcesOf[i]!) touched[k] = 1;
    const open: PatternFact[] = [];
    let rowDependent = false;
    // In the sources' order, each source's cells in its fields' order: the unknowns' order as before.
    for (let k = 0; k < sourceAt.length; k++) {
      if (touched[k] === 0) continue;
      touched[k] = 0;
      const { fact, fields, at } = sourceAt[k]!;
      const gathered: FieldKey[] = [];
      for (let j = 0; j < at.length; j++) if ((flags[(at[j]! / 30) | 0]! & (1 << at[j]! % 30)) !== 0) gathered.push(fields[j]!);
      // The source's own list where every cell is missing; otherwise copied to its length (a list grown by
      // pushes keeps room for 16 or more, and a pattern's are kept for the call).
      const whole = gathered.length === at.length;
      const why = whole ? fields : gathered.slice();
      // The risk's range is the row's own, unless a missing judgement makes it any score and level.
      const anyRisk = (fact === 'inspectionRiskScore' || fact === 'inspectionRisk') && makesAnyRisk(why);
      const own = fact === 'concernCount' || ((fact === 'inspectionRiskScore' || fact === 'inspectionRisk') && !anyRisk);
      if (own) rowDependent = true;
      let unknown: UnknownFact | null = null;
      if (!own) unknown = whole ? (this.wholeUnknown[k] ??= unknownOf(fact, why)) : unknownOf(fact, why);
      open.push({ fact, why, unknown });
    }
    if (rowDependent) return open;
    if (open.length === 0) return null;
    const shared = new SharedUnknowns();
    for (const o of open) shared.set(o.fact, o.unknown!);
    return shared;
  }
}

/** The unknown of a fact whose value is not the row's own, opened by the missing cells `why`. */
function unknownOf(fact: FactKey, why: readonly FieldKey[]): UnknownFact {
  return fact === 'inspectionRiskScore' ? { fields: why, range: ANY_RISK.scores } : { fields: why };
}

/** One open fact of a pattern of missing cells: the cells why, and what it may be when that is the same for every row. */
interface PatternFact {
  readonly fact: FactKey;
  readonly why: readonly FieldKey[];
  /** `null` for the facts whose range is the row's own (the concern count, the risk score and level). */
  readonly unknown: UnknownFact | null;
}

/**
 * What a pattern of missing cells gives its rows: where no fact's range is the row's own, the unknowns every
 * such row shares (the pattern is then only those, so a row reads no object of it but what it returns);
 * otherwise the facts it opens, the row's unknowns worked out from them.
 */
type Pattern = SharedUnknowns | readonly PatternFact[] | null;

/** The least and the most the risk score could be with the missing inputs filled, and the levels at those extremes. */
interface RiskRange {
  readonly scores: readonly [number, number];
  readonly levels: readonly RiskLevel[];
}

const ANY_RISK: RiskRange = { scores: [0, 100], levels: RISK_LEVELS };

/** A missing judgement can make the standing anything, and the risk's score and level with it, whatever the rest of the row. */
function makesAnyRisk(missing: readonly FieldKey[]): boolean {
  for (const f of missing) if ((STANDING as readonly FieldKey[]).includes(f)) return true;
  return false;
}

/** The least and the most the risk score could be with the missing inputs filled. */
function riskRange(record: SchoolRecord, missing: readonly FieldKey[], asOf: CalendarDate, national: NationalParameters): RiskRange {
  // Loops rather than callbacks: this runs for most schools, and each callback made is a function object.
  if (makesAnyRisk(missing)) return ANY_RISK;
  let cohortMissing = false;
  for (const f of missing) if (f === 'ks2Cohort' || f === 'ks4Cohort') cohortMissing = true;
  // The inspection date decides which inspection is the latest when others are dated: any score then.
  if (missing.includes('inspectionDate') && (record.ungradedInspectionDate !== undefined || record.reportCardDate !== undefined)) return ANY_RISK;
  // The blanks are filled in the record itself and emptied again after (no copy of some 90 fields per
  // extreme): they are blank (`undefined`) on the way in, and the record is never read meanwhile.
  const cells = record as unknown as Record<string, unknown>;
  const own: boolean[] = [];
  for (const f of missing) own.push(Object.hasOwn(cells, f));
  let least = Infinity;
  let most = -Infinity;
  let lowRank = Infinity;
  let highRank = -Infinity;
  try {
    // As is, then (where a cohort is blank) with a cohort of none: a blank cohort counts results in full, a
    // cohort of none not at all, either could be further from the middle. The worst, then the best, of each.
    for (let cohort = 0; cohort < (cohortMissing ? 2 : 1); cohort++) {
      for (let best = 0; best < 2; best++) {
        for (const f of missing) {
          const extreme = RISK_EXTREMES[f];
          cells[f] = extreme ? (best ? extreme.best(asOf) : extreme.worst(asOf)) : undefined;
        }
        if (cohort === 1) for (const f of COHORTS) if (missing.includes(f)) cells[f] = 0;
        // Scored as the school's own risk is (its window under the analyst's coverage and rules), so the range holds it.
        const risk = schoolInspectionRisk(record, asOf, national);
        const rank = RISK_LEVELS.indexOf(risk.level);
        least = Math.min(least, risk.score);
        most = Math.max(most, risk.score);
        lowRank = Math.min(lowRank, rank);
        highRank = Math.max(highRank, rank);
      }
    }
  } finally {
    for (let i = 0; i < missing.length; i++) {
      if (own[i]) cells[missing[i]!] = undefined;
      else delete cells[missing[i]!];
    }
  }
  // The level rises with the score: the levels between the extremes' are possible too.
  return { scores: [least, most], levels: RISK_LEVELS.slice(lowRank, highRank + 1) };
}

const COHORTS = ['ks2Cohort', 'ks4Cohort'] as const satisfies readonly FieldKey[];

const FIELDS_IN_ORDER = Object.keys(FIELDS) as FieldKey[];
const FIELD_POSITION: ReadonlyMap<FieldKey, number> = new Map(FIELDS_IN_ORDER.map((f, i) => [f, i]));
const ascending = (a: number, b: number) => a - b;

/** Fields in the catalogue's order, for messages. */
export function inFieldOrder(fields: Iterable<FieldKey>): FieldKey[] {
  // Sorted as positions: a comparator looking both fields up at every comparison cost more than the rest (a provisional result per school).
  const at: number[] = [];
  for (const f of fields) {
    const p = FIELD_POSITION.get(f)!;
    if (!at.includes(p)) at.push(p);
  }
  at.sort(ascending);
  const out: FieldKey[] = [];
  for (const p of at) out.push(FIELDS_IN_ORDER[p]!);
  return out;
}
