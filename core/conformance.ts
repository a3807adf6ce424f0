/**
 * Conformance cases travel with a framework: a register of example schools (as an analyst would keep
 * them) and a table of what the policy says each one is, with the words it rests on. Running them is
 * how an authority shows its file says what its policy says, and how we show the built-ins do.
 *
 * The register is read like any register: the same headers, the same cell reading, the facts derived
 * at the case's as-of date. A policy's example is sometimes stated in derived terms ("more than three
 * years since the inspection", "a risk score of 50"): a column headed `fact:` and a derived fact's name
 * (`fact:monthsSinceInspection`) sets that fact directly, for every row; a blank cell there makes it
 * blank.
 *
 * The expectations table (tab-separated, one row per case, by URN) gives the category and, where the
 * case says so, the variant, the support amount, whose offer applies, the reasons that must appear, the
 * additional offers, the parameters set for the case, the as-of date and the citation. Every criterion
 * should fire in some case and not fire in another, and every category should be reached: the coverage
 * says where the cases fall short.
 */
import { fromIsoDate, fromUkDate, type CalendarDate } from './dates';
import { deriveFacts, type NationalParameters } from './deriveFacts';
import { categorise, compileFramework, type CompiledFramework } from './engine';
import { DERIVED_FACT_KINDS, type DerivedFacts, type Facts } from './facts';
import { FIELD_KEYS, FIELDS, type FieldKey } from './fields';
import { didYouMean } from './frameworkCheck';
import { mapHeaders } from './headers';
import { resolveSettings } from './parameters';
import { readRegister } from './record';
import type { Categorisation } from './result';

/** The columns of an expectations table, in the order `framework export` and the built-ins write them. */
export const EXPECTATION_COLUMNS = ['urn', 'category', 'variant', 'support', 'offer', 'reasons', 'additional', 'params', 'as of', 'name', 'citation'] as const;
const REQUIRED_COLUMNS = ['urn', 'category', 'as of', 'name', 'citation'] as const;

/** The prefix of a column that sets a derived fact directly. */
export const FACT_COLUMN_PREFIX = 'fact:';

/** One case's expectations, as the table gives them (`undefined`: not checked). */
export interface CaseExpectation {
  readonly urn: string;
  /** Line of the table (1 is the header), for messages. */
  readonly line: number;
  readonly name: string;
  readonly citation: string;
  readonly asOf: CalendarDate;
  readonly category: string;
  /** `null`: no variant. */
  readonly variant?: string | null;
  /** `null`: the policy sets no number. */
  readonly support?: number | null;
  readonly offer?: 'maintained' | 'academy';
  readonly reasons?: readonly string[];
  /** Exactly these additional offers (`[]`: none). */
  readonly additional?: readonly string[];
  /** Parameters set for the case, `name` to its text. */
  readonly params: Readonly<Record<string, string>>;
}

/** One case run. */
export interface CaseResult {
  readonly expectation: CaseExpectation;
  readonly passed: boolean;
  /** What did not match, one line each (empty when it passed). */
  readonly failures: readonly string[];
  /** `null` when the case could not be evaluated (a bad cell, a bad parameter). */
  readonly result: Categorisation | null;
}

/** Fired and not-fired counts per criterion, and cases per category. */
export interface Coverage {
  readonly criteria: readonly { readonly id: string; readonly fired: number; readonly notFired: number; readonly unknown: number }[];
  readonly categories: readonly { readonly id: string; readonly cases: number }[];
  /** Every criterion fired and did not fire at least once, and every category was reached. */
  readonly complete: boolean;
}

/** The cases' outcome: problems with the files themselves, each case, and the coverage. */
export interface ConformanceReport {
  readonly fileProblems: readonly string[];
  readonly cases: readonly CaseResult[];
  readonly coverage: Coverage;
  readonly passed: boolean;
}

/** An expectations table as read from its file: rows of cells, the header row first. */
export interface ExpectationsTable {
  readonly rows: readonly (readonly string[])[];
  /** The file's name, for messages ("ours.cases.tsv line 3, column ..."). */
  readonly file: string;
}

/** The register of cases as read from its file: the header row, the rows, and the file's name for messages. */
export interface CasesRegister {
  readonly header: readonly unknown[];
  readonly rows: readonly (readonly unknown[])[];
  readonly file?: string;
}

