/**
 * The SIG pack as data: everything the School Improvement Group discusses about one run, built once
 * from the run plan and laid out by each shell (the workbook's SIG summary and School profiles sheets,
 * and the PDF). Plain values only: labels as the cells show them, dates as the analyst reads them.
 */
import { termOf, toUkDate, type CalendarDate } from '../../core/dates';
import { deriveFacts, nationalParameters, type InspectionOptions, type NationalParameters } from '../../core/deriveFacts';
import { categorise, categoryRank, type CompiledFramework, type Parameters } from '../../core/engine';
import type { SchoolRecord } from '../../core/fields';
import { defaultsAt, type RunSettings } from '../../core/parameters';
import { stuckReason } from '../../core/ofsted/rise';
import { ofstedStanding } from '../../core/ofsted/standing';
import { provisionalText } from '../../core/register';
import { MOVEMENT_TEXT, type RowPlan, type RunPlan } from './registerRun';
import type { RunLogEntry } from './runLog';

/** One category's count, in the framework's colours. */
export interface PackCount {
  readonly id: string;
  readonly label: string;
  readonly colour: string;
  readonly textColour: string;
  readonly schools: number;
  readonly provisional: number;
}

/** A table of schools per category (rows) by some grouping (columns). */
export interface CrossTab {
  readonly columns: readonly string[];
  readonly rows: readonly { readonly category: PackCount; readonly counts: readonly number[] }[];
}

/** A school as a list line: name, URN, its category label, and what the list is about. */
export interface SchoolLine {
  readonly name: string;
  readonly urn: string;
  readonly category: string;
  readonly detail: string;
}

/** One school of concern, for a page of its own. */
export interface Profile {
  readonly name: string;
  readonly urn: string;
  readonly phase: string;
  readonly status: string;
  /** With its variant: "Medium (enhanced priority)". */
  readonly category: string;
  readonly colour: string;
  readonly textColour: string;
  readonly reasons: readonly { readonly text: string; readonly section: string; readonly quote: string }[];
  readonly support: { readonly summary: string; readonly actions: readonly string[]; readonly cadence: string; readonly informed: readonly string[]; readonly section: string };
  readonly alsoOffered: readonly string[];
  readonly ofsted: readonly string[];
  readonly window: string;
  /** Every criterion of the framework and how this school stands against it. */
  readonly criteria: readonly { readonly label: string; readonly outcome: 'Met' | 'Not met' | 'Not known'; readonly section: string; readonly missing: string }[];
  readonly override: string | null;
  readonly missing: string | null;
  readonly problems: readonly string[];
}

/** The whole pack. */
export interface Pack {
  readonly authority: string;
  readonly framework: { readonly id: string; readonly name: string; readonly version: string };
  readonly asOf: string;
  readonly ranAt: string;
  readonly source: string;
  readonly counts: readonly PackCount[];
  readonly notCategorised: number;
  readonly total: number;
  readonly byPhase: CrossTab;
  readonly byStatus: CrossTab;
  readonly movements: {
    /** No previous run to compare with (the first run on this register). */
    readonly firstRun: boolean;
    readonly totals: readonly { readonly label: string; readonly schools: number }[];
    readonly changed: readonly { readonly name: string; readonly urn: string; readonly previous: string; readonly now: string; readonly movement: string }[];
  };
  readonly overdue: readonly SchoolLine[];
  readonly dueThisTerm: readonly SchoolLine[];
  readonly highestRisks: readonly SchoolLine[];
  readonly stuck: readonly SchoolLine[];
  /** The count per category over the last runs under this framework (this one last), oldest first. */
  readonly trend: { readonly runs: readonly { readonly asOf: string; readonly counts: readonly number[] }[] };
  readonly profiles: readonly Profile[];
  /** Schools in the two most concerning categories past the first MAX_PROFILES, with no profile of their own. */
  readonly profilesNotShown: number;
}

/** What heads every sheet of a pack: the authority, the framework, the as-of date and the time of the run. */
export type PackHeading = Pick<Pack, 'authority' | 'framework' | 'asOf' | 'ranAt'>;

/** How many runs the trend shows, this one included. */
export const TREND_RUNS = 6;
/** How many schools the highest-risk list shows. */
export const HIGHEST_RISKS = 10;
/**
 * The most profiles a pack holds. No authority's register comes near it (the largest have about 600
 * schools in all); a register of England's 25,000 schools would otherwise make 5,000 to 23,000 pages,
 * past Excel's 1,048,576 rows for some frameworks, and minutes of writing in the task pane.
 */
export const MAX_PROFILES = 500;

const PHASES: Readonly<Record<string, string>> = {
  nursery: 'Nursery', primary: 'Primary', middle: 'Middle', secondary: 'Secondary', 'all-through': 'All-through',
  special: 'Special', 'alternative-provision': 'Alternative provision', 'post-16': 'Post-16',
};
const STATUSES = ['Maintained', 'Academy', 'Not recorded'] as const;
const GRADES: Readonly<Record<string, string>> = {
  outstanding: 'Outstanding', good: 'Good', satisfactory: 'Satisfactory', 'requires-improvement': 'Requires improvement', inadequate: 'Inadequate',
  'serious-weaknesses': 'Serious weaknesses', 'special-measures': 'Special measures', 'not-judged': 'Not judged',
};

