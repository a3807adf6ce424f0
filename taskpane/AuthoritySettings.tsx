/**
 * The task pane's Authority settings: the framework's source, *Load framework file*, and each parameter
 * with its description, unit, range, default (the value in force at the as-of date, and why) and
 * citation, set with a spin button, a switch or a text box and reset to its default. Values are checked
 * by the core (core/parameters.ts) as the analyst types; only a valid value is saved. The pane saves
 * them in the workbook (src/run/authoritySettings.ts).
 */
import {
  Button, Caption1, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, SpinButton, Subtitle2, Switch,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { CalendarDate } from '../core/dates';
import type { CompiledFramework } from '../core/engine';
import type { ParameterDef, Scalar } from '../core/framework';
import { NATIONAL_PARAMETERS } from '../core/nationalParameters';
import { parameterKind, resolveSettings, valueInForceText } from '../core/parameters';
import { jsonFileText } from '../src/workbook/textBytes';

/** Props: the framework, the as-of date, the values saved for it, and what to do on a change or a file. */
export interface AuthoritySettingsProps {
  readonly framework: CompiledFramework;
  readonly asOf: CalendarDate | null;
  /** The analyst's values for this framework (name to value); a name absent is at its default. */
  readonly values: Readonly<Record<string, Scalar>>;
  /** Sets a parameter, or resets it to its default (`undefined`). */
  readonly onChange: (name: string, value: Scalar | undefined) => void;
  readonly onResetAll: () => void;
  /** Loads a framework file: resolves to its problems, one line each, or `null` once it is loaded. */
  /** A framework file chosen: its name, its text as decoded, and its bytes (hashed for its provenance). */
  readonly onLoadFile: (name: string, text: string, bytes: Uint8Array<ArrayBuffer>) => Promise<readonly string[] | null>;
}

/** One parameter as the pane shows it. */
interface Shown {
  readonly name: string;
  readonly kind: 'number' | 'string' | 'boolean';
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  readonly description: string;
  readonly defaultText: string;
  readonly defaultValue: Scalar;
  readonly citation?: string;
  readonly standIn?: string;
}

function ownParameter(name: string, p: ParameterDef, asOf: CalendarDate | null, defaults: Readonly<Record<string, Scalar>>): Shown {
  return {
    name, kind: parameterKind(p), unit: p.unit, min: p.min, max: p.max, description: p.description,
    defaultText: asOf === null ? String(defaults[name]) : valueInForceText(p, asOf), defaultValue: defaults[name]!,
    citation: p.citation && `${p.citation.section}: "${p.citation.quote}"`, standIn: p.standIn,
  };
}

/** The Authority settings section. */
export function AuthoritySettings({ framework, asOf, values, onChange, onResetAll, onLoadFile }: AuthoritySettingsProps) {
  const [issues, setIssues] = useState<readonly string[] | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const def = framework.definition;
  const defaults = asOf === null ? framework.defaults : resolveDefaults(framework, asOf);
  const own = Object.entries(def.parameters).map(([name, p]) => ownParameter(name, p, asOf, defaults));
  const national: Shown[] = NATIONAL_PARAMETERS.map((p) => ({
    name: p.name, kind: typeof p.default === 'boolean' ? 'boolean' : 'number', unit: p.unit, min: p.min, max: p.max, description: p.description,
    defaultText: String(p.default), defaultValue: p.default,
  }));
  const set = Object.keys(values).length;
  const gap = { display: 'flex', flexDirection: 'column', gap: 8 } as const;

  async function load(input: HTMLInputElement) {
    const chosen = input.files?.[0];
    input.value = '';
    if (!chosen) return;
    // Its bytes, decoded as a CSV's are (a file saved as "ANSI" or UTF-16 reads as written), not File.text()'s UTF-8 only.
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    const read = jsonFileText(bytes);
    const problems = await onLoadFile(chosen.name, read.text, bytes);
    setIssues(problems);
    setLoaded(problems ? null : chosen.name);
    setNote(read.warning && `${chosen.name}: ${read.warning}`);
  }

  return (
    <section aria-labelledby="authority" style={gap}>
      <Subtitle2 as="h2" id="authority">Authority settings</Subtitle2>
      <Caption1>
        {def.name}, version {def.version}: {framework.origin.kind === 'built-in' ? 'built in' : `loaded from ${framework.origin.name} (SHA-256 ${framework.origin.sha256.slice(0, 12)}...)`}.
        {' '}{set ? `${set} parameter${set === 1 ? '' : 's'} set away from the default; saved in this workbook.` : 'Every parameter at its default.'}
      </Caption1>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <Button onClick={() => file.current?.click()}>Load framework file</Button>
        {set > 0 && <Button onClick={onResetAll}>Reset all to defaults</Button>}
      </div>
      <input ref={file} type="file" accept=".json,application/json" aria-label="Framework file" style={{ display: 'none' }} onChange={(e) => void load(e.currentTarget)} />
      {issues && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Not a valid framework</MessageBarTitle>
            The file was not loaded; {issues.length} problem{issues.length === 1 ? '' : 's'}:
            <ul aria-label="Framework file problems" style={{ margin: '4px 0 0', paddingLeft: 16 }}>
              {issues.slice(0, 50).map((t, i) => <li key={i}><Caption1>{t}</Caption1></li>)}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {note && (
        <MessageBar intent="warning" role="status">
          <MessageBarBody><MessageBarTitle>Encoding</MessageBarTitle>{note}</MessageBarBody>
        </MessageBar>
      )}
      {loaded && (
        <MessageBar intent="success" role="status">
          <MessageBarBody><MessageBarTitle>Framework loaded</MessageBarTitle>{loaded} is saved in this workbook and selected: {def.name}.</MessageBarBody>
        </MessageBar>
      )}
      <details>
        <summary style={{ cursor: 'pointer' }}>{own.length} parameters of {def.id}{set ? `, ${Object.keys(values).filter((n) => n in def.parameters).length} set` : ''}: show or set</summary>
        <ParameterList framework={framework} asOf={asOf} shown={own} values={values} onChange={onChange} />
      </details>
      <details>
        <summary style={{ cursor: 'pointer' }}>Inspection windows, report-card mapping and risk model ({national.length})</summary>
        <ParameterList framework={framework} asOf={asOf} shown={national} values={values} onChange={onChange} />
      </details>
    </section>
  );
}

/** Every default at `asOf` (through the core, so dated values are the ones in force). */
function resolveDefaults(fw: CompiledFramework, asOf: CalendarDate): Readonly<Record<string, Scalar>> {
  const r = resolveSettings(fw, {}, asOf);
  return r.ok ? r.settings.params : fw.defaults;
}

function ParameterList({ framework, asOf, shown, values, onChange }: { framework: CompiledFramework; asOf: CalendarDate | null; shown: readonly Shown[]; values: Readonly<Record<string, Scalar>>; onChange: AuthoritySettingsProps['onChange'] }) {
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: '8px 0 0', display: 'flex', flexDirection: 'column', gap: 12 }}>
      {shown.map((p) => <li key={p.name}><ParameterField framework={framework} asOf={asOf} p={p} value={values[p.name]} onChange={onChange} /></li>)}
    </ul>
  );
}

