/**
 * A run's progress: the phase (reading the register, categorising, writing the results and then the SIG
 * pack's sheets), a bar with the phase's real fraction, and the numbers behind it. Screen readers hear
 * each phase and every quarter of it through a polite live region (not every step, which would drown
 * the pane); the bar itself is labelled by its field.
 */
import { Caption1, Field, ProgressBar } from '@fluentui/react-components';
import type { RunPhase, RunProgress as Progress } from '../src/run/taskpaneRun';

const PHASES: readonly RunPhase[] = ['reading', 'categorising', 'writing'];

const n = (x: number) => x.toLocaleString('en-GB');

/** The phase's name, as the bar's label says it. */
export function phaseLabel(p: Progress): string {
  if (p.phase === 'reading') return 'Reading the register';
  if (p.phase === 'categorising') return 'Categorising';
  return p.rows && p.rows.done >= p.rows.total && p.done > 0 ? 'Writing the SIG pack and Run log' : 'Writing results';
}

/** The fraction of the phase done, 0 to 1 (0 until the phase knows its size). */
export function phaseFraction(p: Progress): number {
  return p.total > 0 ? Math.min(1, p.done / p.total) : 0;
}

/** The numbers behind the fraction, in words. */
export function progressText(p: Progress): string {
  const pct = `${Math.round(phaseFraction(p) * 100)}%`;
  if (p.phase === 'reading') return p.total ? `${n(p.done)} of ${n(p.total)} rows read (${pct})` : 'Finding the register…';
  if (p.phase === 'categorising') return p.total ? `${n(p.done)} of ${n(p.total)} schools (${pct})` : 'Starting…';
  const rows = p.rows ? `rows ${n(p.rows.done)} of ${n(p.rows.total)}` : '';
  return `${rows}; write ${p.done} of ${p.total}${p.sheet ? `, last to "${p.sheet}"` : ''} (${pct})`;
}

/** Props: where the run is, and whether a cancel is on its way. */
export interface RunProgressProps {
  readonly progress: Progress;
  readonly cancelling: boolean;
}

/** The progress of the run under way. */
export function RunProgress({ progress, cancelling }: RunProgressProps) {
  const step = PHASES.indexOf(progress.phase) + 1;
  const label = `Step ${step} of ${PHASES.length}: ${phaseLabel(progress)}`;
  const quarter = Math.floor(phaseFraction(progress) * 4) * 25;
  return (
    <div data-run-progress={progress.phase} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
      <Field label={label} validationState="none" validationMessage={progressText(progress)}>
        <ProgressBar value={phaseFraction(progress)} max={1} thickness="large" />
      </Field>
      {cancelling && <Caption1>Stopping after the current write; a write under way finishes whole.</Caption1>}
      {/* Visually hidden: what a screen reader announces. */}
      <div role="status" aria-live="polite" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' }}>
        {cancelling ? 'Cancelling.' : `${label}, ${quarter}%.`}
      </div>
    </div>
  );
}
