/**
 * "Update from Ofsted data": the analyst picks Ofsted's monthly management information (and, optionally,
 * a Get Information about Schools extract), sees what the refresh would change, and only on Apply is
 * anything written. The files are read in the browser as the command line reads them; the plan and the
 * write are src/run/taskpaneRefresh.ts over the workbook port, so this component adds only interaction.
 */
import { Body1, Button, Caption1, Checkbox, Field, Input, ProgressBar, Subtitle2, tokens } from '@fluentui/react-components';
import { NoticeBar, type Notice } from './NoticeBar';
import { useState } from 'react';
import type { CalendarDate } from '../core/dates';
import { OfficialFileError } from '../src/run/refresh';
import { CHANGES_SHEET } from '../src/run/refreshSheets';
import { applyRefresh, officialFromBytes, previewRefresh, RefreshError, type PickedFile, type RefreshOptions, type RefreshPreview } from '../src/run/taskpaneRefresh';
import type { MappingOverrides } from '../src/run/taskpaneRun';
import type { WorkbookPort } from '../src/workbook/port';

/** Props: the port, the pane's as-of date and mapping corrections, and what to do once the register changed. */
export interface RefreshPanelProps {
  readonly port: WorkbookPort;
  readonly asOf: CalendarDate | null;
  readonly overrides?: MappingOverrides;
  /** Called after Apply wrote to the workbook (the pane reads the register again). */
  readonly onApplied?: () => void;
}


/** Changes listed in the preview; the Changes sheet lists them all. */
const LISTED = 200;

async function pick(input: HTMLInputElement | null): Promise<PickedFile | null> {
  const file = input?.files?.[0];
  return file ? officialFromBytes(file.name, new Uint8Array(await file.arrayBuffer())) : null;
}