/** An expectations table read: the cases, the problems (messages naming file, line and column), and the URNs of lines that cannot run. */
export interface ExpectationsRead {
  readonly expectations: CaseExpectation[];
  readonly problems: string[];
  /** URNs of lines that name a school but cannot run (a blank required cell, an as of that is not a date): their register rows are not "without expectations". */
  readonly notRun: ReadonlySet<string>;
  /** The header row has every required column and no unknown one. */
  readonly headerOk: boolean;
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
const OPTIONAL_COLUMNS = EXPECTATION_COLUMNS.filter((x) => !(REQUIRED_COLUMNS as readonly string[]).includes(x));

/** The case's as-of date from its cell: YYYY-MM-DD, or DD/MM/YYYY as Excel writes the same date back in an English locale. */
const readAsOf = (text: string): CalendarDate | null => fromIsoDate(text) ?? fromUkDate(text);

/**
 * Reads an expectations table (rows of cells; the command line reads the file as a CSV in any encoding,
 * with Excel's quotes, through readCsvText). Problems are messages naming the file, line and column.
 */
export function readExpectations(table: ExpectationsTable): ExpectationsRead {
  const { rows, file } = table;
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const problems: string[] = [];
  const notRun = new Set<string>();
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) problems.push(`${file}: the header row has no ${quoted(missing)} column${missing.length === 1 ? '' : 's'}; expected the columns ${quoted(REQUIRED_COLUMNS)} (required) and any of ${quoted(OPTIONAL_COLUMNS)}, tab-separated.`);
  for (const h of header) {
    if (!h || (EXPECTATION_COLUMNS as readonly string[]).includes(h)) continue;
    const near = didYouMean(h, EXPECTATION_COLUMNS);
    problems.push(`${file}: column "${h}" is not a column of the expectations; ${near ? `did you mean "${near}"?` : `expected one of ${quoted(EXPECTATION_COLUMNS)}.`}`);
  }
  if (problems.length) return { expectations: [], problems, notRun, headerOk: false };
  const expectations: CaseExpectation[] = [];
  const lineOf = new Map<string, number>();
  rows.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const line = i + 2;
    const at = (column: string) => `${file} line ${line}, column "${column}"`;
    const cell = (name: string) => (cells[header.indexOf(name)] ?? '').trim();
    const optional = (name: string) => (header.includes(name) && cell(name) !== '' ? cell(name) : undefined);
    const list = (name: string) => {
      const v = optional(name);
      return v === undefined ? undefined : v === 'none' ? [] : v.split(',').map((x) => x.trim()).filter(Boolean);
    };
    const urn = cell('urn');
    const first = urn === '' ? undefined : lineOf.get(urn);
    if (first !== undefined) {
      problems.push(`${at('urn')}: ${urn} is on line ${first} already; expected one line per case (this line is not run).`);
      return;
    }
    if (urn !== '') lineOf.set(urn, line);
    const asOf = readAsOf(cell('as of'));
    if (asOf === null) {
      // The case is not run: at no date would its result mean anything.
      problems.push(`${at('as of')}: ${cell('as of') === '' ? 'blank' : `"${cell('as of')}" is not a date`}; expected the case's as-of date, YYYY-MM-DD (or DD/MM/YYYY) (this line is not run).`);
      if (urn !== '') notRun.add(urn);
      return;
    }
    const supportText = optional('support');
    const support = supportText === undefined ? undefined : supportText === 'none' ? null : Number(supportText);
    if (typeof support === 'number' && !Number.isFinite(support)) problems.push(`${at('support')}: "${supportText}" is not a number; expected a number, "none" (the policy sets none) or blank (not checked).`);
    const offer = optional('offer');
    if (offer !== undefined && offer !== 'maintained' && offer !== 'academy') problems.push(`${at('offer')}: "${offer}"; expected maintained, academy or blank (not checked).`);
    const params: Record<string, string> = {};
    for (const part of (optional('params') ?? '').split(';').map((p) => p.trim()).filter(Boolean)) {
      const eq = part.indexOf('=');
      if (eq <= 0) problems.push(`${at('params')}: "${part}"; expected name=value, several separated by ";".`);
      else params[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
    const blank = (['urn', 'category', 'name', 'citation'] as const).filter((c) => cell(c) === '');
    for (const c of blank) problems.push(`${at(c)}: blank; every case needs one (this line is not run).`);
    if (blank.length) {
      if (urn !== '') notRun.add(urn);
      return;
    }
    const variant = optional('variant');
    expectations.push({
      urn, line, name: cell('name'), citation: cell('citation'), asOf, category: cell('category'),
      ...(variant === undefined ? {} : { variant: variant === 'none' ? null : variant }),
      ...(support === undefined ? {} : { support }),
      ...(offer === undefined ? {} : { offer: offer as 'maintained' | 'academy' }),
      ...(list('reasons') === undefined ? {} : { reasons: list('reasons')! }),
      ...(list('additional') === undefined ? {} : { additional: list('additional')! }),
      params,
    });
  });
  return { expectations, problems, notRun, headerOk: true };
}

