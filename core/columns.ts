/**
 * Which columns a framework cannot decide without. Derived from what its criteria read: a record field
 * read directly is one column; a derived fact needs the columns it is worked out from (the Ofsted
 * standing needs an Ofsted judgement: the overall grade, the key judgements or the report-card areas, one
 * of which will do). A column read by a criterion that decides a category is required; one read only by
 * a variant, an additional offer or the academies' offer is optional. The definition refines both:
 * columns of which one will do, and required columns it lets a register lack, each with why.
 *
 * A register without a required column is refused, never read as blank. An optional column that is
 * absent is listed ("not in this register: these criteria could not fire"). So is an input a derived fact
 * can do without (the next-inspection risk without attendance, the Ofsted standing without the category
 * of concern): the fact is then worked out from the rest, and the summary says so, rather than a result
 * moving silently. So is an era of Ofsted judgements (the overall grade, the key judgements, the report
 * card) whose columns are absent while another era's are present: the Ofsted judgement runs, but a school
 * judged last in the absent era has nothing to go on. A blank cell in a column the register has is missing evidence of its row (core/missingEvidence.ts);
 * a column the register lacks is said once, for the register.
 */
import type { CompiledFramework } from './engine';
import { CONCERN_FIELDS, DERIVED_FACT_LABELS, DERIVED_FACT_SOURCES, RISK_MODEL_INPUTS, type DerivedFacts, type FactKey } from './facts';
import { FIELDS, KEY_JUDGEMENT_FIELDS, REPORT_CARD_FIELDS, type FieldKey } from './fields';
import type { Condition } from './framework';
import type { HeaderMapping } from './headers';
import { problem, type Problem } from './problems';

/** Columns of which one will do, and how messages name them. */
export interface ColumnGroup {
  readonly fields: readonly FieldKey[];
  /** How messages name it, as a column: "Ofsted judgement"; for a single column, its label. */
  readonly as: string;
  /**
   * `alternatives`: ways of recording the same thing (an overall grade, or key judgements, or report-card
   * areas), so the others are not missed; `parts`: each column is evidence of its own (two triggers of one
   * criterion), so one lets the register run and the others, when absent, are listed.
   */
  readonly kind: 'alternatives' | 'parts';
}

/** A column (or one of several) a framework reads, and what reads it. */
export interface ColumnNeed extends ColumnGroup {
  /** Required: a register without it is refused. Optional: the criteria reading it cannot fire without it. */
  readonly required: boolean;
  /** The definition's reason for letting a register lack a column its deciding criteria read. */
  readonly optionalBecause?: string;
  /** Labels of the criteria, variants and offers that read it, in the definition's order. */
  readonly readBy: readonly string[];
  /** Of a group, the labels of what reads each column. */
  readonly readByField: Readonly<Partial<Record<FieldKey, readonly string[]>>>;
  /**
   * An input of derived facts that can do without it: their labels ("Next-inspection risk"). Always
   * optional; absent, those facts are worked out from their other columns.
   */
  readonly inputOf?: readonly string[];
  /**
   * An era of Ofsted judgements the register lacks while it has another's columns: what its columns record.
   * The register runs on the other era's columns; a school judged last in this era has none to go on.
   */
  readonly records?: string;
}

/**
 * One era of Ofsted's judgements, as a register records it. The eras are not alternatives for a school:
 * its last judgement is of one era, so a register with the columns of one era only cannot read another.
 */
export interface JudgementEra {
  readonly fields: readonly FieldKey[];
  /** How messages name the era's columns. */
  readonly as: string;
  /** What the columns record, for the sentence a register without them gets. */
  readonly records: string;
}

/** The columns of each era of Ofsted judgements (docs/ofsted.md). */
export const OFSTED_JUDGEMENT_ERAS: readonly JudgementEra[] = [
  { fields: ['ofstedGrade'], as: 'Ofsted grade', records: 'an overall grade (every graded inspection until August 2024)' },
  { fields: KEY_JUDGEMENT_FIELDS, as: `Key judgements (${KEY_JUDGEMENT_FIELDS.map((f) => FIELDS[f].label).join(', ')})`, records: 'the key judgements (from September 2019; the only judgements from September 2024 to November 2025)' },
  { fields: REPORT_CARD_FIELDS, as: `Report-card areas (${REPORT_CARD_FIELDS.map((f) => FIELDS[f].label).join(', ')})`, records: 'a report card (from November 2025)' },
];

