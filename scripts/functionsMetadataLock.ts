/**
 * Excel caches custom-function metadata per add-in version: a changed functions.json under an unchanged
 * manifest <Version> keeps old names and parameters in analysts' Excel. This lock records the version and
 * the metadata it was released with; test/functions/metadataVersion.test.ts fails when they drift apart.
 * `npm run functions:lock` records the current pair after the version has been raised.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';

export const LOCK_FILE = 'functions-metadata.lock.json';

export interface MetadataLock { readonly manifestVersion: string; readonly functionsJsonSha256: string }

/** The manifest's <Version>. */
export function manifestVersion(xml = readFileSync('manifest.xml', 'utf8')): string {
  const m = /<Version>([^<]+)<\/Version>/.exec(xml);
  if (!m) throw new Error('manifest.xml has no <Version>');
  return m[1]!.trim();
}

/** The hash of functions.json as the build makes it: generated from functions/functions.ts, with functions/functionsJsonOptions.json's options at its top (webpack.config.js). */
export async function functionsJsonSha256(): Promise<string> {
  const result = await generateCustomFunctionsMetadata('functions/functions.ts');
  if (result.errors.length > 0) throw new Error(result.errors.join('\n'));
  const options = JSON.parse(readFileSync('functions/functionsJsonOptions.json', 'utf8')) as Record<string, unknown>;
  return createHash('sha256').update(JSON.stringify({ ...options, ...(JSON.parse(result.metadataJson) as Record<string, unknown>) })).digest('hex');
}

export function readLock(): MetadataLock {
  return JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as MetadataLock;
}

async function main(): Promise<void> {
  const lock: MetadataLock = { manifestVersion: manifestVersion(), functionsJsonSha256: await functionsJsonSha256() };
  const before = readLock();
  if (before.functionsJsonSha256 !== lock.functionsJsonSha256 && before.manifestVersion === lock.manifestVersion) {
    throw new Error(`functions.json changed but manifest.xml's <Version> is still ${lock.manifestVersion}: raise it first, so Excel reloads the functions.`);
  }
  writeFileSync(LOCK_FILE, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`${LOCK_FILE}: version ${lock.manifestVersion}, functions.json ${lock.functionsJsonSha256.slice(0, 12)}`);
}

if (process.argv[1]?.endsWith('functionsMetadataLock.ts')) main().catch((e: Error) => { console.error(e.message); process.exit(1); });