/** A derived fact's value from a `fact:` cell, or a message. Blank is a blank fact. */
function readFactCell(fact: keyof DerivedFacts, raw: unknown): { ok: true; value: unknown } | { ok: false; expected: string } {
  const text = raw === null || raw === undefined ? '' : String(raw).trim();
  if (text === '') return { ok: true, value: undefined };
  const kind = DERIVED_FACT_KINDS[fact];
  switch (kind.kind) {
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(text);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, expected: 'a number' };
    }
    case 'boolean': {
      const t = text.toLowerCase();
      return ['yes', 'true', 'y', '1'].includes(t) ? { ok: true, value: true } : ['no', 'false', 'n', '0'].includes(t) ? { ok: true, value: false } : { ok: false, expected: 'Yes or No' };
    }
    case 'date': {
      const d = fromIsoDate(text);
      return d === null ? { ok: false, expected: 'a date, YYYY-MM-DD' } : { ok: true, value: d };
    }
    case 'enum':
      return kind.values.includes(text) ? { ok: true, value: text } : { ok: false, expected: `one of ${kind.values.join(', ')}` };
    default:
      return { ok: true, value: text };
  }
}

/** Why a `fact:` column's name is not a derived fact: a register field, a misspelling, or neither. */
function factColumnHint(fact: string): string {
  if (Object.hasOwn(FIELDS, fact)) return `${fact} is a register column, not a derived fact: head it as the register does ("${FIELDS[fact as FieldKey].label}").`;
  const near = didYouMean(fact, Object.keys(DERIVED_FACT_KINDS));
  return near ? `"${fact}" is not a derived fact; did you mean "${near}"?` : `"${fact}" is not a derived fact; expected one of ${Object.keys(DERIVED_FACT_KINDS).join(', ')}.`;
}

/** A header of the register of cases that is neither a register column nor a `fact:` column: one message, with the nearest column's name. */
function unusedColumnProblem(file: string, header: string): string {
  const near = didYouMean(header, FIELD_KEYS.flatMap((f) => FIELDS[f].aliases));
  return `${file}: column "${header}" is not a register column, so no case reads it; ${near ? `did you mean "${near}"?` : `expected a register column (\`schoolrisk validate\` lists them) or ${FACT_COLUMN_PREFIX} and a derived fact.`}`;
}

/**
 * Each case's facts from the register: read, derived at its as-of date with its national parameters,
 * and the `fact:` columns laid over. Keyed by URN; a row that cannot be read gives its problems, and so
 * does a URN on two rows (neither is run). `settingsOf` gives `undefined` for a URN the expectations do
 * not have, `null` for one whose line cannot run.
 */
export function caseFacts(
  header: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  settingsOf: (urn: string) => { asOf: CalendarDate; national?: NationalParameters } | null | undefined,
  file = 'register',
): { byUrn: Map<string, { facts: Facts } | { problems: string[] }>; problems: string[] } {
  const problems: string[] = [];
  const factColumns: { index: number; fact: keyof DerivedFacts }[] = [];
  header.forEach((h, index) => {
    const text = String(h ?? '').trim();
    if (!text.toLowerCase().startsWith(FACT_COLUMN_PREFIX)) return;
    const fact = text.slice(FACT_COLUMN_PREFIX.length).trim();
    if (Object.hasOwn(DERIVED_FACT_KINDS, fact)) factColumns.push({ index, fact: fact as keyof DerivedFacts });
    else problems.push(`${file}: column "${text}": ${factColumnHint(fact)}`);
  });
  for (const c of mapHeaders(header).unused) if (!c.header.trim().toLowerCase().startsWith(FACT_COLUMN_PREFIX)) problems.push(unusedColumnProblem(file, c.header));
  const byUrn = new Map<string, { facts: Facts } | { problems: string[] }>();
  const rowOf = new Map<string, number>();
  const urnCell = header.findIndex((h) => /^urn$/i.test(String(h ?? '').trim()));
  // Each row is read at its own case's as-of date: dates after it are refused, as in a run.
  rows.forEach((cells, i) => {
    const urn = urnCell >= 0 ? String(cells[urnCell] ?? '').trim() : '';
    if (urn === '' && cells.every((c) => c === null || c === undefined || String(c).trim() === '')) return;
    // A case is its URN: a row without one is said, not matched with another blank one.
    if (urn === '') {
      problems.push(`${file} row ${i + 2}: the URN is blank; expected the case's URN, which its line of the expectations names.`);
      return;
    }
    const first = rowOf.get(urn);
    if (first !== undefined) {
      byUrn.set(urn, { problems: [`${file} rows ${first} and ${i + 2} both have URN ${urn}; expected one row per case.`] });
      return;
    }
    rowOf.set(urn, i + 2);
    const settings = settingsOf(urn);
    if (settings === null) return;
    if (!settings) {
      problems.push(`${file} row ${i + 2}: URN "${urn}" has no line in the expectations.`);
      return;
    }
    const read = readRegister(header, [cells], { asOf: settings.asOf, headerRowNumber: i + 1 });
    const errors = read.problems.filter((p) => p.severity === 'error' && p.row > 0).map((p) => p.message);
    const record = read.records[0];
    if (errors.length || !record) {
      byUrn.set(urn, { problems: errors.length ? errors : ['the row could not be read'] });
      return;
    }
    const { facts } = deriveFacts(record, settings.asOf, settings.national);
    const rowProblems: string[] = [];
    for (const c of factColumns) {
      const v = readFactCell(c.fact, cells[c.index]);
      if (v.ok) (facts as unknown as Record<string, unknown>)[c.fact] = v.value;
      else rowProblems.push(`Row ${i + 2}, column "${FACT_COLUMN_PREFIX}${c.fact}": ${JSON.stringify(cells[c.index])}; expected ${v.expected}.`);
    }
    byUrn.set(urn, rowProblems.length ? { problems: rowProblems } : { facts });
  });
  return { byUrn, problems };
}