/** The pane's Update from Ofsted data section. */
export function RefreshPanel({ port, asOf, overrides, onApplied }: RefreshPanelProps) {
  const [miInput, setMiInput] = useState<HTMLInputElement | null>(null);
  const [giasInput, setGiasInput] = useState<HTMLInputElement | null>(null);
  const [la, setLa] = useState('');
  const [preferOfficial, setPreferOfficial] = useState(false);
  const [files, setFiles] = useState<{ mi: PickedFile; gias: PickedFile | null } | null>(null);
  const [preview, setPreview] = useState<RefreshPreview | null>(null);
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const laValid = la.trim() === '' || /^\d{3}$/.test(la.trim());

  const options = (): RefreshOptions | null => {
    if (!asOf) {
      setNotice({ intent: 'error', title: 'As-of date', text: 'Enter the as-of date above as a date.' });
      return null;
    }
    return { asOf, preferOfficial, overrides, ...(la.trim() ? { la: la.trim() } : {}) };
  };
  const fail = (title: string, e: unknown) =>
    setNotice({ intent: 'error', title: e instanceof OfficialFileError || e instanceof RefreshError ? title : 'Something went wrong', text: e instanceof Error ? e.message : String(e) });

  async function makePreview() {
    const o = options();
    if (!o || !laValid) return;
    setBusy('preview');
    setPreview(null);
    try {
      const mi = await pick(miInput);
      if (!mi) return setNotice({ intent: 'error', title: 'No file', text: 'Choose Ofsted\'s management information file (CSV) first.' });
      const gias = await pick(giasInput);
      setFiles({ mi, gias });
      const p = await previewRefresh(port, mi.file, gias?.file ?? null, o);
      setPreview(p);
      const warnings = [...mi.warnings, ...(gias?.warnings ?? [])];
      setNotice(warnings.length ? { intent: 'info', title: 'How the files were read', text: '', details: warnings } : null);
    } catch (e) {
      fail('The refresh cannot be planned', e);
    } finally {
      setBusy(null);
    }
  }

  async function apply() {
    const o = options();
    if (!o || !preview || !files) return;
    setBusy('apply');
    setProgress({ done: 0, total: preview.write.cells.length });
    try {
      const outcome = await applyRefresh(port, preview, files.mi.file, files.gias?.file ?? null, { ...o, onProgress: (done, total) => setProgress({ done, total }) });
      if (outcome.status === 'changed') {
        setPreview(outcome.preview);
        setNotice({ intent: 'warning', title: 'The register changed since the preview', text: 'Nothing was written. The preview now shows what the refresh would do to the register as it is: check it and press Apply again.' });
        return;
      }
      const r = outcome.report;
      onApplied?.();
      if (r.status === 'done') {
        setNotice({
          intent: 'success',
          title: `Refreshed: ${r.cellsDone} cell${r.cellsDone === 1 ? '' : 's'} changed`,
          text: `${preview.counts.conflicts === 1 ? '1 conflict' : `${preview.counts.conflicts} conflicts`} kept as you had ${preview.counts.conflicts === 1 ? 'it' : 'them'}. Every change is listed on the "${r.changesSheet}" sheet.`,
          details: r.notes,
        });
        setPreview(null);
      } else {
        setNotice({ intent: 'error', title: 'The refresh stopped', text: `${r.error ?? ''} ${r.cellsDone} of ${r.totalCells} cells were written.`, details: r.notes });
        setPreview(null);
      }
    } catch (e) {
      fail('The refresh cannot be applied', e);
    } finally {
      setBusy(null);
      setProgress(null);
    }
  }

  const gap = { display: 'flex', flexDirection: 'column', gap: 8 } as const;
  const c = preview?.counts;
  const listed = preview ? [...preview.plan.changes, ...preview.plan.conflicts].slice(0, LISTED) : [];
  return (
    <section aria-labelledby="refresh" style={gap}>
      <Subtitle2 as="h2" id="refresh">Update from Ofsted data</Subtitle2>
      <Caption1>Fills and updates the register's inspection columns from Ofsted's monthly management information ("state-funded schools - latest inspections") and, if you add it, status and phase from a Get Information about Schools extract. Nothing is written until you press Apply.</Caption1>
      <Field label="Ofsted management information (CSV)" required>
        {(props) => <input {...props} ref={setMiInput} type="file" accept=".csv,text/csv" style={{ maxWidth: '100%' }} onChange={() => setPreview(null)} />}
      </Field>
      <Field label="Get Information about Schools extract (CSV, optional)">
        {(props) => <input {...props} ref={setGiasInput} type="file" accept=".csv,text/csv" style={{ maxWidth: '100%' }} onChange={() => setPreview(null)} />}
      </Field>
      <Field label="Local authority code (optional)" hint="Three digits, as LAESTAB starts. Blank: taken from the register's LAESTAB." validationMessage={laValid ? undefined : 'Enter three digits, or leave it blank.'}>
        <Input value={la} inputMode="numeric" onChange={(_, d) => { setLa(d.value); setPreview(null); }} />
      </Field>
      <Checkbox checked={preferOfficial} onChange={(_, d) => { setPreferOfficial(d.checked === true); setPreview(null); }}
        label="Where I changed a value since the last refresh, take the official one" />
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <Button onClick={() => void makePreview()} disabled={busy !== null}>Preview changes</Button>
      </div>

      {preview && c && (
        <div style={gap} data-refresh-preview>
          <Body1><strong>Preview</strong> of {preview.source}, from {preview.plan.sources.map((s) => `${s.name}${s.date ? ` (to ${s.date})` : ''}`).join(' and ')}:</Body1>
          <ul aria-label="What the refresh will do" style={{ margin: 0, paddingLeft: 16 }}>
            <li>{c.filled} blank cell{c.filled === 1 ? '' : 's'} to fill</li>
            <li>{c.updated} cell{c.updated === 1 ? '' : 's'} to update</li>
            {c.preferred > 0 && <li>{c.preferred} of your values to replace with the official one</li>}
            <li>{c.conflicts} conflict{c.conflicts === 1 ? '' : 's'} kept as you have {c.conflicts === 1 ? 'it' : 'them'}</li>
            {c.newColumns > 0 && <li>{c.newColumns} column{c.newColumns === 1 ? '' : 's'} to add: {preview.write.added.headers.join(', ')}</li>}
            <li>{c.byPredecessor} school{c.byPredecessor === 1 ? '' : 's'} found under a new URN (academy converters)</li>
            <li>{c.notInRegister} school{c.notInRegister === 1 ? '' : 's'} of LA {preview.plan.la ?? '(unknown: enter the code)'} in the data but not in the register</li>
            <li>{c.notInOfficial} register school{c.notInOfficial === 1 ? '' : 's'} not in the data (closed or merged?)</li>
          </ul>
          {listed.length > 0 && (
            <>
              <Caption1 id="refresh-list-label">{listed.length < c.filled + c.updated + c.preferred + c.conflicts ? `The first ${listed.length} changes` : 'Every change'}; all are listed on the "{CHANGES_SHEET}" sheet after Apply.</Caption1>
              {/* Focusable, so the list scrolls from the keyboard. */}
              <ul aria-labelledby="refresh-list-label" tabIndex={0} style={{ margin: 0, padding: 4, listStyle: 'none', maxHeight: 220, overflowY: 'auto', border: `1px solid ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium, display: 'flex', flexDirection: 'column', gap: 4 }}>
                {listed.map((ch, i) => (
                  <li key={i} style={{ overflowWrap: 'anywhere' }}>
                    <Caption1>
                      <strong>{ch.school}</strong> ({ch.urn}), {ch.header}: {ch.oldText || '(blank)'} → {ch.newText}
                      {ch.kind === 'conflict' ? ' (kept as you have it: ' + (ch.why ?? '') + ')' : ''}
                    </Caption1>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Button appearance="primary" onClick={() => void apply()} disabled={busy !== null}>Apply</Button>
            <Button onClick={() => setPreview(null)} disabled={busy !== null}>Discard preview</Button>
          </div>
        </div>
      )}

      {progress && (
        <Field label="Writing changes" validationState="none" validationMessage={`${progress.done} of ${progress.total} cells`}>
          <ProgressBar value={progress.total ? progress.done / progress.total : 1} max={1} />
        </Field>
      )}
      {busy === 'preview' && <Caption1 role="status">Reading the files and the register…</Caption1>}
      <NoticeBar notice={notice} detailsLabel="About the refresh" />
    </section>
  );
}
