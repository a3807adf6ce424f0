/**
 * The one loader of frameworks: the five built-ins (JSON files embedded in the bundles) and an
 * authority's own file go through it alike. Text in, a compiled framework or every issue out; a built-in
 * with an issue is a programming error and throws at load.
 */
import { compileChecked, type CompiledFramework } from './engine';
import { FrameworkDefinitionError, type FrameworkOrigin } from './framework';

export type { FrameworkOrigin } from './framework';
import { parseFramework, type FrameworkIssue } from './frameworkCheck';
import { jsonProblemLine, parseJsonText } from './jsonText';

/** A loaded framework, or every issue with its file. */
export type FrameworkLoad = { readonly ok: true; readonly framework: CompiledFramework } | { readonly ok: false; readonly issues: readonly FrameworkIssue[] };

/** Loads a framework from JSON already parsed. */
export function loadFramework(input: unknown, origin: FrameworkOrigin): FrameworkLoad {
  const parsed = parseFramework(input);
  if (!parsed.ok) return parsed;
  return { ok: true, framework: compileChecked(parsed.definition, origin) };
}

/**
 * Loads a framework file's text. Text that is not JSON, or that gives a key twice in one object (JSON
 * keeps only the last), is one issue each, naming the file, the line and the column.
 */
export function loadFrameworkText(text: string, origin: FrameworkOrigin): FrameworkLoad {
  const read = parseJsonText(text);
  if (!read.ok) {
    const file = origin.kind === 'file' ? origin.name : '(the file)';
    return { ok: false, issues: read.problems.map((p) => ({ path: '', value: undefined, expected: 'JSON, each key once in its object', message: jsonProblemLine(file, p) })) };
  }
  return loadFramework(read.value, origin);
}

/** Loads a built-in; one with an issue throws `FrameworkDefinitionError` listing them all. */
export function loadBuiltIn(input: unknown): CompiledFramework {
  const loaded = loadFramework(input, { kind: 'built-in' });
  if (loaded.ok) return loaded.framework;
  const id = typeof input === 'object' && input !== null && 'id' in input ? String(input.id) : '(unknown)';
  throw new FrameworkDefinitionError(id, loaded.issues.map((i) => i.message).join('\n'));
}

/** The provenance of a framework in words: "built-in oxfordshire 2.0.0", "file northmoor.json sha256 9f2c...". */
export function originText(fw: CompiledFramework): string {
  const o = fw.origin;
  return o.kind === 'built-in' ? `built-in ${fw.definition.id} ${fw.definition.version}` : `file ${o.name} sha256 ${o.sha256} (${fw.definition.id} ${fw.definition.version})`;
}
