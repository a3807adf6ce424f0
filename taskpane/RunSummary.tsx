/**
 * After a run: the schools per category, as the SIG summary counts them, with the provisional ones (a
 * blank cell could make them more concerning) and those not categorised.
 */
import { Caption1, Subtitle2 } from '@fluentui/react-components';
import type { RunSummary as Summary } from '../src/run/registerRun';

/** Props: the run's summary. */
export interface RunSummaryProps {
  readonly summary: Summary;
}

const cell = { padding: '2px 4px', textAlign: 'right', verticalAlign: 'top' } as const;

/** The counts per category of the last run. */
export function RunSummary({ summary }: RunSummaryProps) {
  const provisional = summary.counts.reduce((a, c) => a + c.provisional, 0);
  const categorised = summary.counts.reduce((a, c) => a + c.schools, 0);
  return (
    <section aria-labelledby="counts" style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
      <Subtitle2 as="h2" id="counts">Schools per category</Subtitle2>
      <table style={{ borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed' }}>
        <colgroup><col /><col style={{ width: '5.5em' }} /><col style={{ width: '6.5em' }} /></colgroup>
        <thead>
          <tr>
            <th scope="col" style={{ ...cell, textAlign: 'left' }}>Category</th>
            <th scope="col" style={cell}>Schools</th>
            <th scope="col" style={cell}>Provisional</th>
          </tr>
        </thead>
        <tbody>
          {summary.counts.map((c) => (
            <tr key={c.id} data-category={c.id}>
              <th scope="row" style={{ ...cell, textAlign: 'left', fontWeight: 'normal', overflowWrap: 'anywhere' }}>
                {/* The swatch beside the label, the label's second line under its first. */}
                <span style={{ display: 'flex', gap: 6, alignItems: 'baseline' }}>
                  <span aria-hidden style={{ flex: 'none', width: 10, height: 10, background: c.colour, border: '1px solid #8a8886' }} />
                  <span>{c.label}</span>
                </span>
              </th>
              <td style={cell}>{c.schools}</td>
              <td style={cell}>{c.provisional}</td>
            </tr>
          ))}
          <tr data-category="">
            <th scope="row" style={{ ...cell, textAlign: 'left', fontWeight: 'normal' }}>Not categorised</th>
            <td style={cell}>{summary.notCategorised}</td>
            <td style={cell} />
          </tr>
        </tbody>
      </table>
      <Caption1>{categorised} categorised, {provisional} of them provisional; {summary.notCategorised} not categorised (see Problems).</Caption1>
    </section>
  );
}
