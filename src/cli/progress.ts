/** A progress bar on an interactive terminal; silent otherwise (pipes, CI, tests). */
import cliProgress from 'cli-progress';

/** A bar with named steps. */
export interface Progress {
  tick(step: string): void;
  stop(): void;
}

/** Starts a bar of `steps` steps when stderr is a terminal. */
export function progress(title: string, steps: number, interactive = Boolean(process.stderr.isTTY) && !process.env.CI): Progress {
  if (!interactive) return { tick: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar({ format: `${title} [{bar}] {value}/{total} {step}`, stream: process.stderr, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
  bar.start(steps, 0, { step: '' });
  return { tick: (step) => bar.increment(1, { step }), stop: () => bar.stop() };
}
