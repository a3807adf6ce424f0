/**
 * Writing an output file so that nothing the analyst has is lost:
 *
 * - The register is never the output: paths are compared after resolving links, and files by device
 *   and inode, so a symlink or a hard link to the register is caught.
 * - Everything that can be checked is checked before the run computes anything: the folder exists (or
 *   is made) and takes new files, the target is not a folder and not read-only, and no other run is
 *   writing it (a lock file beside it, taken by exclusive create; a stale one left by a killed run is
 *   taken over).
 * - The file appears whole or not at all: it is written to a temporary file in the same folder, flushed
 *   to disk, then renamed over the target (rename is atomic within a file system). A run killed at any
 *   moment leaves the previous file or the new one. Before the rename the target is checked to be as it
 *   was when the run began, so a file another program wrote meanwhile is not silently replaced; a new file
 *   is placed by a link, which fails rather than replace one created after that check.
 * - Every failure is one line: the path, what went wrong, what to do. Never a stack trace.
 */
import { constants, createWriteStream, rmSync, type Stats } from 'node:fs';
import { access, link, mkdir, open, readdir, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { CliError } from './cliError';

/** One line for an I/O error on `path`. */
export function writeFailure(path: string, e: unknown): CliError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const what = (text: string) => new CliError(`Cannot write "${path}": ${text}`);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return what('the disk is full. Free some space, or choose another disk, and run again; any earlier file of that name is unchanged.');
    case 'EACCES':
    case 'EPERM':
      return what('permission denied. Choose a folder you can save in (your Documents, say), or ask for write access.');
    case 'EROFS':
      return what('the disk or share is read-only. Choose a folder you can save in.');
    case 'EBUSY':
    case 'ETXTBSY':
      return what('the file is open in another program (Excel?). Close it there and run again.');
    case 'EISDIR':
      return what('that is a folder. Give a file name, for example "results.xlsx".');
    case 'ENOTDIR':
      return what('part of that path is a file, not a folder.');
    case 'ENAMETOOLONG':
      return what('the path is too long. Choose a shorter name or folder.');
    default:
      return what(`${(e as Error)?.message ?? String(e)}.`);
  }
}

/** A claim on an output path: checked, locked, then written atomically once. */
export interface OutputClaim {
  readonly path: string;
  /** Writes the file: `produce` fills the stream; the target appears only when it is complete. */
  write(produce: (out: WritableStream<Uint8Array>) => Promise<void>): Promise<void>;
  /** Gives up the lock (and any temporary file) without writing. */
  release(): Promise<void>;
}

/** Test seams: the stream a temporary file is written through. */
export interface OutputOptions {
  readonly openTemp?: (path: string) => WritableStream<Uint8Array>;
  /** Called between the last check of the target and placing the file (another program's write lands there). */
  readonly beforePlacing?: () => void | Promise<void>;
}

const sameFile = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino;