/** The columns with an Ofsted judgement in them: the overall grade, a key judgement or a report-card area. */
export const OFSTED_JUDGEMENT: ColumnGroup = {
  fields: OFSTED_JUDGEMENT_ERAS.flatMap((e) => e.fields),
  as: 'Ofsted judgement',
  kind: 'alternatives',
};
const INSPECTION_DATE: ColumnGroup = { fields: ['inspectionDate', 'reportCardDate'], as: 'Inspection date', kind: 'alternatives' };
const one = (field: FieldKey): ColumnGroup => ({ fields: [field], as: FIELDS[field].label, kind: 'parts' });

/** The columns each derived fact is worked out from, as the groups it cannot do without. */
export const DERIVED_FACT_COLUMNS: Readonly<Record<keyof DerivedFacts, readonly ColumnGroup[]>> = {
  isAcademy: [one('status')],
  ofstedBand: [OFSTED_JUDGEMENT],
  ofstedSource: [OFSTED_JUDGEMENT],
  ofstedEquivalentGrade: [OFSTED_JUDGEMENT],
  inCategoryOfConcern: [OFSTED_JUDGEMENT],
  previousOfstedBand: [one('previousOfstedGrade')],
  lastInspectionDate: [INSPECTION_DATE],
  monthsSinceInspection: [INSPECTION_DATE],
  ungradedConcerns: [one('ungradedInspectionDate'), one('ungradedOutcome')],
  monthsInPost: [one('headteacherStartDate')],
  inspectionDueFrom: [OFSTED_JUDGEMENT, INSPECTION_DATE],
  inspectionDueBy: [OFSTED_JUDGEMENT, INSPECTION_DATE],
  monthsUntilInspectionDue: [OFSTED_JUDGEMENT, INSPECTION_DATE],
  inspectionOverdue: [OFSTED_JUDGEMENT, INSPECTION_DATE],
  inspectionDueThisTerm: [OFSTED_JUDGEMENT, INSPECTION_DATE],
  inspectionRisk: [OFSTED_JUDGEMENT, INSPECTION_DATE],
  inspectionRiskScore: [OFSTED_JUDGEMENT, INSPECTION_DATE],
  concernCount: [{ fields: CONCERN_FIELDS, as: 'Concern flags', kind: 'parts' }],
  riseStuck: [OFSTED_JUDGEMENT, one('previousOfstedGrade')],
};

/**
 * The columns a derived fact is also worked out from, beyond the groups it cannot do without: every input of
 * the inspection-risk model (it allows for a blank or absent one), and the other sources of the rest.
 */
function optionalInputs(fact: keyof DerivedFacts): readonly FieldKey[] {
  const needed = new Set(DERIVED_FACT_COLUMNS[fact].flatMap((g) => g.fields));
  const sources: readonly FieldKey[] = fact === 'inspectionRisk' || fact === 'inspectionRiskScore' ? [...DERIVED_FACT_SOURCES[fact], ...RISK_MODEL_INPUTS] : DERIVED_FACT_SOURCES[fact];
  return [...new Set(sources)].filter((f) => !needed.has(f));
}

/** The groups a fact needs. */
function groupsOf(fact: FactKey): readonly ColumnGroup[] {
  return fact in FIELDS ? [one(fact as FieldKey)] : DERIVED_FACT_COLUMNS[fact as keyof DerivedFacts];
}

/** The facts a condition reads itself, not through the criteria it refers to. */
function ownFacts(cond: Condition, out: Set<FactKey> = new Set()): Set<FactKey> {
  if ('criterion' in cond) return out;
  if ('all' in cond) cond.all.forEach((c) => ownFacts(c, out));
  else if ('any' in cond) cond.any.forEach((c) => ownFacts(c, out));
  else if ('not' in cond) ownFacts(cond.not, out);
  else if ('atLeast' in cond) cond.of.forEach((c) => ownFacts(c, out));
  else out.add(cond.fact);
  return out;
}

const needsByFramework = new WeakMap<CompiledFramework, readonly ColumnNeed[]>();

/** Every column need of a framework, required first, each once. */
export function columnNeeds(fw: CompiledFramework): readonly ColumnNeed[] {
  let needs = needsByFramework.get(fw);
  if (!needs) needsByFramework.set(fw, (needs = deriveNeeds(fw)));
  return needs;
}

