/**
 * The registry of frameworks. Adding an authority means adding its module here and its tests; the
 * engine, the shells and the documentation tables pick it up from this list.
 */
import { compileFramework, type CompiledFramework } from '../engine';
import type { FrameworkDefinition } from '../framework';
import { herefordshire } from './herefordshire';
import { oldham } from './oldham';
import { oxfordshire } from './oxfordshire';
import { southwark } from './southwark';
import { wokingham } from './wokingham';

/** Every framework definition, in the order the task pane and `FRAMEWORKS()` list them. */
export const FRAMEWORKS: readonly FrameworkDefinition[] = [oxfordshire, oldham, herefordshire, wokingham, southwark];

const compiled = new Map<string, CompiledFramework>();

/** All frameworks, compiled (compiling checks each definition; a malformed one throws at load). */
export function allFrameworks(): CompiledFramework[] {
  return FRAMEWORKS.map((f) => frameworkById(f.id) as CompiledFramework);
}

/** Looks a framework up by id, ignoring case and surrounding spaces; `undefined` when there is none. */
export function frameworkById(id: string): CompiledFramework | undefined {
  const key = id.trim().toLowerCase();
  const cached = compiled.get(key);
  if (cached) return cached;
  const def = FRAMEWORKS.find((f) => f.id === key);
  if (!def) return undefined;
  const fw = compileFramework(def);
  compiled.set(key, fw);
  return fw;
}

/** The message for an unknown framework id, listing the valid ones. */
export function unknownFrameworkMessage(id: unknown): string {
  return `Unknown framework ${JSON.stringify(id)}; expected one of: ${FRAMEWORKS.map((f) => f.id).join(', ')}.`;
}
