import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import webpack, { type Configuration, type Stats } from 'webpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORKS } from '../core/frameworks/index';

const require = createRequire(import.meta.url);
const configure = require('../webpack.config.js') as (env: { outDir?: string }, options: { mode: string }) => Promise<Configuration>;
const { urlDev, urlProd } = require('../addin.config.cjs') as { urlDev: string; urlProd: string };

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
// A production build takes about 12 s on an idle machine; much longer when the whole suite runs beside it.
const BUILD_TIMEOUT_MS = 180_000;

interface FunctionMetadata { id: string; name: string; description?: string; result?: { dimensionality?: string } }

let out = '';
let stats: Stats | undefined;
const read = (file: string): string => readFileSync(join(out, file), 'utf8');

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'school-risk-build-'));
  const config = await configure({ outDir: out }, { mode: 'production' });
  stats = await new Promise<Stats>((done, fail) => {
    const compiler = webpack(config);
    compiler.run((err, result) => compiler.close(() => (err || !result ? fail(err ?? new Error('no stats')) : done(result))));
  });
}, BUILD_TIMEOUT_MS);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('the production build', () => {
  it('compiles without errors', () => {
    expect(stats?.toJson({ all: false, errors: true }).errors?.map((e) => e.message) ?? ['no build']).toEqual([]);
  });

  it('writes the task pane page, both bundles, the generated metadata, the manifest and the icons', () => {
    for (const file of ['taskpane.html', 'taskpane.js', 'functions.js', 'functions.json', 'manifest.xml']) expect(existsSync(join(out, file)), file).toBe(true);
    const icons = readdirSync(join(out, 'assets')).sort();
    expect(icons).toEqual(['icon-128.png', 'icon-16.png', 'icon-32.png', 'icon-64.png', 'icon-80.png']);
  });
});

