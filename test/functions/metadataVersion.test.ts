import { describe, expect, it } from 'vitest';
import { functionsJsonSha256, manifestVersion, readLock } from '../../scripts/functionsMetadataLock';

// Excel caches custom-function metadata by the add-in's version (office-js: "clear the Office cache").
describe('the manifest version follows the functions\' metadata', () => {
  it('functions.json is what the locked manifest version was released with; a change raises <Version>', async () => {
    const lock = readLock();
    const version = manifestVersion();
    const sha = await functionsJsonSha256();
    if (sha !== lock.functionsJsonSha256 && version === lock.manifestVersion) {
      expect.fail(`functions.json changed (the JSDoc in functions/functions.ts) but manifest.xml's <Version> is still ${version}: Excel would keep the old metadata. Raise <Version>, then run npm run functions:lock.`);
    }
    expect({ version, sha }, 'after raising <Version>, run npm run functions:lock to record it').toEqual({ version: lock.manifestVersion, sha: lock.functionsJsonSha256 });
  }, 60_000);

  it('reads the version the manifest declares', () => {
    expect(manifestVersion('<OfficeApp><Id>x</Id><Version>1.2.3.4</Version></OfficeApp>')).toBe('1.2.3.4');
    expect(() => manifestVersion('<OfficeApp/>')).toThrow(/no <Version>/);
  });
});
