/**
 * The authority's settings as the workbook keeps them (the document's settings, per add-in): the
 * framework, the analyst's header corrections, the parameters set per framework, and the framework files
 * loaded into the workbook (their text, so the next analyst and the custom functions have them too).
 * The task pane writes them; the pane and the functions both read them through here, so cells, pane and
 * command line run the same framework with the same parameters.
 */
import type { CalendarDate } from '../../core/dates';
import type { CompiledFramework } from '../../core/engine';
import { allFrameworks, ownFramework } from '../../core/frameworks';
import { loadFrameworkText, type FrameworkLoad } from '../../core/frameworkFile';
import { resolveSettings, type RunSettings } from '../../core/parameters';
import type { FrameworkFile, PaneSettings } from '../workbook/port';

/** The key the settings are saved under in the document's settings. */
export const SETTINGS_KEY = 'schoolRisk.settings';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The settings saved in a workbook (their JSON text), or `null` when there are none or they are not ours. */
export function parsePaneSettings(raw: unknown): PaneSettings | null {
  if (typeof raw !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || typeof parsed.framework !== 'string' || !isRecord(parsed.mapping)) return null;
  const files = Array.isArray(parsed.frameworkFiles)
    ? parsed.frameworkFiles.filter((f): f is FrameworkFile => isRecord(f) && typeof f.name === 'string' && typeof f.sha256 === 'string' && typeof f.text === 'string')
    : [];
  const parameters = isRecord(parsed.parameters) ? Object.fromEntries(Object.entries(parsed.parameters).filter(([, v]) => isRecord(v))) as PaneSettings['parameters'] : {};
  return { framework: parsed.framework, mapping: parsed.mapping as PaneSettings['mapping'], parameters, frameworkFiles: files };
}

const compiledFiles = new Map<string, FrameworkLoad>();

/** A framework file loaded into a workbook, compiled once per content. */
export function loadWorkbookFile(file: FrameworkFile): FrameworkLoad {
  let loaded = compiledFiles.get(file.sha256);
  if (!loaded) {
    loaded = ownFramework(loadFrameworkText(file.text, { kind: 'file', name: file.name, sha256: file.sha256 }));
    compiledFiles.set(file.sha256, loaded);
  }
  return loaded;
}

/** The frameworks a workbook offers: the built-ins, then the files loaded into it (a file that no longer loads is left out). */
export function workbookFrameworks(settings: PaneSettings | null): CompiledFramework[] {
  const loaded = (settings?.frameworkFiles ?? []).map(loadWorkbookFile).flatMap((l) => (l.ok ? [l.framework] : []));
  return [...allFrameworks(), ...loaded];
}

/**
 * The framework files saved in a workbook that no longer load (a newer version checks more, say), each
 * with its first problem: said, never dropped without a word (the pane and the functions name them).
 */
export function workbookFilesNotLoading(settings: PaneSettings | null): { readonly name: string; readonly problem: string }[] {
  return (settings?.frameworkFiles ?? []).flatMap((f) => {
    const l = loadWorkbookFile(f);
    return l.ok ? [] : [{ name: f.name, problem: l.issues[0]?.message ?? 'it is not a valid framework' }];
  });
}

/** The sentence for those files, or `null` when every file loads. */
export function filesNotLoadingNote(settings: PaneSettings | null): string | null {
  const failed = workbookFilesNotLoading(settings);
  if (failed.length === 0) return null;
  const each = failed.map((f) => `"${f.name}" (${f.problem.replace(/\.$/, '')})`).join('; ');
  return `${failed.length === 1 ? 'The framework file' : 'The framework files'} saved in this workbook ${failed.length === 1 ? 'no longer loads' : 'no longer load'}: ${each}. Load a corrected file under Authority settings; until then its framework cannot be run.`;
}

/** A framework of the workbook by id, ignoring case and surrounding spaces. */
export function workbookFramework(settings: PaneSettings | null, id: string): CompiledFramework | undefined {
  const key = id.trim().toLowerCase();
  return workbookFrameworks(settings).find((f) => f.definition.id === key);
}

/** The parameters the workbook sets for a framework, checked at the as-of date (a value saved by an older version may no longer be in range). */
export function workbookRunSettings(settings: PaneSettings | null, fw: CompiledFramework, asOf: CalendarDate): { ok: true; settings: RunSettings } | { ok: false; errors: string[] } {
  return resolveSettings(fw, settings?.parameters?.[fw.definition.id] ?? {}, asOf);
}

/** The settings with one parameter of a framework set, or reset to its default when `value` is `undefined`. */
export function withParameter(settings: PaneSettings, frameworkId: string, name: string, value: number | string | boolean | undefined): PaneSettings {
  const { [name]: _old, ...others } = settings.parameters?.[frameworkId] ?? {};
  const values = value === undefined ? others : { ...others, [name]: value };
  return { ...settings, parameters: { ...settings.parameters, [frameworkId]: values } };
}

/** The settings with a framework file loaded (one already there with the same id is replaced), or its issues. */
export function withFrameworkFile(settings: PaneSettings, file: FrameworkFile): { ok: true; settings: PaneSettings; framework: CompiledFramework } | { ok: false; issues: readonly string[] } {
  const loaded = loadWorkbookFile(file);
  if (!loaded.ok) return { ok: false, issues: loaded.issues.map((i) => i.message) };
  const id = loaded.framework.definition.id;
  const others = (settings.frameworkFiles ?? []).filter((f) => {
    const l = loadWorkbookFile(f);
    return !l.ok || l.framework.definition.id !== id;
  });
  return { ok: true, settings: { ...settings, framework: id, frameworkFiles: [...others, file] }, framework: loaded.framework };
}