describe('the framework readings the pane links to', () => {
  it.each(FRAMEWORKS.map((f) => [f.id, f] as const))('%s: its "How we read it" page is built from its document, as HTML with no script', (_id, f) => {
    const page = f.docs!.replace(/\.md$/, '.html');
    expect(existsSync(join(out, page)), page).toBe(true);
    const html = read(page);
    const heading = /^# (.+)$/m.exec(readFileSync(f.docs!, 'utf8'))![1]!;
    expect(html).toContain(`<title>${heading.replace(/[<>&"]/g, '')}</title>`);
    expect(html).toMatch(/<table>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("default-src 'none'");
  });
});

describe('the task pane page hosts the shared runtime', () => {
  const scripts = (): string[] => [...read('taskpane.html').matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/g)].map((m) => m[1]!);

  it('loads Office.js from its CDN first, then both bundles', () => {
    expect(scripts()).toEqual([OFFICE_JS, 'taskpane.js', 'functions.js']);
  });

  it('does not bundle Office.js', () => {
    for (const bundle of ['taskpane.js', 'functions.js']) expect(read(bundle)).not.toMatch(/OSF\.DDA|Microsoft\.Office\.WebExtension/);
  });

  it('has a Content-Security-Policy that allows only itself and the Office.js CDN, and no eval', () => {
    const meta = read('taskpane.html').match(/<meta\s+http-equiv=["']?Content-Security-Policy["']?\s+content=("[^"]*"|'[^']*')/i);
    expect(meta, 'CSP meta tag').not.toBeNull();
    const directives = new Map(meta![1]!.slice(1, -1).split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
    expect(directives.get('connect-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    const sources = [...directives.values()].flat();
    expect(sources).not.toContain("'unsafe-eval'");
    for (const s of sources) expect(s).toMatch(/^('self'|'none'|'unsafe-inline'|data:|https:\/\/appsforoffice\.microsoft\.com)$/);
  });
});

describe('the bundles run under that policy', () => {
  it.each(['taskpane.js', 'functions.js'])('%s calls neither eval nor new Function', (bundle) => {
    const code = read(bundle);
    expect(code).not.toMatch(/\beval\s*\(/);
    expect(code).not.toMatch(/new\s+Function\s*\(/);
  });

  it('stay within a size budget (gzip), so Office.js, source maps or a second React never slip in', () => {
    const sizes = Object.fromEntries(['taskpane.js', 'functions.js'].map((f) => [f, gzipSync(readFileSync(join(out, f))).length]));
    console.info('gzip sizes (bytes):', sizes);
    expect(sizes['taskpane.js']).toBeLessThan(600_000);
    expect(sizes['functions.js']).toBeLessThan(300_000);
  });
});

describe('the custom functions', () => {
  const metadata = (): FunctionMetadata[] => (JSON.parse(read('functions.json')) as { functions: FunctionMetadata[] }).functions;

  it('functions.json is generated from the JSDoc and lists FRAMEWORKS without the namespace', () => {
    const fn = metadata().find((f) => f.id === 'FRAMEWORKS');
    expect(fn).toBeDefined();
    expect(fn!.name).toBe('FRAMEWORKS');
    expect(fn!.description?.length).toBeGreaterThan(10);
    expect(fn!.result?.dimensionality).toBe('matrix');
    for (const f of metadata()) expect(f.id).toMatch(/^[A-Z][A-Z0-9.]*$/);
    for (const f of metadata()) expect(f.id.startsWith('SCHOOL.')).toBe(false);
  });

  it('functions.js associates every function in functions.json, and FRAMEWORKS lists the real frameworks', () => {
    const associated = new Map<string, (...args: unknown[]) => unknown>();
    const sandbox = { console, CustomFunctions: { associate: (id: string, fn: (...args: unknown[]) => unknown) => associated.set(id, fn), Error: class {} } };
    runInNewContext(read('functions.js'), sandbox);
    expect([...associated.keys()].sort()).toEqual(metadata().map((f) => f.id).sort());
    const rows = associated.get('FRAMEWORKS')!() as string[][];
    expect(rows.map((r) => r.slice(0, 2))).toEqual(FRAMEWORKS.map((f) => [f.id, f.name]));
  });

  it('functions.json lets errors reach the functions, so an error cell in a register stops only its own row', () => {
    // Without it Excel does not call a function whose range holds an error: the whole spill would be one error.
    expect((JSON.parse(read('functions.json')) as { allowErrorForDataTypeAny?: unknown }).allowErrorForDataTypeAny).toBe(true);
  });

  it('functions.js also loads in a plain browser, where there is no CustomFunctions', () => {
    expect(() => runInNewContext(read('functions.js'), { console })).not.toThrow();
  });
});

describe('the functions\' help, served by the add-in itself', () => {
  it('every function\'s help URL is a page of the build, on the production host, at an anchor the page has', () => {
    const page = read('help/functions.html');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain("default-src 'none'"); // nothing fetched: it works offline
    const metadata = (JSON.parse(read('functions.json')) as { functions: { id: string; helpUrl?: string }[] }).functions;
    expect(metadata.length).toBeGreaterThan(0);
    for (const f of metadata) {
      expect(f.helpUrl, f.id).toMatch(new RegExp(`^${urlProd.replace(/[.]/g, '\\.')}help/functions\\.html#school[a-z]+$`));
      const anchor = f.helpUrl!.split('#')[1]!;
      expect(page, `${f.id}: anchor ${anchor}`).toMatch(new RegExp(`<a id="?${anchor}"?>`)); // the build minifies HTML
      expect(page, f.id).toContain(`=SCHOOL.${f.id}(`);
    }
    expect(read('functions.json')).not.toContain(urlDev);
  });
});

describe('the manifest the build writes', () => {
  it('points at the production host, not the dev server', () => {
    const xml = read('manifest.xml');
    expect(xml).not.toContain(urlDev);
    expect(xml).toContain(`<bt:Url id="Taskpane.Url" DefaultValue="${urlProd}taskpane.html"/>`);
  });
});
