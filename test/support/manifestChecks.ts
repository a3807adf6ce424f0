/**
 * An offline check of the add-in manifest: the things that break add-ins in practice, each reported
 * separately so a test names what is wrong. Microsoft's own validator (`npm run validate`) needs its
 * online service; this needs nothing but the file and the assets folder.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One element of the manifest: its name as written (with prefix), attributes, own text and children. */
export interface ManifestElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: ManifestElement[];
}

/** What the checks need besides the XML: the allowed hosts and a way to read an asset. */
export interface ManifestContext {
  /** URL prefixes the manifest may point at (the dev server and the production host), each ending in `/`. */
  hosts: readonly string[];
  /** The bytes of a file served under a host, by its path relative to the host (`assets/icon-16.png`); `undefined` if absent. */
  readServedFile: (relativePath: string) => Uint8Array | undefined;
}

/** The names of the checks, in the order a reader would fix them. */
export const MANIFEST_CHECKS = [
  'wellFormed', 'id', 'version', 'resids', 'urls', 'sharedRuntime', 'customFunctions', 'icons', 'permissions',
] as const;

/** A check's name. */
export type ManifestCheck = (typeof MANIFEST_CHECKS)[number];

/** The failures of each check (an empty list is a pass). */
export type ManifestReport = Record<ManifestCheck, string[]>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Office wants one to four dot-separated numbers of at most five digits ("1.0.0.0").
const VERSION = /^\d{1,5}(\.\d{1,5}){0,3}$/;
// Office's limits on resource strings (characters).
const SHORT_STRING_MAX = 125;
const LONG_STRING_MAX = 250;

/** Parses the manifest into a plain element tree (`undefined` if it is not well-formed XML). */
export function parseManifest(xml: string): ManifestElement | undefined {
  if (XMLValidator.validate(xml) !== true) return undefined;
  const parser = new XMLParser({
    preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false,
    parseTagValue: false, trimValues: true, commentPropName: '#comment',
  });
  const nodes = parser.parse(xml) as Record<string, unknown>[];
  const elements = nodes.map(toElement).filter((e): e is ManifestElement => e !== undefined && !e.name.startsWith('?'));
  return elements[0];
}

