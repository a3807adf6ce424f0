/**
 * The built-in frameworks: five JSON files, embedded in the bundles at build time and loaded through the
 * same loader as an authority's own file (core/frameworkFile.ts). Adding an authority means adding its
 * file here with its conformance cases (test/frameworks/); the engine, the shells and the documentation
 * tables pick it up from this list.
 */
import type { CompiledFramework } from '../engine';
import type { FrameworkDefinition } from '../framework';
import { loadBuiltIn, type FrameworkLoad } from '../frameworkFile';
import herefordshire from './herefordshire.json';
import oldham from './oldham.json';
import oxfordshire from './oxfordshire.json';
import southwark from './southwark.json';
import wokingham from './wokingham.json';

/** The built-in files as they are, in the order the task pane and `FRAMEWORKS()` list them. */
export const BUILT_IN_FILES: readonly unknown[] = [oxfordshire, oldham, herefordshire, wokingham, southwark];

/** Every built-in, checked and compiled once at load (a malformed one throws here, so a test loads them all). */
const BUILT_IN: readonly CompiledFramework[] = BUILT_IN_FILES.map(loadBuiltIn);

/** Every built-in framework definition, in the order the task pane and `FRAMEWORKS()` list them. */
export const FRAMEWORKS: readonly FrameworkDefinition[] = BUILT_IN.map((f) => f.definition);

/** The ids of the built-ins. */
export const BUILT_IN_IDS: readonly string[] = FRAMEWORKS.map((f) => f.id);

/**
 * An authority's own framework file as loaded, refused when its id is a built-in's: it would run, and be
 * recorded, as the built-in. The one check for the task pane and the command line alike.
 */
export function ownFramework(loaded: FrameworkLoad): FrameworkLoad {
  if (!loaded.ok || !BUILT_IN_IDS.includes(loaded.framework.definition.id)) return loaded;
  const id = loaded.framework.definition.id;
  return { ok: false, issues: [{ path: 'id', value: id, expected: 'an id of your own', message: `id: "${id}" is a built-in framework's id; give your framework its own id (for example "${id}-local").` }] };
}

/** All built-in frameworks, compiled. */
export function allFrameworks(): CompiledFramework[] {
  return [...BUILT_IN];
}

/** Looks a built-in framework up by id, ignoring case and surrounding spaces; `undefined` when there is none. */
export function frameworkById(id: string): CompiledFramework | undefined {
  const key = id.trim().toLowerCase();
  return BUILT_IN.find((f) => f.definition.id === key);
}

/** The message for an unknown framework id, listing the valid ones. */
export function unknownFrameworkMessage(id: unknown, others: readonly string[] = []): string {
  return `Unknown framework ${JSON.stringify(id)}; expected one of: ${[...BUILT_IN_IDS, ...others].join(', ')}.`;
}