/** Runs a framework's cases: each expectation against its school, then the coverage. */
export function runConformance(fw: CompiledFramework, register: CasesRegister, table: ExpectationsTable): ConformanceReport {
  const { expectations, problems: tableProblems, notRun, headerOk } = readExpectations(table);
  const fileProblems = [...tableProblems];
  const byUrn = new Map(expectations.map((e) => [e.urn, e]));
  const settings = new Map<string, ReturnType<typeof resolveSettings>>();
  for (const e of expectations) settings.set(e.urn, resolveSettings(fw, e.params, e.asOf));
  const read = caseFacts(register.header, register.rows, (urn) => {
    // Expectations without their header columns are one problem, not one more per school.
    if (!headerOk || notRun.has(urn)) return null;
    const e = byUrn.get(urn);
    const s = settings.get(urn);
    return e && { asOf: e.asOf, ...(s?.ok ? { national: s.settings.national } : {}) };
  }, register.file);
  fileProblems.push(...read.problems);

  const categoryIds = fw.definition.categories.map((c) => c.id);
  const cases = expectations.map((e): CaseResult => {
    const s = settings.get(e.urn)!;
    const row = read.byUrn.get(e.urn);
    const fail = (failures: string[]): CaseResult => ({ expectation: e, passed: false, failures, result: null });
    if (!s.ok) return fail(s.errors);
    if (!row) return fail([`no school with URN ${e.urn} in the register`]);
    if ('problems' in row) return fail(row.problems);
    if (!categoryIds.includes(e.category)) return fail([`category "${e.category}" is not a category of ${fw.definition.id}: ${categoryIds.join(', ')}`]);
    const r = categorise(fw, row.facts, { params: s.settings.params, trace: true });
    const failures: string[] = [];
    if (r.category !== e.category) failures.push(`category: got ${r.category}, expected ${e.category}${r.reasons.length ? ` (reasons: ${r.reasons.map((x) => x.criterion).join(', ')})` : ''}`);
    if (e.variant !== undefined && (r.variant?.id ?? null) !== e.variant) failures.push(`variant: got ${r.variant?.id ?? 'none'}, expected ${e.variant ?? 'none'}`);
    if (e.support !== undefined && r.support.amount !== e.support) failures.push(`support: got ${r.support.amount ?? 'none'}, expected ${e.support ?? 'none'}`);
    if (e.offer !== undefined && r.support.offerFor !== e.offer) failures.push(`offer: got ${r.support.offerFor}, expected ${e.offer}`);
    const reasons = r.reasons.map((x) => x.criterion);
    const missing = (e.reasons ?? []).filter((x) => !reasons.includes(x));
    if (missing.length) failures.push(`reasons: ${missing.join(', ')} not among ${reasons.join(', ') || '(none)'}`);
    if (e.additional !== undefined) {
      const got = r.additional.map((a) => a.id).sort();
      if (got.join(',') !== [...e.additional].sort().join(',')) failures.push(`additional: got ${got.join(', ') || 'none'}, expected ${e.additional.join(', ') || 'none'}`);
    }
    // Every reason is cited.
    for (const reason of r.reasons) if (!reason.citation.section) failures.push(`reason ${reason.criterion} has no citation section`);
    return { expectation: e, passed: failures.length === 0, failures, result: r };
  });

  const coverage = coverageOf(fw, cases);
  return { fileProblems, cases, coverage, passed: fileProblems.length === 0 && cases.length > 0 && cases.every((c) => c.passed) && coverage.complete };
}