function toElement(node: Record<string, unknown>): ManifestElement | undefined {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (!name || name === '#text' || name === '#comment') return undefined;
  const raw = (node[name] ?? []) as Record<string, unknown>[];
  const attrs = Object.fromEntries(Object.entries((node[':@'] ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  const text = raw.filter((n) => '#text' in n).map((n) => String(n['#text'])).join('').trim();
  const children = raw.map(toElement).filter((e): e is ManifestElement => e !== undefined);
  return { name, attrs, text, children };
}

/** Every element under `root` (itself included), depth first, with the names of its ancestors. */
function walk(root: ManifestElement, ancestors: string[] = []): { el: ManifestElement; path: string[] }[] {
  const path = [...ancestors, root.name];
  return [{ el: root, path }, ...root.children.flatMap((c) => walk(c, path))];
}

const local = (name: string): string => name.slice(name.indexOf(':') + 1);
const child = (el: ManifestElement | undefined, name: string): ManifestElement | undefined => el?.children.find((c) => local(c.name) === name);
const xsiType = (el: ManifestElement): string | undefined => el.attrs['xsi:type'];

type ResourceKind = 'image' | 'url' | 'shortString' | 'longString';

/** The resources (`bt:Images`, `bt:Urls`, `bt:ShortStrings`, `bt:LongStrings`) by id. */
function resources(root: ManifestElement): Map<string, { kind: ResourceKind; value: string }> {
  const kinds: Record<string, ResourceKind> = { Images: 'image', Urls: 'url', ShortStrings: 'shortString', LongStrings: 'longString' };
  const found = new Map<string, { kind: ResourceKind; value: string }>();
  for (const { el, path } of walk(root)) {
    const group = path.length >= 2 ? local(path[path.length - 2]!) : '';
    const kind = kinds[group];
    if (kind && local(path[path.length - 3] ?? '') === 'Resources' && el.attrs.id !== undefined) {
      found.set(el.attrs.id, { kind, value: el.attrs.DefaultValue ?? '' });
    }
  }
  return found;
}

/** The kind of resource an element's `resid` must name, from the element it sits on. */
function expectedKind(el: ManifestElement): ResourceKind[] {
  const name = local(el.name);
  if (name === 'Image') return ['image'];
  if (['SourceLocation', 'Runtime', 'FunctionFile', 'LearnMoreUrl'].includes(name)) return ['url'];
  if (name === 'Description') return ['longString'];
  return ['shortString'];
}

/** The URL a `resid` on `el` resolves to, or `undefined`. */
function resolveUrl(res: Map<string, { kind: ResourceKind; value: string }>, el: ManifestElement | undefined): string | undefined {
  const id = el?.attrs.resid;
  const r = id === undefined ? undefined : res.get(id);
  return r?.kind === 'url' ? r.value : undefined;
}

/** Width and height of a PNG, or `undefined` if the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Runs every check on a manifest. */
export function checkManifest(xml: string, ctx: ManifestContext): ManifestReport {
  const report = Object.fromEntries(MANIFEST_CHECKS.map((c) => [c, [] as string[]])) as ManifestReport;
  const root = parseManifest(xml);
  if (!root) {
    const validation = XMLValidator.validate(xml);
    report.wellFormed.push(validation === true ? 'no root element' : `not well-formed XML: ${validation.err.msg} (line ${validation.err.line})`);
    for (const c of MANIFEST_CHECKS) if (c !== 'wellFormed') report[c].push('not checked: the manifest does not parse');
    return report;
  }
  if (local(root.name) !== 'OfficeApp' || xsiType(root) !== 'TaskPaneApp') report.wellFormed.push(`root is <${root.name} xsi:type="${xsiType(root)}">, expected <OfficeApp xsi:type="TaskPaneApp">`);

  const all = walk(root);
  const res = resources(root);

  const id = child(root, 'Id')?.text ?? '';
  if (!GUID.test(id)) report.id.push(`Id "${id}" is not a GUID`);

  const version = child(root, 'Version')?.text ?? '';
  if (!VERSION.test(version)) report.version.push(`Version "${version}" is not n[.n[.n[.n]]]`);

  const seen = new Set<string>();
  for (const { el, path } of all) {
    if (local(path[path.length - 3] ?? '') === 'Resources' && el.attrs.id !== undefined) {
      if (seen.has(el.attrs.id)) report.resids.push(`resource id "${el.attrs.id}" is defined twice`);
      seen.add(el.attrs.id);
    }
    const resid = el.attrs.resid;
    if (resid === undefined) continue;
    const target = res.get(resid);
    const where = `<${el.name} resid="${resid}">`;
    if (!target) report.resids.push(`${where} names no resource`);
    else if (!expectedKind(el).includes(target.kind)) report.resids.push(`${where} names a ${target.kind}, expected a ${expectedKind(el).join(' or ')}`);
    if (target?.kind === 'shortString' && target.value.length > SHORT_STRING_MAX) report.resids.push(`short string "${resid}" is longer than ${SHORT_STRING_MAX} characters`);
    if (target?.kind === 'longString' && target.value.length > LONG_STRING_MAX) report.resids.push(`long string "${resid}" is longer than ${LONG_STRING_MAX} characters`);
  }

  const urls: { url: string; where: string }[] = [];
  for (const { el } of all) {
    for (const [attr, value] of Object.entries(el.attrs)) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !attr.startsWith('xmlns')) urls.push({ url: value, where: `<${el.name} ${attr}>` });
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(el.text)) urls.push({ url: el.text, where: `<${el.name}>` });
  }
  for (const { url, where } of urls) {
    if (!url.startsWith('https://')) report.urls.push(`${where} ${url} is not https`);
    else if (!ctx.hosts.some((h) => url.startsWith(h))) report.urls.push(`${where} ${url} is on neither ${ctx.hosts.join(' nor ')}`);
  }

  // Shared runtime: the runtime, the custom functions' page, the function file and the task pane are one page.
  const sets = all.filter(({ el }) => local(el.name) === 'Set').map(({ el }) => el.attrs);
  for (const name of ['SharedRuntime', 'CustomFunctionsRuntime']) {
    const set = sets.find((s) => s.Name === name);
    if (!set) report.sharedRuntime.push(`Requirements do not name the ${name} set`);
    else if (set.MinVersion !== undefined && set.MinVersion !== '1.1') report.sharedRuntime.push(`${name} MinVersion is ${set.MinVersion}, expected 1.1`);
  }
  const runtimes = all.filter(({ el }) => local(el.name) === 'Runtime').map(({ el }) => el);
  if (runtimes.length !== 1) report.sharedRuntime.push(`expected exactly one <Runtime>, found ${runtimes.length}`);
  for (const r of runtimes) if (r.attrs.lifetime !== 'long') report.sharedRuntime.push(`<Runtime> lifetime is "${r.attrs.lifetime}", expected "long"`);
  const cfPoint = all.find(({ el }) => local(el.name) === 'ExtensionPoint' && xsiType(el) === 'CustomFunctions')?.el;
  const taskpaneAction = all.find(({ el }) => local(el.name) === 'Action' && xsiType(el) === 'ShowTaskpane')?.el;
  const wiring: [string, string | undefined][] = [
    ['<Runtime>', resolveUrl(res, runtimes[0])],
    ['CustomFunctions <Page>', resolveUrl(res, child(child(cfPoint, 'Page'), 'SourceLocation'))],
    ['<FunctionFile>', resolveUrl(res, all.find(({ el }) => local(el.name) === 'FunctionFile')?.el)],
    ['ShowTaskpane <SourceLocation>', resolveUrl(res, child(taskpaneAction, 'SourceLocation'))],
    ['DefaultSettings <SourceLocation>', child(child(root, 'DefaultSettings'), 'SourceLocation')?.attrs.DefaultValue],
  ];
  const pageUrl = wiring[0][1];
  for (const [where, url] of wiring) {
    if (url === undefined) report.sharedRuntime.push(`${where} has no URL`);
    else if (!url.endsWith('/taskpane.html')) report.sharedRuntime.push(`${where} is ${url}, expected the task pane page taskpane.html`);
    else if (pageUrl !== undefined && url !== pageUrl) report.sharedRuntime.push(`${where} is ${url}, but the runtime is ${pageUrl}`);
  }

  if (!cfPoint) report.customFunctions.push('no <ExtensionPoint xsi:type="CustomFunctions">');
  else {
    const expectations: [string, string][] = [['Script', '/functions.js'], ['Metadata', '/functions.json']];
    for (const [name, file] of expectations) {
      const url = resolveUrl(res, child(child(cfPoint, name), 'SourceLocation'));
      if (url === undefined || !url.endsWith(file)) report.customFunctions.push(`<${name}> is ${url ?? 'missing'}, expected the built ${file.slice(1)}`);
    }
    const nsId = child(cfPoint, 'Namespace')?.attrs.resid;
    const ns = nsId === undefined ? undefined : res.get(nsId)?.value;
    if (ns !== 'SCHOOL') report.customFunctions.push(`<Namespace> is ${ns ?? 'missing'}, expected SCHOOL`);
  }

  // Icons: every image URL is a file that exists, is a PNG and, where the manifest says a size, has it.
  const images: { url: string; size?: number; where: string }[] = [];
  for (const name of ['IconUrl', 'HighResolutionIconUrl']) {
    const url = child(root, name)?.attrs.DefaultValue;
    if (url) images.push({ url, size: name === 'IconUrl' ? 32 : 64, where: `<${name}>` });
  }
  for (const { el } of all) {
    if (local(el.name) !== 'Image' || el.attrs.resid === undefined) continue;
    const r = res.get(el.attrs.resid);
    if (r?.kind === 'image') images.push({ url: r.value, size: Number(el.attrs.size), where: `<bt:Image size="${el.attrs.size}" resid="${el.attrs.resid}">` });
  }
  for (const [id, r] of res) if (r.kind === 'image') images.push({ url: r.value, where: `resource ${id}` });
  for (const { url, size, where } of images) {
    const host = ctx.hosts.find((h) => url.startsWith(h));
    if (!host) continue; // reported by the URL check
    const file = url.slice(host.length);
    const bytes = ctx.readServedFile(file);
    const png = bytes && pngSize(bytes);
    if (!bytes) report.icons.push(`${where} names ${file}, which does not exist`);
    else if (!png) report.icons.push(`${where} names ${file}, which is not a PNG`);
    else if (size !== undefined && (png.width !== size || png.height !== size)) report.icons.push(`${where} names ${file}, which is ${png.width}x${png.height}, not ${size}x${size}`);
  }

  const permissions = all.filter(({ el }) => local(el.name) === 'Permissions').map(({ el }) => el.text);
  if (permissions.length !== 1 || permissions[0] !== 'ReadWriteDocument') report.permissions.push(`permissions are [${permissions.join(', ')}], expected exactly ReadWriteDocument`);

  return report;
}
