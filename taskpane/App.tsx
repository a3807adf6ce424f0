/**
 * The task pane: set up (framework, as-of date), the authority's settings (parameters, a framework file;
 * src/run/authoritySettings.ts), mapping, Validate, Categorise, Compare, Update from Ofsted data, and the profile
 * of the selected school (a page added to the School profiles sheet, so it prints with the pack). All workbook
 * access goes through the port it is given (Office.js in Excel, the double in the end-to-end test);
 * the run itself is src/run/taskpaneRun.ts (`runOnPort`: read afresh, categorise, write, in phases, with
 * cancel). Each run clears the earlier messages, keeps the mapping shown, and moves the focus to its
 * message (NoticeBar.tsx, words from runNotice.ts); its progress, counts and problems are RunProgress.tsx,
 * RunSummary.tsx and ProblemList.tsx. Messages go to a Fluent MessageBar, never only the console.
 */
import {
  Body1, Button, Caption1, Dropdown, Field, FluentProvider, Input, Link, Option, Subtitle2, Title3,
  webDarkTheme, webLightTheme,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { fromIsoDate, todayLocal, toIsoDate } from '../core/dates';
import { FIELDS, FIELD_KEYS, type FieldKey } from '../core/fields';
import type { CompiledFramework } from '../core/engine';
import { FRAMEWORKS } from '../core/frameworks';
import { filesNotLoadingNote, withFrameworkFile, withParameter, workbookFramework, workbookFrameworks, workbookRunSettings } from '../src/run/authoritySettings';
import { locateRegister } from '../src/run/locateRegister';
import { RunError, type RunPlan, type RunSummary as Summary } from '../src/run/registerRun';
import { dateSystemNote } from '../src/run/workbookDates';
import type { GridValue } from '../src/workbook/cell';
import {
  compareRow, overridesFromSettings, percentColumnsForRun, placeProblems, placeRegisterProblems, planRegion, profilePageOfRow, runOnPort, settingsFromOverrides, type MappingOverrides, type PlacedProblem, type RunProgress as Progress,
} from '../src/run/taskpaneRun';
import { valuesAsSeen, type PaneSettings, type ReadControl, type RegisterRegion, type WorkbookPort } from '../src/workbook/port';
import { AuthoritySettings } from './AuthoritySettings';
import { NoticeBar } from './NoticeBar';
import { ProblemList } from './ProblemList';
import { RunProgress } from './RunProgress';
import { provisionalNote, runNotice, type Notice } from './runNotice';
import { RefreshPanel } from './RefreshPanel';
import { RunSummary } from './RunSummary';

/** The header row of a region as read (merged cells as seen), or none. */
const headerOf = (r: RegisterRegion) => locateRegister(valuesAsSeen(r), r.top + 1)?.headerRow ?? [];

/** Props of the pane: the workbook port, and whether Office says the theme is dark. */
export interface AppProps {
  readonly port: WorkbookPort;
  readonly dark?: boolean;
}

const NOT_USED = '';

/** The SHA-256 of a file's bytes, as hex (its provenance: the command line hashes the same bytes). */
async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The whole pane. */
export function App({ port, dark }: AppProps) {
  const [settings, setSettings] = useState<PaneSettings>({ framework: FRAMEWORKS[0]!.id, mapping: {} });
  const frameworkId = settings.framework;
  const [asOfText, setAsOfText] = useState(toIsoDate(todayLocal()));
  const [region, setRegion] = useState<RegisterRegion | null>(null);
  const [overrides, setOverrides] = useState<MappingOverrides>({});
  const [problems, setProblems] = useState<PlacedProblem[] | null>(null);
  // A run lists the problems of the columns it read (runOnPort reads only those it needs); Validate every column's.
  const [problemsInRunColumns, setProblemsInRunColumns] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [focusNotice, setFocusNotice] = useState(0);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [comparison, setComparison] = useState<ReturnType<typeof compareRow>>(null);
  const abort = useRef<AbortController | null>(null);
  // The region shown (its mapping) may be older than the sheet: a run wrote to it since, so the next action reads it again.
  const stale = useRef(false);
  const frameworks = useMemo(() => workbookFrameworks(settings), [settings]);
  const compiled: CompiledFramework = workbookFramework(settings, frameworkId) ?? frameworks[0]!;
  const framework = compiled.definition;
  const asOf = fromIsoDate(asOfText);

  useEffect(() => {
    void port.loadSettings().then((s) => {
      if (!s) return;
      const runnable = workbookFramework(s, s.framework) !== undefined;
      setSettings({ ...s, framework: runnable ? s.framework : FRAMEWORKS[0]!.id });
      // A framework file saved in the workbook that no longer loads is said, not dropped in silence (nor its framework swapped unsaid).
      const failing = filesNotLoadingNote(s);
      const swapped = runnable ? '' : `The pane shows ${FRAMEWORKS[0]!.name} instead of "${s.framework}", the framework saved in this workbook: choose the framework before you run.`;
      if (failing || swapped) setNotice({ intent: 'warning', title: failing ? 'Framework file not loaded' : 'Framework not available', text: [failing, swapped].filter(Boolean).join(' ') });
    }, () => undefined);
  }, [port]);

  const located = useMemo(() => (region ? locateRegister(valuesAsSeen(region), region.top + 1) : null), [region]);
  const header = located?.headerRow ?? [];
  const mapping = located?.mapping;
  // Our result columns (as an earlier run's marker records them) are not the analyst's to map.
  const ours = useMemo(() => {
    const cols = Object.values(region?.marker?.columns ?? {}).filter((c): c is number => typeof c === 'number');
    return new Set(cols.map((c) => c - (region?.left ?? 0)));
  }, [region]);
  const mappable = header.flatMap((h, i) => (String(h).trim() === '' || ours.has(i) ? [] : [i]));
  const fieldAt = (i: number): FieldKey | null => {
    for (const [f, v] of Object.entries(overrides)) if (v === i) return f as FieldKey;
    const auto = mapping?.columns.find((c) => c.index === i)?.field ?? null;
    return auto !== null && overrides[auto] === undefined ? auto : null;
  };

  /** Saves the settings in the workbook, then recalculates so the custom functions use them. */
  const store = (next: PaneSettings) => {
    setSettings(next);
    return port.saveSettings(next).then(() => port.recalculate()).catch((e: Error) => setNotice({ intent: 'warning', title: 'Settings not saved', text: e.message }));
  };
  const save = (fw: string, o: MappingOverrides) => store({ ...settings, framework: fw, mapping: { ...settings.mapping, ...settingsFromOverrides(header, o) } });
  // The analyst's corrections carried to a region read again (by header text: result columns may have joined the header row).
  const carried = (headerRow: readonly GridValue[]): MappingOverrides => overridesFromSettings(headerRow, { ...settings.mapping, ...settingsFromOverrides(header, overrides) });

  /** The workbook's parameters for the framework at the as-of date; a value no longer valid is said, and stops the run. */
  function runSettings(fw: CompiledFramework) {
    if (!asOf) return null;
    const r = workbookRunSettings(settings, fw, asOf);
    if (!r.ok) setNotice({ intent: 'error', title: 'Authority settings', text: `${r.errors.join(' ')} Correct or reset it under Authority settings.` });
    return r.ok ? r.settings : null;
  }

  async function loadFile(name: string, text: string, bytes: Uint8Array<ArrayBuffer>): Promise<readonly string[] | null> {
    const r = withFrameworkFile(settings, { name, sha256: await sha256Hex(bytes), text });
    if (!r.ok) return r.issues;
    await store(r.settings);
    return null;
  }
  // The register found before, read again where it is when a run has written to it since.
  const current = async () => (region && !stale.current ? region : await findRegister(region ? { sheet: region.sheet, table: region.table } : undefined));
  // A new action's messages replace the last one's.
  const clear = () => {
    setNotice(null);
    setProblems(null);
    setSummary(null);
    setComparison(null);
  };

  const fail = (title: string, e: unknown) => setNotice({ intent: 'error', title, text: e instanceof Error ? e.message : String(e) });

  async function findRegister(from?: ReadControl['from']): Promise<RegisterRegion | null> {
    try {
      // The formats of any column one of the workbook's frameworks reads a rate per 100 pupils from: Compare reads a school as a run reads it.
      const percentColumns = (head: RegisterRegion) => percentColumnsForRun(head, frameworks, carried(headerOf(head)));
      const r = await port.readRegister({ from, percentColumns });
      setRegion(r);
      stale.current = false;
      const loc = locateRegister(r.values, r.top + 1);
      if (!loc) {
        setNotice({ intent: 'error', title: 'No register found', text: `No header row with a "URN" column in the first 30 rows of ${r.address}.` });
        return null;
      }
      setOverrides(carried(loc.headerRow));
      const dates = dateSystemNote(r);
      setNotice({ intent: dates ? 'warning' : 'info', title: 'Register found', text: `${loc.rows.length} rows in ${r.address}; check the mapping above.${dates ? ` ${dates}` : ''}` });
      return r;
    } catch (e) {
      fail('Could not read the register', e);
      return null;
    }
  }

  function plan(r: RegisterRegion): RunPlan | null {
    if (!asOf) {
      setNotice({ intent: 'error', title: 'As-of date', text: 'Enter the as-of date as a date.' });
      return null;
    }
    const given = runSettings(compiled);
    if (!given) return null;
    try {
      return planRegion(r, compiled, asOf, overrides, given);
    } catch (e) {
      fail(e instanceof RunError ? 'The register cannot be categorised' : 'Something went wrong', e);
      // The columns the framework needs, listed where the problems are.
      if (e instanceof RunError && e.problems.length) setProblems(placeRegisterProblems(e.problems));
      return null;
    }
  }

  async function validate() {
    clear();
    const r = await current();
    if (!r) return;
    const p = plan(r);
    if (!p) return;
    const list = placeProblems(r, p);
    setProblems(list);
    setProblemsInRunColumns(false);
    const errors = list.filter((x) => x.severity === 'error').length;
    const dates = dateSystemNote(r);
    setNotice({ intent: errors || dates ? 'warning' : 'success', title: 'Validated', text: `${list.length} problem(s), ${errors} stopping a row; ${p.rows.length - p.summary.notCategorised} of ${p.rows.length} rows will be categorised.${provisionalNote(p)}${dates ? ` ${dates}` : ''}` });
  }

  async function categorise() {
    if (!asOf) return setNotice({ intent: 'error', title: 'As-of date', text: 'Enter the as-of date as a date.' });
    clear();
    const given = runSettings(compiled);
    if (!given) return;
    abort.current = new AbortController();
    setCancelling(false);
    setProgress({ phase: 'reading', done: 0, total: 0 });
    const run = await runOnPort(port, compiled, asOf, { settings: given, from: region ? { sheet: region.sheet, table: region.table } : undefined, overrides: (r) => carried(headerOf(r)), signal: abort.current.signal, onProgress: setProgress });
    if (run.region) {
      // The register as this run read it stays shown, with its mapping; a run that wrote makes the next action read it again.
      setRegion(run.region);
      setOverrides(carried(headerOf(run.region)));
      // A region read in part (the run's columns only) is read again, whole, by the next action.
      stale.current = run.report !== null || run.region.partial !== undefined;
    }
    setNotice(runNotice(run));
    if (run.status === 'done' && run.plan) setSummary(run.plan.summary);
    setProblemsInRunColumns(run.region?.partial !== undefined);
    if (run.plan && run.region) setProblems(placeProblems(run.region, run.plan));
    else if (run.error instanceof RunError && run.error.problems.length) setProblems(placeRegisterProblems(run.error.problems));
    setProgress(null);
    setCancelling(false);
    abort.current = null;
    // The focus goes to the message as it appears; saving the settings (and recalculating) follows.
    setFocusNotice((k) => k + 1);
    if (run.status === 'done') await save(frameworkId, overrides);
  }

  async function compare() {
    try {
      const r = await current();
      if (!r || !asOf) return;
      const cell = await port.selectedCell();
      const each = frameworks.map((fw) => {
        const given = workbookRunSettings(settings, fw, asOf);
        return { framework: fw, settings: given.ok ? given.settings : undefined };
      });
      const c = cell.sheet === r.sheet ? compareRow(r, cell.row, asOf, overrides, each) : null;
      if (!c) setNotice({ intent: 'info', title: 'Compare', text: 'Select a cell in a school\'s row of the register, then press Compare.' });
      setComparison(c);
    } catch (e) {
      fail('Could not compare', e);
    }
  }

  async function profileSelected() {
    try {
      const r = await current();
      if (!r || !asOf) return;
      const cell = await port.selectedCell();
      const fw = compiled;
      const given = runSettings(compiled);
      if (!given) return;
      const page = cell.sheet === r.sheet ? profilePageOfRow(r, cell.row, fw, asOf, { overrides, settings: given }) : null;
      if (!page) return setNotice({ intent: 'info', title: 'Profile', text: 'Select a cell in a school\'s row of the register, then press Profile of selected school.' });
      if (!page.layout) return setNotice({ intent: 'warning', title: `No profile for ${page.school}`, text: `It has no category under ${fw.definition.name}: ${page.problems.join(' ')}` });
      const report = await port.addProfilePage(page.layout);
      if (report.status === 'failed') return setNotice({ intent: 'error', title: 'The profile was not written', text: report.error ?? '' });
      setNotice({
        intent: 'success',
        title: report.status === 'added' ? `Profile of ${page.school} written` : `${page.school} has a profile already`,
        text: report.status === 'added'
          ? `A page at the end of "${report.sheet}" (from row ${report.row + 1}), selected; it prints with the pack's profiles until the next run rewrites the sheet.`
          : `Its page in "${report.sheet}" (from row ${report.row + 1}) is selected.`,
        details: report.notes,
      });
    } catch (e) {
      fail(e instanceof RunError ? 'The register cannot be categorised' : 'Could not write the profile', e);
    }
  }

  const gap = { display: 'flex', flexDirection: 'column', gap: 8 } as const;
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ padding: 12, minHeight: '100vh', boxSizing: 'border-box', maxWidth: '100%', overflowX: 'hidden' }}>
      <main style={gap}>
        <Title3 as="h1">School risk register</Title3>
        <section aria-labelledby="setup" style={gap}>
          <Subtitle2 as="h2" id="setup">Set up</Subtitle2>
          <Field label="Framework">
            <Dropdown value={framework.name} selectedOptions={[framework.id]} onOptionSelect={(_, d) => {
              if (!d.optionValue) return;
              void save(d.optionValue, overrides);
            }}>
              {frameworks.map((f) => <Option key={f.definition.id} value={f.definition.id} text={f.definition.name}>{f.definition.name}</Option>)}
            </Dropdown>
          </Field>
          <Caption1>{framework.summary} {framework.docs && <Link href={framework.docs.replace(/\.md$/, '.html')} target="_blank" rel="noopener">How we read it</Link>}</Caption1>
          <Field label="As of" validationMessage={asOf ? undefined : 'Enter a date.'}>
            <Input type="date" value={asOfText} onChange={(_, d) => setAsOfText(d.value)} />
          </Field>
          <Button onClick={() => {
            // The last run's counts and problems describe the register as it was then, not the one found now.
            clear();
            void findRegister();
          }}>Find register</Button>
        </section>

        <AuthoritySettings
          framework={compiled}
          asOf={asOf}
          values={settings.parameters?.[framework.id] ?? {}}
          onChange={(name, value) => void store(withParameter(settings, framework.id, name, value))}
          onResetAll={() => void store({ ...settings, parameters: { ...settings.parameters, [framework.id]: {} } })}
          onLoadFile={loadFile}
        />

        {located && (
          <section aria-labelledby="mapping" style={gap}>
            <Subtitle2 as="h2" id="mapping">Mapping</Subtitle2>
            <Caption1>{region?.kind === 'table' ? `Table ${region.table}` : `Used range ${region?.address}`}: each header and the field it fills.</Caption1>
            {/* Collapsed by default: a register has dozens of columns, and the run and its results matter more. */}
            <details>
              <summary style={{ cursor: 'pointer' }}>
                {mappable.filter((i) => fieldAt(i)).length} of {mappable.length} columns mapped{ours.size ? ` (and ${ours.size} result columns of ours)` : ''}: show or correct
              </summary>
            {header.map((h, i) => !mappable.includes(i) ? null : (
              <Field key={i} label={String(h)} orientation="vertical">
                <Dropdown
                  aria-label={`Field for column ${String(h)}`}
                  value={fieldAt(i) ? FIELDS[fieldAt(i)!].label : '(not used)'}
                  selectedOptions={[fieldAt(i) ?? NOT_USED]}
                  onOptionSelect={(_, d) => {
                    const next: Partial<Record<FieldKey, number | null>> = { ...overrides };
                    const current = fieldAt(i);
                    if (current) next[current] = null;
                    if (d.optionValue) next[d.optionValue as FieldKey] = i;
                    setOverrides(next);
                    void save(frameworkId, next);
                  }}
                >
                  <Option value={NOT_USED} text="(not used)">(not used)</Option>
                  {FIELD_KEYS.map((k) => <Option key={k} value={k} text={FIELDS[k].label}>{FIELDS[k].label}</Option>)}
                </Dropdown>
              </Field>
            ))}
            </details>
          </section>
        )}

        <section aria-labelledby="run" style={gap}>
          <Subtitle2 as="h2" id="run">Run</Subtitle2>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Button onClick={() => void validate()} disabled={progress !== null}>Validate</Button>
            {/* The same button, so the focus stays on it: Cancel while a run is under way, Categorise again once it ends. */}
            <Button appearance="primary" disabled={cancelling} onClick={() => {
              if (progress === null) return void categorise();
              setCancelling(true);
              abort.current?.abort();
            }}>{progress === null ? 'Categorise' : 'Cancel'}</Button>
            <Button onClick={() => void compare()} disabled={progress !== null}>Compare selected school</Button>
            <Button onClick={() => void profileSelected()} disabled={progress !== null}>Profile of selected school</Button>
          </div>
          {progress !== null && <RunProgress progress={progress} cancelling={cancelling} />}
          <NoticeBar notice={notice} detailsLabel="Where the results went" focusKey={focusNotice} />
          {summary && <RunSummary summary={summary} />}
        </section>

        {problems && (
          <ProblemList problems={problems} port={port} heading={`${framework.name} · as of ${asOfText} · problems${problemsInRunColumns ? ' in the columns it reads' : ''}`}
            onSelect={(c) => void port.selectCell(c).catch((e) => fail('Could not select the cell', e))} />
        )}

        {comparison && (
          <section aria-labelledby="compare" style={gap}>
            <Subtitle2 as="h2" id="compare">{comparison.school} under each framework</Subtitle2>
            {comparison.comparisons.map((c) => (
              <div key={c.framework} data-framework={c.framework}>
                <Body1><strong>{c.name}</strong>: {c.category ? <span style={{ background: c.colour ?? undefined, color: c.textColour ?? undefined, padding: '0 4px' }}>{c.category}</span> : 'not categorised'}</Body1>
                <ul style={{ margin: '2px 0 0', paddingLeft: 16 }}>
                  {(c.category ? c.reasons : c.problems).map((t, i) => <li key={i}><Caption1>{t}</Caption1></li>)}
                </ul>
              </div>
            ))}
            {comparison.risk && (
              <div data-risk>
                <Body1><strong>Inspection risk</strong>: {comparison.risk.summary}</Body1>
                <ul aria-label="Inspection risk points" style={{ margin: '2px 0 0', paddingLeft: 16 }}>
                  {comparison.risk.points.map((t, i) => <li key={i}><Caption1>{t}</Caption1></li>)}
                </ul>
              </div>
            )}
          </section>
        )}

        <RefreshPanel port={port} asOf={asOf} overrides={overrides} onApplied={() => { stale.current = true; }} />
      </main>
    </FluentProvider>
  );
}