function deriveNeeds(fw: CompiledFramework): readonly ColumnNeed[] {
  const def = fw.definition;
  // The criteria that decide a category: those the category rules refer to, and those that are evidence for one.
  const deciding = new Set<number>();
  for (const cat of fw.categories) cat.criteria.forEach((i) => deciding.add(i));
  for (const c of fw.inDefinitionOrder) {
    if (c.indicatesRank >= 0) [c.index, ...c.refersTo].forEach((i) => deciding.add(i));
  }
  const readers: { label: string; facts: Iterable<FactKey>; decides: boolean }[] = [
    ...def.criteria.map((c, i) => ({ label: c.label, facts: ownFacts(c.when), decides: deciding.has(i) })),
    ...def.categories.flatMap((cat) => (cat.variants ?? []).map((v) => ({ label: `${cat.label}: ${v.label}`, facts: ownFacts(v.when), decides: false }))),
    ...(def.additional ?? []).map((a) => ({ label: a.label, facts: ownFacts(a.when), decides: false })),
    ...(def.categories.some((c) => c.support.academy) ? [{ label: 'The academies\' support offer', facts: ['isAcademy' as FactKey], decides: false }] : []),
  ];
  const oneOf = def.columns?.oneOf ?? [];
  const optional = def.columns?.optional ?? [];
  const byKey = new Map<string, { group: ColumnGroup; decides: boolean; readBy: string[]; readByField: Partial<Record<FieldKey, string[]>> }>();
  for (const r of readers) {
    for (const fact of r.facts) {
      for (const derived of groupsOf(fact)) {
        // A column the definition puts in a group of which one will do is needed as that group.
        const declared = oneOf.find((g) => derived.fields.every((f) => g.fields.includes(f)));
        const group: ColumnGroup = declared ? { ...declared, kind: 'parts' } : derived;
        const key = [...group.fields].sort().join('|');
        const entry = byKey.get(key) ?? { group, decides: false, readBy: [], readByField: {} };
        entry.decides ||= r.decides;
        if (!entry.readBy.includes(r.label)) entry.readBy.push(r.label);
        for (const f of derived.fields) {
          const list = (entry.readByField[f] ??= []);
          if (!list.includes(r.label)) list.push(r.label);
        }
        byKey.set(key, entry);
      }
    }
  }
  // The inputs derived facts can do without, each a column of its own, unless a criterion reads it or it is in a group above.
  const grouped = new Set([...byKey.values()].flatMap((e) => e.group.fields));
  const inputs = new Map<FieldKey, { readBy: string[]; inputOf: string[] }>();
  for (const r of readers) {
    for (const fact of r.facts) {
      if (fact in FIELDS) continue;
      for (const f of optionalInputs(fact as keyof DerivedFacts)) {
        if (grouped.has(f)) continue;
        const entry = inputs.get(f) ?? { readBy: [], inputOf: [] };
        if (!entry.readBy.includes(r.label)) entry.readBy.push(r.label);
        const label = DERIVED_FACT_LABELS[fact as keyof DerivedFacts];
        if (!entry.inputOf.includes(label)) entry.inputOf.push(label);
        inputs.set(f, entry);
      }
    }
  }
  const inputNeeds = [...inputs].map(([f, { readBy, inputOf }]): ColumnNeed => ({ ...one(f), required: false, readBy, readByField: { [f]: readBy }, inputOf }));
  const needs = [...byKey.values()].map(({ group, decides, readBy, readByField }): ColumnNeed => {
    const lifted = optional.find((o) => group.fields.every((f) => o.fields.includes(f)));
    return { ...group, required: decides && !lifted, ...(decides && lifted ? { optionalBecause: lifted.why } : {}), readBy, readByField };
  });
  const urnReaders = ['every row: the URN identifies the school'];
  return [{ ...one('urn'), required: true, readBy: urnReaders, readByField: { urn: urnReaders } }, ...needs.filter((n) => n.required), ...needs.filter((n) => !n.required), ...inputNeeds];
}

/** How a register's columns meet a framework's needs. */
export interface ColumnCheck {
  /** Required needs no column meets: the register cannot be categorised. */
  readonly missing: readonly ColumnNeed[];
  /**
   * Columns the framework reads that the register lacks although it can run: optional needs no column
   * meets, and the absent parts of a group another part met. Listed; the criteria reading them could not fire.
   */
  readonly absent: readonly ColumnNeed[];
  /** One `missing-column` problem (an error) per missing need. */
  readonly problems: readonly Problem[];
}