/**
 * Where cases fail: whether the same file with its categories in the reverse order passes more of them.
 * The engine reads the categories from the least concern to the most (the last is the most concerning). A
 * list written most concern first is caught by the check where its default comes last (frameworkCheck.ts);
 * with the default in the middle ("red, purple, green, gold") it is a valid file whose every result is
 * wrong, and only its cases show it: this says why they fail. `null` when reversing passes no more cases,
 * or fewer than half.
 */
export function reversedOrderHint(fw: CompiledFramework, register: CasesRegister, table: ExpectationsTable, report: ConformanceReport): string | null {
  const total = report.cases.length;
  const passed = report.cases.filter((c) => c.passed).length;
  if (total === 0 || passed === total) return null;
  const def = fw.definition;
  const categories = [...def.categories].reverse();
  let reversed: ConformanceReport;
  try {
    reversed = runConformance(compileFramework({ ...def, categories }, fw.origin), register, table);
  } catch {
    // Reversed, the list breaks a rule of the file (its default last): not the reading meant.
    return null;
  }
  const reversedPassed = reversed.cases.filter((c) => c.passed).length;
  if (reversedPassed <= passed || reversedPassed * 2 < total) return null;
  const list = (ids: readonly string[]) => ids.map((id) => `"${id}"`).join(', ');
  return `With its categories in the reverse order (${list(categories.map((c) => c.id))}), ${reversedPassed} of ${total} cases pass, against ${passed} as written. The engine reads "categories" from the least concern to the most, the last the most concerning: were they listed most concern first (${list(def.categories.map((c) => c.id))})? If so, reverse the list.`;
}

/** How often each criterion fired and did not, and how many cases each category got (by the rules, before any override). */
export function coverageOf(fw: CompiledFramework, cases: readonly CaseResult[]): Coverage {
  const criteria = fw.definition.criteria.map((c) => ({ id: c.id, fired: 0, notFired: 0, unknown: 0 }));
  const categories = fw.definition.categories.map((c) => ({ id: c.id, cases: 0 }));
  for (const c of cases) {
    if (!c.result) continue;
    c.result.trace.forEach((t, i) => {
      const row = criteria[i]!;
      if (t.outcome === 'fired') row.fired++;
      else if (t.outcome === 'not-fired') row.notFired++;
      else row.unknown++;
    });
    const cat = categories.find((x) => x.id === c.result!.computedCategory);
    if (cat) cat.cases++;
  }
  return { criteria, categories, complete: criteria.every((c) => c.fired > 0 && c.notFired > 0) && categories.every((c) => c.cases > 0) };
}

/** The coverage as a table, one line per criterion and category, gaps marked. */
export function coverageTable(coverage: Coverage): string {
  const width = Math.max(9, ...coverage.criteria.map((c) => c.id.length), ...coverage.categories.map((c) => c.id.length));
  const lines = [`${'criterion'.padEnd(width)}  fired  not fired  unknown`];
  for (const c of coverage.criteria) {
    const gap = c.fired === 0 || c.notFired === 0 ? `  <- never ${c.fired === 0 ? 'fired' : 'not fired'}` : '';
    lines.push(`${c.id.padEnd(width)}  ${String(c.fired).padStart(5)}  ${String(c.notFired).padStart(9)}  ${String(c.unknown).padStart(7)}${gap}`);
  }
  lines.push('', `${'category'.padEnd(width)}  cases`);
  for (const c of coverage.categories) lines.push(`${c.id.padEnd(width)}  ${String(c.cases).padStart(5)}${c.cases === 0 ? '  <- never reached' : ''}`);
  return `${lines.join('\n')}\n`;
}
