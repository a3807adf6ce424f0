import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkManifest, MANIFEST_CHECKS, type ManifestCheck, type ManifestContext } from './support/manifestChecks';

const require = createRequire(import.meta.url);
// The same constants webpack uses: the hosts are configured in one place.
const { urlDev, urlProd, toProductionManifest } = require('../addin.config.cjs') as {
  urlDev: string; urlProd: string; toProductionManifest: (xml: string) => string;
};

const root = resolve(__dirname, '..');
const manifest = readFileSync(join(root, 'manifest.xml'), 'utf8');
const context: ManifestContext = {
  hosts: [urlDev, urlProd],
  // assets/ is copied as is to the served folder, so a served path is a path in the repository.
  readServedFile: (p) => (existsSync(join(root, p)) ? readFileSync(join(root, p)) : undefined),
};

describe('the manifest passes every offline check', () => {
  const report = checkManifest(manifest, context);
  it.each(MANIFEST_CHECKS)('%s', (check) => {
    expect(report[check]).toEqual([]);
  });

  it('the production manifest written by the build passes them too and no longer names the dev server', () => {
    const production = toProductionManifest(manifest);
    expect(production).not.toContain(urlDev);
    expect(production).toContain(`${urlProd}taskpane.html`);
    expect(Object.values(checkManifest(production, context)).flat()).toEqual([]);
  });

  it('names the add-in and its hosts as the issue asks', () => {
    expect(manifest).toMatch(/<DisplayName DefaultValue="School risk register"\s*\/>/);
    expect(manifest).toMatch(/<Host Name="Workbook"\s*\/>/);
    expect(manifest).toMatch(/<bt:String id="[^"]+" DefaultValue="SCHOOL"\s*\/>/);
  });
});

/** Replaces `from` in the real manifest, failing loudly if the manifest no longer contains it. */
function broken(from: string | RegExp, to: string): string {
  const out = manifest.replace(from, to);
  if (out === manifest) throw new Error(`mutation did not apply: ${String(from)}`);
  return out;
}

describe('each check catches the mistake it is for', () => {
  const cases: { check: ManifestCheck; what: string; xml: () => string; message: RegExp }[] = [
    { check: 'wellFormed', what: 'an unclosed element', xml: () => broken('</Hosts>', ''), message: /not well-formed/ },
    { check: 'wellFormed', what: 'a mail add-in instead of a task pane add-in', xml: () => broken('xsi:type="TaskPaneApp"', 'xsi:type="MailApp"'), message: /TaskPaneApp/ },
    { check: 'id', what: 'an Id that is not a GUID', xml: () => broken(/<Id>[^<]*<\/Id>/, '<Id>school-risk-register</Id>'), message: /not a GUID/ },
    { check: 'version', what: 'a version with five parts', xml: () => broken(/<Version>[^<]*<\/Version>/, '<Version>1.0.0.0.1</Version>'), message: /Version/ },
    { check: 'version', what: 'no version', xml: () => broken(/<Version>[^<]*<\/Version>/, ''), message: /Version ""/ },
    { check: 'resids', what: 'a resid with no resource', xml: () => broken('<Label resid="Group.Label"/>', '<Label resid="Group.Lable"/>'), message: /Group\.Lable.*names no resource/ },
    { check: 'resids', what: 'a label pointing at a URL', xml: () => broken('<Label resid="Group.Label"/>', '<Label resid="Taskpane.Url"/>'), message: /names a url/ },
    { check: 'resids', what: 'a resource defined twice', xml: () => broken('<bt:Url id="GetStarted.LearnMoreUrl"', '<bt:Url id="Taskpane.Url"'), message: /defined twice/ },
    { check: 'urls', what: 'an http URL', xml: () => broken(`"${urlDev}functions.json"`, `"${urlDev.replace('https', 'http')}functions.json"`), message: /not https/ },
    { check: 'urls', what: 'a URL on another host', xml: () => broken(`"${urlDev}functions.js"`, '"https://cdn.example.com/functions.js"'), message: /on neither/ },
    { check: 'sharedRuntime', what: 'a short-lived runtime', xml: () => broken('lifetime="long"', 'lifetime="short"'), message: /lifetime/ },
    { check: 'sharedRuntime', what: 'the functions page on its own page', xml: () => broken(/(<Page>\s*<SourceLocation resid=")Taskpane\.Url/, '$1Functions.Script.Url'), message: /CustomFunctions <Page>/ },
    { check: 'sharedRuntime', what: 'no SharedRuntime requirement', xml: () => broken(/<Set Name="SharedRuntime"[^>]*\/>/, ''), message: /SharedRuntime set/ },
    { check: 'customFunctions', what: 'a script that the build does not write', xml: () => broken(`${urlDev}functions.js"`, `${urlDev}functions.min.js"`), message: /functions\.js/ },
    { check: 'customFunctions', what: 'the metadata pointing at the script', xml: () => broken(/(<Metadata>\s*<SourceLocation resid=")Functions\.Metadata\.Url/, '$1Functions.Script.Url'), message: /functions\.json/ },
    { check: 'customFunctions', what: 'another namespace', xml: () => broken(/DefaultValue="SCHOOL"/, 'DefaultValue="CONTOSO"'), message: /expected SCHOOL/ },
    { check: 'icons', what: 'an icon that is not in assets/', xml: () => broken('assets/icon-80.png', 'assets/icon-96.png'), message: /icon-96\.png, which does not exist/ },
    { check: 'icons', what: 'an icon of the wrong size', xml: () => broken('assets/icon-16.png', 'assets/icon-32.png'), message: /32x32, not 16x16/ },
    { check: 'permissions', what: 'more permission than needed', xml: () => broken('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>ReadWriteMailbox</Permissions>'), message: /expected exactly ReadWriteDocument/ },
  ];

  it.each(cases)('$check: $what', ({ check, xml, message }) => {
    const failures = checkManifest(xml(), context)[check];
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.join('\n')).toMatch(message);
  });

  it('a manifest broken in many ways fails every check at once', () => {
    const mutations: [string | RegExp, string][] = [
      [/<Id>[^<]*<\/Id>/, '<Id>1234</Id>'],
      [/<Version>[^<]*<\/Version>/, '<Version>v1</Version>'],
      ['resid="GetStarted.Title"', 'resid="Nowhere"'],
      [`"${urlDev}assets/icon-80.png"`, `"${urlDev}assets/icon-81.png"`],
      [/<SupportUrl DefaultValue="[^"]*"/, '<SupportUrl DefaultValue="http://example.com/help"'],
      ['lifetime="long"', 'lifetime="short"'],
      [`${urlDev}functions.json"`, `${urlDev}metadata.json"`],
      ['ReadWriteDocument', 'ReadWriteDocument</Permissions><Permissions>ReadDocument'],
    ];
    const xml = mutations.reduce((s, [from, to]) => {
      const out = s.replace(from, to);
      expect(out, `mutation ${String(from)}`).not.toBe(s);
      return out;
    }, manifest);
    const report = checkManifest(xml, context);
    const failing = MANIFEST_CHECKS.filter((c) => report[c].length > 0);
    expect(failing).toEqual(MANIFEST_CHECKS.filter((c) => c !== 'wellFormed'));
  });

  it('XML that does not parse fails well-formedness and checks nothing else', () => {
    const report = checkManifest('<OfficeApp><Id>x</OfficeApp>', context);
    expect(report.wellFormed.join()).toMatch(/not well-formed/);
    for (const c of MANIFEST_CHECKS) expect(report[c].length).toBeGreaterThan(0);
  });
});
