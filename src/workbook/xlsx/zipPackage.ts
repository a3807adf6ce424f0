/**
 * The workbook package as a zip (@zip.js/zip.js): entries listed from the central directory without
 * reading them, parts read as text or streamed, and a copy written entry by entry in the original order
 * where every part we do not change is copied raw (its compressed bytes, CRC and sizes as they were:
 * `passThrough`), so what we do not understand reaches the copy exactly as the analyst's program wrote it.
 *
 * zip.js is the one library measured here that both streams and copies an entry raw (shared/XLSX-LIBRARIES.md).
 * Before anything is read the package is checked against limits, so a small file that unpacks to
 * gigabytes is refused in bounded memory; and each stream counts what it inflates, in case a zip lies
 * about its sizes.
 */
import { openAsBlob } from 'node:fs';
import { BlobReader, configure, ZipReader, ZipWriter, type Entry, type FileEntry } from '@zip.js/zip.js';
import { PackageError } from './xml';

configure({ useWebWorkers: false });

/** Limits checked before a package is read (sized for England's 25,000 schools by 200 columns, with room). */
export interface PackageLimits {
  /** The sum of the parts' unpacked sizes. */
  readonly maxUnpackedBytes: number;
}

export const DEFAULT_PACKAGE_LIMITS: PackageLimits = { maxUnpackedBytes: 2 * 1024 ** 3 };

/** New content for a part: text, bytes, or a stream made when the part is written. */
export type PartContent = string | Uint8Array | (() => ReadableStream<Uint8Array>);

const MB = (n: number) => `${Math.round(n / 1024 / 1024).toLocaleString('en-GB')} MB`;

/** An opened .xlsx (or .xlsm) package. */
export class XlsxPackage {
  private readonly byName: Map<string, FileEntry>;
  private constructor(
    private readonly reader: ZipReader<Blob>,
    readonly entries: readonly FileEntry[],
  ) {
    // Part names are case-insensitive (ECMA-376 Part 2, 9.1.1.1).
    this.byName = new Map(entries.map((e) => [e.filename.toLowerCase(), e]));
  }

