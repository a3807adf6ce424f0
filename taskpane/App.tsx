/**
 * The task pane: set up (framework, as-of date), the authority's settings (parameters, a framework file),
 * mapping, Validate, Categorise, Compare, and the profile of the selected school (a page added to the
 * School profiles sheet, so it prints with the pack). All workbook access goes through the port it is
 * given (Office.js in Excel, the double in the end-to-end test); the run itself is src/run/taskpaneRun.ts,
 * the settings src/run/authoritySettings.ts. Messages go to a Fluent MessageBar, never only the console.
 */
import {
  Body1, Button, Caption1, Dropdown, Field, FluentProvider, Input, Link, Option, ProgressBar, Subtitle2, Title3,
  webDarkTheme, webLightTheme,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { fromIsoDate, todayLocal, toIsoDate } from '../core/dates';
import { FIELDS, FIELD_KEYS, type FieldKey } from '../core/fields';
import type { CompiledFramework } from '../core/engine';
import { FRAMEWORKS } from '../core/frameworks';
import { withFrameworkFile, withParameter, workbookFramework, workbookFrameworks, workbookRunSettings } from '../src/run/authoritySettings';
import { locateRegister } from '../src/run/locateRegister';
import { RunError, type RunPlan } from '../src/run/registerRun';
import type { Pack } from '../src/run/pack';
import { PROFILES_SHEET, SUMMARY_SHEET } from '../src/run/packSheets';
import { RUN_LOG_SHEET } from '../src/run/runLog';
import {
  categoriseOnPort, compareRow, overridesFromSettings, placeProblems, placeRegisterProblems, planRegion, profilePageOfRow, settingsFromOverrides, type MappingOverrides, type PlacedProblem,
} from '../src/run/taskpaneRun';
import { valuesAsSeen, type PaneSettings, type RegisterRegion, type WorkbookPort } from '../src/workbook/port';
import { AuthoritySettings } from './AuthoritySettings';
import { NoticeBar, type Notice } from './NoticeBar';
import { RefreshPanel } from './RefreshPanel';


/** Props of the pane: the workbook port, and whether Office says the theme is dark. */
export interface AppProps {
  readonly port: WorkbookPort;
  readonly dark?: boolean;
}

const NOT_USED = '';

/** What the analyst should know beside the counts: provisional schools, and the columns the register lacks. */
function provisionalNote(plan: RunPlan): string {
  const provisional = plan.summary.counts.reduce((a, c) => a + c.provisional, 0);
  const absent = plan.summary.absentColumns;
  return `${provisional ? ` ${provisional} provisional: blank cells could make them more concerning (see Missing evidence).` : ''}${absent.length ? ` Not in this register, so what reads them could not fire: ${absent.map((a) => a.column).join(', ')} (see the Run log).` : ''}`;
}

/** The sheets a run wrote besides the results, in words. */
function packWritten(pack: Pack): string {
  const profiles = pack.profiles.length === 1 ? '1 school profile' : `${pack.profiles.length} school profiles`;
  const more = pack.profilesNotShown ? ` (the first of ${pack.profiles.length + pack.profilesNotShown} in the two most concerning categories)` : '';
  return ` Written: "${SUMMARY_SHEET}" (counts, movements, the trend over runs, inspections), "${PROFILES_SHEET}" (${profiles}${more}, a page each) and a row in "${RUN_LOG_SHEET}".`;
}

/** The SHA-256 of a text, as hex (the file's provenance). */
async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
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
  const [progress, setProgress] = useState<number | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [comparison, setComparison] = useState<ReturnType<typeof compareRow>>(null);
  const abort = useRef<AbortController | null>(null);
  const frameworks = useMemo(() => workbookFrameworks(settings), [settings]);
  const compiled: CompiledFramework = workbookFramework(settings, frameworkId) ?? frameworks[0]!;
  const framework = compiled.definition;
  const asOf = fromIsoDate(asOfText);

  useEffect(() => {
    void port.loadSettings().then((s) => {
      if (!s) return;
      setSettings({ ...s, framework: workbookFramework(s, s.framework) ? s.framework : FRAMEWORKS[0]!.id });
    }, () => undefined);
  }, [port]);

  const located = useMemo(() => (region ? locateRegister(valuesAsSeen(region), region.top + 1) : null), [region]);
  const header = located?.headerRow ?? [];
  const mapping = located?.mapping;
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

  /** The workbook's parameters for the framework at the as-of date; a value no longer valid is said, and stops the run. */
  function runSettings(fw: CompiledFramework) {
    if (!asOf) return null;
    const r = workbookRunSettings(settings, fw, asOf);
    if (!r.ok) setNotice({ intent: 'error', title: 'Authority settings', text: `${r.errors.join(' ')} Correct or reset it under Authority settings.` });
    return r.ok ? r.settings : null;
  }

  async function loadFile(name: string, text: string): Promise<readonly string[] | null> {
    const r = withFrameworkFile(settings, { name, sha256: await sha256Hex(text), text });
    if (!r.ok) return r.issues;
    await store(r.settings);
    return null;
  }

  const fail = (title: string, e: unknown) => setNotice({ intent: 'error', title, text: e instanceof Error ? e.message : String(e) });

  async function findRegister(): Promise<RegisterRegion | null> {
    try {
      const r = await port.readRegister();
      setRegion(r);
      const loc = locateRegister(r.values, r.top + 1);
      if (!loc) {
        setNotice({ intent: 'error', title: 'No register found', text: `No header row with a "URN" column in the first 30 rows of ${r.address}.` });
        return null;
      }
      setOverrides(overridesFromSettings(loc.headerRow, settings.mapping));
      setNotice({ intent: 'info', title: 'Register found', text: `${loc.rows.length} rows in ${r.address}; check the mapping below.` });
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
    const r = region ?? (await findRegister());
    if (!r) return;
    const p = plan(r);
    if (!p) return;
    const list = placeProblems(r, p);
    setProblems(list);
    const errors = list.filter((x) => x.severity === 'error').length;
    setNotice({ intent: errors ? 'warning' : 'success', title: 'Validated', text: `${list.length} problem(s), ${errors} stopping a row; ${p.rows.length - p.summary.notCategorised} of ${p.rows.length} rows will be categorised.${provisionalNote(p)}` });
  }

  async function categorise() {
    const r = region ?? (await findRegister());
    if (!r || !asOf) return;
    const given = runSettings(compiled);
    if (!given) return;
    abort.current = new AbortController();
    setProgress(0);
    try {
      const { plan: p, pack, report } = await categoriseOnPort(port, r, compiled, asOf, { overrides, settings: given, signal: abort.current.signal, onProgress: (done, total) => setProgress(total ? done / total : 1) });
      const first = r.top + p.located.headerIndex + 2;
      const rows = report.rowsDone ? `sheet rows ${first} to ${first + report.rowsDone - 1}` : 'no rows';
      const details = report.notes;
      if (report.status === 'done') {
        const counts = p.summary.counts.filter((c) => c.schools).map((c) => `${c.label}: ${c.schools}`).join('; ');
        setNotice({ intent: 'success', title: `Categorised ${p.rows.length - p.summary.notCategorised} of ${p.rows.length} schools`, text: `${counts}. ${p.summary.notCategorised} not categorised.${provisionalNote(p)}${packWritten(pack)}`, details });
      } else if (report.status === 'cancelled') {
        setNotice({ intent: 'warning', title: 'Cancelled', text: `New results in ${rows}; the other rows keep their previous results. "${SUMMARY_SHEET}", "${PROFILES_SHEET}" and "${RUN_LOG_SHEET}" were not updated.`, details });
      } else {
        setNotice({ intent: 'error', title: 'The run stopped', text: `${report.error ?? ''}. New results in ${rows}; the other rows keep their previous results.`, details });
      }
      await save(frameworkId, overrides);
      setRegion(null);
    } catch (e) {
      fail('The register cannot be categorised', e);
    } finally {
      setProgress(null);
      abort.current = null;
    }
  }

  async function compare() {
    try {
      const r = region ?? (await findRegister());
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
      const r = region ?? (await findRegister());
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
          <Button onClick={() => void findRegister()}>Find register</Button>
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
                {header.filter((h, i) => String(h).trim() !== '' && fieldAt(i)).length} of {header.filter((h) => String(h).trim() !== '').length} columns mapped: show or correct
              </summary>
            {header.map((h, i) => String(h).trim() === '' ? null : (
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
            <Button appearance="primary" onClick={() => void categorise()} disabled={progress !== null}>Categorise</Button>
            <Button onClick={() => void compare()} disabled={progress !== null}>Compare selected school</Button>
            <Button onClick={() => void profileSelected()} disabled={progress !== null}>Profile of selected school</Button>
          </div>
          {progress !== null && (
            <div style={gap}>
              <Field label="Writing results" validationState="none" validationMessage={`${Math.round(progress * 100)}%`}>
                <ProgressBar value={progress} max={1} />
              </Field>
              <Button onClick={() => abort.current?.abort()}>Cancel</Button>
            </div>
          )}
          <NoticeBar notice={notice} detailsLabel="Where the results went" />
        </section>

        {problems && (
          <section aria-labelledby="problems" style={gap}>
            <Subtitle2 as="h2" id="problems">Problems ({problems.length})</Subtitle2>
            <ul aria-label="Problems" style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 4 }}>
              {problems.slice(0, 500).map((p, i) => (
                <li key={i}>
                  <Button appearance="subtle" style={{ textAlign: 'left', justifyContent: 'flex-start', height: 'auto', whiteSpace: 'normal' }} disabled={!p.cell}
                    onClick={() => p.cell && void port.selectCell(p.cell).catch((e) => fail('Could not select the cell', e))}>
                    <span>
                      <strong>{p.severity === 'error' ? 'Error' : 'Warning'}</strong> {p.row > 0 ? `row ${p.row}` : 'register'}, {p.column}: {p.value} <Caption1>expected {p.expected}</Caption1>
                    </span>
                  </Button>
                </li>
              ))}
            </ul>
          </section>
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

        <RefreshPanel port={port} asOf={asOf} overrides={overrides} onApplied={() => setRegion(null)} />
      </main>
    </FluentProvider>
  );
}
