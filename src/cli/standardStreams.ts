/**
 * The command line's standard output and error, tolerant of a reader that stops early. An analyst piping
 * to `head` closes the pipe after the lines it wants; Node then fails the next write with EPIPE, as an
 * 'error' event on the stream that, unhandled, ends the process with a stack trace. Here a stream whose
 * reader has gone is marked closed and what is written to it after is dropped: nobody is there to read
 * it. The command itself runs on to its end, so an output file is still written whole and the exit code
 * is the command's own (validate's 1 for an error still reaches `set -o pipefail`).
 */

const closed = new WeakSet<NodeJS.WriteStream>();
const watched = new WeakSet<NodeJS.WriteStream>();

/** Writes text to a standard stream (process.stdout or process.stderr); once its reader has gone, nothing. */
export function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  if (!watched.has(stream)) {
    watched.add(stream);
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      closed.add(stream);
    });
  }
  return (text) => {
    if (!closed.has(stream)) stream.write(text);
  };
}