  /** Opens a package from a file or from bytes; a file that is not one gets one line saying what it is. */
  static async open(source: string | Uint8Array, limits: PackageLimits = DEFAULT_PACKAGE_LIMITS): Promise<XlsxPackage> {
    const blob = typeof source === 'string' ? await openAsBlob(source) : new Blob([source as Uint8Array<ArrayBuffer>]);
    await checkSignature(blob);
    const reader = new ZipReader(new BlobReader(blob));
    let entries: Entry[];
    try {
      entries = await reader.getEntries();
    } catch (e) {
      await reader.close().catch(() => undefined);
      throw new PackageError(`it is damaged: its zip directory cannot be read (${(e as Error).message.replace(/\.$/, '')}). Open it in Excel, which may repair it, and save it again.`);
    }
    const files = entries.filter((e): e is FileEntry => !e.directory);
    const pkg = new XlsxPackage(reader, files);
    if (pkg.has('mimetype') && (await pkg.text('mimetype')).includes('opendocument')) {
      await pkg.close();
      throw new PackageError('it is an OpenDocument spreadsheet (.ods), not an Excel workbook. Open it in LibreOffice or Excel and save it as Excel Workbook (.xlsx).');
    }
    if (!pkg.has('[Content_Types].xml')) {
      await pkg.close();
      throw new PackageError('it is a zip file but not an Excel workbook (it has no [Content_Types].xml).');
    }
    if (files.some((e) => e.encrypted)) {
      await pkg.close();
      throw new PackageError('some of its parts are encrypted. Remove the password in Excel (File > Info > Protect Workbook) and save it again.');
    }
    const unpacked = files.reduce((n, e) => n + e.uncompressedSize, 0);
    if (unpacked > limits.maxUnpackedBytes) {
      await pkg.close();
      throw new PackageError(`it unpacks to ${MB(unpacked)}, more than the ${MB(limits.maxUnpackedBytes)} a register of every school in England needs; it was not read. If it really is a register, raise the limit with --max-unpacked-mb.`);
    }
    return pkg;
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  /** The entry's name as the package spells it. */
  nameOf(name: string): string {
    return this.byName.get(name.toLowerCase())?.filename ?? name;
  }

  sizeOf(name: string): number {
    return this.entry(name).uncompressedSize;
  }

  private entry(name: string): FileEntry {
    const e = this.byName.get(name.toLowerCase());
    if (!e) throw new PackageError(`its part ${name} is missing.`);
    return e;
  }

  /** A part as text (small parts only: the register sheet is streamed). */
  async text(name: string): Promise<string> {
    try {
      return await new Response(this.stream(name)).text();
    } catch (err) {
      if (err instanceof PackageError) throw err;
      throw new PackageError(`its part ${name} is damaged (${(err as Error).message.replace(/\.$/, '')}).`);
    }
  }

  /** A part's bytes, inflated as they are read, and never more than the size its entry declares. */
  stream(name: string): ReadableStream<Uint8Array> {
    const e = this.entry(name);
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    e.getData(writable).catch(() => undefined); // a failure surfaces on the readable
    return readable.pipeThrough(countingStream(name, e.uncompressedSize));
  }

  /** The raw (compressed) bytes of an entry, as a stream, for a copy that does not change it. */
  raw(e: FileEntry): ReadableStream<Uint8Array> {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    e.getData(writable, { passThrough: true }).catch(() => undefined);
    return readable;
  }

  async close(): Promise<void> {
    await this.reader.close();
  }
}

/** Fails a stream that inflates to more than its entry declared (a zip that lies about its sizes). */
function countingStream(name: string, declared: number): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > declared) controller.error(new PackageError(`its part ${name} unpacks to more than its zip directory says (${declared.toLocaleString('en-GB')} bytes); the file is damaged or crafted, and was not read further.`));
      else controller.enqueue(chunk);
    },
  });
}

/** The first bytes say what a file is, before zip.js is asked to read it. */
async function checkSignature(blob: Blob): Promise<void> {
  if (blob.size === 0) throw new PackageError('it is empty (0 bytes). Was it saved completely?');
  const head = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
  const is = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (is(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    throw new PackageError('it is an Excel 97-2003 workbook (.xls) or a password-protected workbook. Open it in Excel and save it as Excel Workbook (.xlsx) without a password.');
  }
  if (!is(0x50, 0x4b)) throw new PackageError('it is not an Excel workbook (.xlsx): it is not a zip package. Was it renamed from another kind of file?');
}

/** What to change in a copy of a package. */
export interface PackageEdits {
  /** Parts whose content is replaced (by name as the package spells it, or any case). */
  readonly replace: ReadonlyMap<string, PartContent>;
  /** New parts, written after the package's own. */
  readonly add: ReadonlyMap<string, PartContent>;
}

/** Writes a copy of `pkg` with `edits` to `out`: untouched parts raw, in their order; then the new ones. */
export async function writePackage(pkg: XlsxPackage, out: WritableStream<Uint8Array>, edits: PackageEdits): Promise<void> {
  const replace = new Map([...edits.replace].map(([k, v]) => [k.toLowerCase(), v]));
  const writer = new ZipWriter(out, { keepOrder: true });
  try {
    for (const e of pkg.entries) {
      const content = replace.get(e.filename.toLowerCase());
      if (content === undefined) await writer.add(e.filename, pkg.raw(e), { passThrough: true, entry: e });
      else await writer.add(e.filename, readerOf(content));
    }
    for (const [name, content] of edits.add) await writer.add(name, readerOf(content));
    await writer.close();
  } catch (e) {
    await writer.close().catch(() => undefined);
    throw e;
  }
}

function readerOf(content: PartContent): ReadableStream<Uint8Array> {
  if (typeof content === 'function') return content();
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
}