/** One parameter: its input, what it means, its range, default and citation, and a reset. */
function ParameterField({ framework, asOf, p, value, onChange }: { framework: CompiledFramework; asOf: CalendarDate | null; p: Shown; value: Scalar | undefined; onChange: AuthoritySettingsProps['onChange'] }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = value ?? p.defaultValue;
  /** Checks a typed value through the core; saves it when valid. */
  const offer = (raw: Scalar | string) => {
    const r = resolveSettings(framework, { [p.name]: raw }, asOf ?? (0 as CalendarDate));
    if (!r.ok) {
      setError(r.errors.join(' '));
      return;
    }
    setError(null);
    setDraft(null);
    const typed = p.kind === 'number' ? Number(raw) : p.kind === 'boolean' ? raw === true || raw === 'true' : String(raw);
    onChange(p.name, typed === p.defaultValue ? undefined : typed);
  };
  const range = p.min !== undefined || p.max !== undefined ? `From ${p.min ?? '-∞'} to ${p.max ?? '∞'}${p.unit ? ` ${p.unit}` : ''}. ` : '';
  const hint = `${p.description} ${range}Default: ${p.defaultText}${p.unit && !range ? ` ${p.unit}` : ''}.${p.citation ? ` Policy: ${p.citation}.` : ''}${p.standIn ? ` Stands in: ${p.standIn}.` : ''}`;
  const label = `${p.name}${p.unit ? ` (${p.unit})` : ''}${value !== undefined ? ' (set)' : ''}`;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
      <Field label={label} hint={hint} validationState={error ? 'error' : 'none'} validationMessage={error ?? undefined}>
        {p.kind === 'boolean' ? (
          <Switch checked={current === true} onChange={(_, d) => offer(d.checked)} label={current === true ? 'Yes' : 'No'} />
        ) : p.kind === 'number' ? (
          <SpinButton
            value={draft === null ? Number(current) : null}
            displayValue={draft ?? undefined}
            min={p.min}
            max={p.max}
            step={Number.isInteger(Number(current)) && Number.isInteger(p.min ?? 0) ? 1 : 0.1}
            onChange={(_, d) => {
              if (d.value !== undefined && d.value !== null) offer(d.value);
              else if (d.displayValue !== undefined) {
                setDraft(d.displayValue);
                offer(d.displayValue);
              }
            }}
          />
        ) : (
          <Input value={draft ?? String(current)} onChange={(_, d) => setDraft(d.value)} onBlur={() => draft !== null && offer(draft)} />
        )}
      </Field>
      {value !== undefined && <Button size="small" appearance="subtle" style={{ alignSelf: 'flex-start' }} onClick={() => onChange(p.name, undefined)}>Reset {p.name} to default</Button>}
    </div>
  );
}
