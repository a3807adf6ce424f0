/** Running the command line in a test, without spawning a process: its exit code and what it printed. */
import { main } from '../../src/cli/main';

/** Runs `schoolrisk` with these arguments. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (t) => (out += t), (t) => (err += t));
  return { code, out, err };
}