/** Checks the output against the input and the file system, and locks it. */
export async function claimOutput(outPath: string, inputPath: string, options: OutputOptions = {}): Promise<OutputClaim> {
  const path = resolve(outPath);
  const dir = dirname(path);
  const input = await stat(inputPath).catch(() => null);
  const target = await stat(path).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(writeFailure(outPath, e))));
  const realIn = await realpath(inputPath).catch(() => resolve(inputPath));
  const realOut = target ? await realpath(path).catch(() => path) : join(await realpath(dir).catch(() => dir), basename(path));
  if (realIn === realOut || (input && target && sameFile(input, target))) {
    throw new CliError(`--out "${outPath}" is the register itself (or a link to it), and the register is never written. Choose another name, for example "${suggestName(outPath)}".`);
  }
  if (target?.isDirectory()) throw writeFailure(outPath, Object.assign(new Error(''), { code: 'EISDIR' }));
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    if (target) await access(path, constants.W_OK);
  } catch (e) {
    throw writeFailure(outPath, e);
  }
  const lock = join(dir, `.${basename(path)}.schoolrisk-lock`);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let ownLock = false;
  let settled = false;
  // A run stopped by Ctrl-C (src/cli/main.ts exits through 'exit') leaves no temporary file and no lock
  // of its own; the target is untouched either way. Registered before the lock is taken, so no moment is uncovered.
  const onExit = () => {
    try {
      rmSync(temp, { force: true });
      if (ownLock) rmSync(lock, { force: true });
    } catch {
      /* nothing more can be done while exiting */
    }
  };
  process.on('exit', onExit);
  const cleanUp = async () => {
    if (settled) return;
    settled = true;
    await unlink(temp).catch(() => undefined);
    if (ownLock) await unlink(lock).catch(() => undefined);
    process.off('exit', onExit);
  };
  try {
    await takeLock(lock, outPath, () => (ownLock = true));
  } catch (e) {
    process.off('exit', onExit);
    throw e;
  }
  await removeStaleTemps(dir, basename(path));

  return {
    path,
    release: cleanUp,
    async write(produce) {
      try {
        const stream = options.openTemp ? options.openTemp(temp) : (Writable.toWeb(createWriteStream(temp, { flags: 'wx' })) as WritableStream<Uint8Array>);
        await produce(stream);
        const fd = await open(temp, 'r+');
        await fd.sync();
        await fd.close();
        const now = await stat(path).catch(() => null);
        const changedMeanwhile = () => new CliError(`Cannot write "${outPath}": another program changed or created it while this run was working. Nothing was replaced; run again.`);
        if (!unchanged(target, now)) throw changedMeanwhile();
        await options.beforePlacing?.();
        // A new file is placed by a link, which fails where a file has appeared since the check above (rename
        // would replace it); where the file system has no links (some shares), by rename after that check.
        const linked = target ? false : await link(temp, path).then(() => true, (e: NodeJS.ErrnoException) => {
          if (e.code === 'EEXIST') throw changedMeanwhile();
          return false;
        });
        if (!linked) await rename(temp, path);
        // The rename itself is made durable by flushing the folder (where the platform allows it).
        await open(dir, 'r').then((d) => d.sync().finally(() => d.close())).catch(() => undefined);
      } catch (e) {
        await cleanUp();
        // An I/O error (it has a code) is the analyst's to fix and gets one line; anything else is our bug and keeps its stack.
        throw e instanceof CliError || typeof (e as NodeJS.ErrnoException)?.code !== 'string' ? e : writeFailure(outPath, e);
      }
      await cleanUp();
    },
  };
}

function unchanged(before: Stats | null, now: Stats | null): boolean {
  if (!before || !now) return before === now;
  return sameFile(before, now) && before.size === now.size && before.mtimeMs === now.mtimeMs;
}

/** Takes the lock by exclusive create; a lock whose process is gone is taken over. */
async function takeLock(lock: string, outPath: string, taken: () => void): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = await open(lock, 'wx');
      taken();
      await fd.writeFile(`${process.pid}\n`);
      await fd.close();
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw writeFailure(outPath, e);
      const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      // A lock whose process id is not written yet is another run starting, not a stale lock.
      const starting = !(Number.isInteger(pid) && pid > 0) && Date.now() - ((await stat(lock).catch(() => null))?.mtimeMs ?? 0) < 30_000;
      if (starting) throw new CliError(`Cannot write "${outPath}": another schoolrisk run is starting to write it. Wait for it to finish, or choose another --out.`);
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new CliError(`Cannot write "${outPath}": another schoolrisk run (process ${pid}) is writing it. Wait for it to finish, or choose another --out.`);
      }
      await unlink(lock).catch(() => undefined);
    }
  }
  throw new CliError(`Cannot write "${outPath}": another schoolrisk run is starting to write it. Wait for it to finish, or choose another --out.`);
}

/** Temporary files a killed run left beside the target (their process is gone). */
async function removeStaleTemps(dir: string, base: string): Promise<void> {
  const prefix = `.${base}.`;
  for (const f of await readdir(dir).catch(() => [] as string[])) {
    if (!f.startsWith(prefix) || !f.endsWith('.tmp')) continue;
    const pid = Number(f.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) await unlink(join(dir, f)).catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function suggestName(out: string): string {
  const base = basename(out);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? `${base.slice(0, dot)}-categorised${base.slice(dot)}` : `${base}-categorised`;
}