const phaseOf = (r: SchoolRecord) => (r.phase ? PHASES[r.phase] ?? String(r.phase) : 'Not recorded');
const statusOf = (r: SchoolRecord) => (r.status === 'maintained' ? 'Maintained' : r.status === 'academy' ? 'Academy' : 'Not recorded');
const nameOf = (r: RowPlan) => r.outcome.record.schoolName ?? `Row ${r.outcome.row}`;

/** Builds the pack of a run. `history` is the Run log before this run (oldest first). */
export function buildPack(
  plan: RunPlan,
  fw: CompiledFramework,
  context: {
    readonly asOf: CalendarDate; readonly ranAt: Date; readonly source: string; readonly history: readonly RunLogEntry[];
    /** The run's parameters and inspection options, so each profile's criteria are those the run evaluated. */
    readonly settings?: RunSettings; readonly inspection?: InspectionOptions;
  },
): Pack {
  const def = fw.definition;
  const s = plan.summary;
  const counts: PackCount[] = s.counts.map((c) => ({ id: c.id, label: c.label, colour: c.colour, textColour: c.textColour, schools: c.schools, provisional: c.provisional }));
  const categorised = plan.rows.filter((r) => r.outcome.result);
  const rankOf = (r: RowPlan) => categoryRank(fw, r.outcome.result!.category)!;
  // Lists name the category by its label alone (a variant's words would not fit a list), provisional marked.
  const line = (r: RowPlan, detail: string): SchoolLine => ({ name: nameOf(r), urn: r.outcome.urn ?? '', category: `${r.outcome.result?.label ?? ''}${r.outcome.provisional ? ' (provisional)' : ''}`, detail });

  const crossTab = (columns: readonly string[], of: (r: RowPlan) => string): CrossTab => ({
    columns,
    rows: counts.map((category) => ({ category, counts: columns.map((col) => categorised.filter((r) => r.outcome.result!.category === category.id && of(r) === col).length) })),
  });
  const phases = Object.values(PHASES).filter((p) => categorised.some((r) => phaseOf(r.outcome.record) === p));
  if (categorised.some((r) => !r.outcome.record.phase)) phases.push('Not recorded');

  // Movements: every kind counted, so the SIG sees the whole register moved or not.
  const kinds = ['up', 'down', 'same', 'new', 'other'] as const;
  const firstRun = plan.rows.every((r) => r.movement === null);
  const totals = kinds.map((k) => ({ label: MOVEMENT_TEXT[k], schools: plan.rows.filter((r) => r.movement === k).length }));

  // Inspections: overdue (the latest date passed) and due this term, from each school's window.
  const term = termOf(context.asOf);
  const windowed = categorised.filter((r) => r.outcome.inspection?.dueBy !== undefined);
  const overdue = windowed.filter((r) => r.outcome.inspection!.dueBy! < context.asOf)
    .sort((a, b) => a.outcome.inspection!.dueBy! - b.outcome.inspection!.dueBy!)
    .map((r) => line(r, `due by ${toUkDate(r.outcome.inspection!.dueBy!)}`));
  const dueThisTerm = windowed.filter((r) => {
    const w = r.outcome.inspection!;
    return w.dueBy! >= context.asOf && (w.dueFrom ?? w.dueBy!) <= term.end && w.dueBy! >= term.start;
  }).sort((a, b) => a.outcome.inspection!.dueBy! - b.outcome.inspection!.dueBy!)
    .map((r) => line(r, `${r.outcome.inspection!.dueFrom === undefined ? '' : `from ${toUkDate(r.outcome.inspection!.dueFrom)} `}by ${toUkDate(r.outcome.inspection!.dueBy!)}`));
  const highestRisks = categorised.filter((r) => r.outcome.inspection)
    .sort((a, b) => b.outcome.inspection!.riskScore - a.outcome.inspection!.riskScore || rankOf(b) - rankOf(a))
    .slice(0, HIGHEST_RISKS)
    .map((r) => line(r, String(r.cells[3])));

  // "Stuck" as the DfE defines it for RISE (core/ofsted/rise.ts).
  const stuck = plan.rows.flatMap((r) => {
    const why = stuckReason(r.outcome.record, ofstedStanding(r.outcome.record));
    return why === null ? [] : [line(r, why)];
  });

  // The trend: the last runs under this framework, this one included.
  const earlier = context.history.filter((h) => h.frameworkId === def.id).slice(-(TREND_RUNS - 1));
  const trend = {
    runs: [
      ...earlier.map((h) => ({ asOf: h.asOf, counts: counts.map((c) => h.counts[c.id] ?? 0) })),
      { asOf: toUkDate(context.asOf), counts: counts.map((c) => c.schools) },
    ],
  };

  // A profile for every school in the two most concerning categories, the most concerning first.
  const top = new Set(def.categories.slice(-2).map((c) => c.id));
  const ofConcern = categorised.filter((r) => top.has(r.outcome.result!.category))
    .sort((a, b) => rankOf(b) - rankOf(a) || nameOf(a).localeCompare(nameOf(b)));
  const params = context.settings?.params ?? defaultsAt(fw, context.asOf);
  const national = nationalParameters(context.inspection, context.settings?.national);
  const profiles = ofConcern.slice(0, MAX_PROFILES).map((r) => schoolProfile(r, fw, context.asOf, params, national));

  return {
    ...packHeading(fw, context.asOf, context.ranAt),
    source: context.source,
    counts,
    notCategorised: s.notCategorised,
    total: plan.rows.length,
    byPhase: crossTab(phases, (r) => phaseOf(r.outcome.record)),
    byStatus: crossTab(STATUSES, (r) => statusOf(r.outcome.record)),
    movements: { firstRun, totals, changed: s.movements.map((m) => ({ ...m, movement: MOVEMENT_TEXT[m.movement] })) },
    overdue,
    dueThisTerm,
    highestRisks,
    stuck,
    trend,
    profiles,
    profilesNotShown: ofConcern.length - profiles.length,
  };
}