/** Checks a register's mapping against a framework's column needs. */
export function checkColumns(fw: CompiledFramework, mapping: HeaderMapping): ColumnCheck {
  const mapped = (f: FieldKey) => mapping.byField[f] !== undefined;
  const missing: ColumnNeed[] = [];
  const absent: ColumnNeed[] = [];
  const absentInputs: ColumnNeed[] = [];
  for (const need of columnNeeds(fw)) {
    if (need.inputOf) {
      if (!mapped(need.fields[0]!)) absentInputs.push(need);
      continue;
    }
    const met = need.fields.some(mapped);
    if (!met && need.required) missing.push(need);
    else if (!met) absent.push(need);
    else if (need.fields === OFSTED_JUDGEMENT.fields) {
      // The Ofsted judgement is met by any era's columns, but an era without its columns cannot be read: said, not silent.
      for (const era of OFSTED_JUDGEMENT_ERAS) {
        if (!era.fields.some(mapped)) absent.push({ fields: era.fields, as: era.as, kind: 'parts', required: false, readBy: need.readBy, readByField: need.readByField, records: era.records });
      }
    } else if (need.kind === 'parts' && need.fields.length > 1) {
      for (const f of need.fields) {
        const readBy = need.readByField[f] ?? need.readBy;
        if (!mapped(f)) absent.push({ ...one(f), required: false, readBy, readByField: { [f]: readBy } });
      }
    }
  }
  // The absent inputs as one entry: a register without a dozen of the risk model's columns is one line, not a dozen.
  if (absentInputs.length > 0) absent.push(inputsNeed(absentInputs));
  return { missing, absent, problems: missing.map((n) => missingColumnProblem(fw, n)) };
}

/** Inputs derived facts can do without, absent from a register, as one need. */
function inputsNeed(needs: readonly ColumnNeed[]): ColumnNeed {
  const union = (lists: readonly (readonly string[])[]) => [...new Set(lists.flat())];
  return {
    fields: needs.map((n) => n.fields[0]!),
    as: needs.length === 1 ? needs[0]!.as : 'Inputs of worked-out facts',
    kind: 'parts',
    required: false,
    readBy: union(needs.map((n) => n.readBy)),
    readByField: Object.assign({}, ...needs.map((n) => n.readByField)),
    inputOf: union(needs.map((n) => n.inputOf ?? [])),
  };
}

/**
 * The header names that would meet a need: every name recognised for each of a few columns; for a large
 * group, every name of its first column and the others' own names.
 */
export function headersThatMatch(need: ColumnGroup): string[] {
  return need.fields.flatMap((f, i) => (need.fields.length <= 4 || i === 0 ? FIELDS[f].aliases : [FIELDS[f].label]));
}

/** Criteria named in a message before "and N more". */
const READERS_SHOWN = 3;

function missingColumnProblem(fw: CompiledFramework, need: ColumnNeed): Problem {
  const headers = headersThatMatch(need).map((h) => `"${h}"`).join(', ');
  const more = need.readBy.length > READERS_SHOWN ? ` and ${need.readBy.length - READERS_SHOWN} more` : '';
  return problem({
    kind: 'missing-column', row: 0, column: need.as, field: need.fields[0], value: undefined,
    expected: `a column headed ${need.fields.length === 1 ? '' : 'any of '}${headers}; ${fw.definition.name} needs it for: ${need.readBy.slice(0, READERS_SHOWN).join('; ')}${more}`,
  });
}

/** "the next-inspection risk" of "Next-inspection risk"; a name keeps its capital ("the Ofsted standing", "the RISE ..."). */
export function theFact(label: string): string {
  return `the ${/^(Ofsted\b|[A-Z]{2})/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1)}`;
}

/** "the next-inspection risk is worked out", "the Ofsted standing and the next-inspection risk are worked out", of facts' labels. */
export function factsWorkedOut(labels: readonly string[]): string {
  const facts = labels.map(theFact);
  const list = facts.length <= 1 ? (facts[0] ?? 'what is worked out from them') : `${facts.slice(0, -1).join(', ')} and ${facts[facts.length - 1]}`;
  return `${list} ${facts.length > 1 ? 'are' : 'is'} worked out`;
}

/** The columns an absent need names: each input's label, else the need's ("Ofsted grade", "Early years concern"). */
export function absentColumnsNamed(need: ColumnNeed): string {
  return need.inputOf ? need.fields.map((f) => FIELDS[f].label).join(', ') : need.as;
}

/** The sentence the run summary and the Run sheet give a column the register lacks but can run without. */
export function absentColumnNote(need: ColumnNeed): string {
  if (need.records) {
    return `${need.as}: not in this register, so ${need.records} cannot be read: a school judged last that way has no Ofsted judgement here, unless the register's other Ofsted columns give one, and its result is not marked provisional for it (read by: ${need.readBy.join('; ')}).`;
  }
  if (need.inputOf) {
    const them = need.fields.length === 1 ? 'it' : 'them';
    return `${need.fields.map((f) => FIELDS[f].label).join(', ')}: not in this register, so ${factsWorkedOut(need.inputOf)} without ${them} (read by: ${need.readBy.join('; ')}).`;
  }
  return `${need.as}: not in this register, so these could not fire: ${need.readBy.join('; ')}${need.optionalBecause ? ` (${need.optionalBecause})` : ''}.`;
}