/** The heading of a run's pack (and of one school's profile asked for in the task pane). */
export function packHeading(fw: CompiledFramework, asOf: CalendarDate, ranAt: Date): PackHeading {
  const def = fw.definition;
  return { authority: def.authority, framework: { id: def.id, name: def.name, version: def.version }, asOf: toUkDate(asOf), ranAt: ranAt.toISOString() };
}

/** One categorised school's profile (its row must have a result), its criteria under the run's parameters. */
export function schoolProfile(r: RowPlan, fw: CompiledFramework, asOf: CalendarDate, params: Parameters = defaultsAt(fw, asOf), national: NationalParameters = nationalParameters()): Profile {
  const res = r.outcome.result!;
  const rec = r.outcome.record;
  // The whole trace, for this school only: every criterion and how the school stands against it.
  const traced = categorise(fw, deriveFacts(rec, asOf, national).facts, { trace: true, params });
  const byId = new Map(fw.definition.criteria.map((c) => [c.id, c]));
  const date = (d: CalendarDate | undefined) => (d === undefined ? '' : ` (${toUkDate(d)})`);
  const ofsted = [
    rec.ofstedGrade ? `Latest graded: ${GRADES[rec.ofstedGrade] ?? rec.ofstedGrade}${date(rec.inspectionDate)}` : rec.reportCardDate ? `Report card${date(rec.reportCardDate)}` : 'No graded inspection recorded',
    ...(rec.previousOfstedGrade ? [`Previous graded: ${GRADES[rec.previousOfstedGrade] ?? rec.previousOfstedGrade}${date(rec.previousInspectionDate)}`] : []),
    ...(rec.ungradedInspectionDate ? [`Ungraded inspection${date(rec.ungradedInspectionDate)}${rec.ungradedOutcome ? `: ${rec.ungradedOutcome}` : ''}`] : []),
  ];
  const w = r.outcome.inspection;
  const window = !w || w.dueBy === undefined ? 'No inspection window (no inspection recorded)'
    : `Next inspection ${w.dueFrom === undefined ? '' : `from ${toUkDate(w.dueFrom)} `}by ${toUkDate(w.dueBy)}${w.dueBy < asOf ? ' (overdue)' : ''}; risk ${String(r.cells[3])}`;
  return {
    name: nameOf(r),
    urn: r.outcome.urn ?? '',
    phase: phaseOf(rec),
    status: statusOf(rec),
    category: String(r.cells[0]),
    colour: res.colour,
    textColour: res.textColour,
    reasons: res.reasons.map((x) => ({ text: `${x.label}${x.seen ? ` (${x.seen})` : ''}`, section: x.citation.section, quote: x.citation.quote })),
    support: { summary: res.support.summary, actions: res.support.actions, cadence: res.support.cadence, informed: res.support.informed, section: res.support.citation.section },
    alsoOffered: res.additional.map((a) => `${a.label}: ${a.offer} [${a.citation.section}]`),
    ofsted,
    window,
    criteria: traced.trace.map((t) => {
      const c = byId.get(t.criterion);
      return {
        label: c?.label ?? t.criterion,
        outcome: t.outcome === 'fired' ? 'Met' : t.outcome === 'not-fired' ? 'Not met' : 'Not known',
        section: c?.citation.section ?? '',
        missing: t.missing.join(', '),
      };
    }),
    override: res.override ? `${res.override.category}: ${res.override.reason || '(no reason given)'}; the rules gave ${res.computedCategory}` : null,
    missing: r.outcome.provisional ? provisionalText(r.outcome.provisional) : null,
    problems: r.outcome.problems.map((p) => p.message),
  };
}
