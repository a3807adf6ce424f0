/**
 * The problems of the last Validate or Categorise: at most PANE_PROBLEMS listed, each selecting its cell,
 * "showing 500 of N problems" when there are more, and "Write all problems to a sheet", which writes
 * every one to the Problems sheet (src/run/problemsSheet.ts), a sheet of our own: a later write replaces
 * it, an analyst's sheet of that name is left alone.
 */
import { Button, Caption1, MessageBar, MessageBarBody, Subtitle2 } from '@fluentui/react-components';
import { useState } from 'react';
import { PANE_PROBLEMS, problemsLayout, problemsShownText, PROBLEMS_MARKER_ID, PROBLEMS_SHEET } from '../src/run/problemsSheet';
import type { PlacedProblem } from '../src/run/taskpaneRun';
import type { CellAddress, WorkbookPort } from '../src/workbook/port';

/** Props: the problems, the port to write them through, the words for the sheet's printed header, and what to do with a cell. */
export interface ProblemListProps {
  readonly problems: readonly PlacedProblem[];
  readonly port: WorkbookPort;
  readonly heading: string;
  readonly onSelect: (cell: CellAddress) => void;
}

/** The capped list, and the way to see them all. */
export function ProblemList({ problems, port, heading, onSelect }: ProblemListProps) {
  const [writing, setWriting] = useState(false);
  const [written, setWritten] = useState<{ ok: boolean; text: string } | null>(null);
  const shown = problemsShownText(problems.length);

  async function writeAll() {
    setWriting(true);
    setWritten(null);
    const r = await port.writeOwnSheet(problemsLayout(problems, heading), PROBLEMS_MARKER_ID);
    setWriting(false);
    if (r.status === 'failed') return setWritten({ ok: false, text: `The problems were not written to "${r.sheet}": ${r.error ?? ''}` });
    const mine = r.sheet.toLowerCase() === PROBLEMS_SHEET.toLowerCase() ? '' : ` (your own "${PROBLEMS_SHEET}" sheet is left as it is)`;
    setWritten({ ok: true, text: `Wrote ${problems.length} problem${problems.length === 1 ? '' : 's'} to "${r.sheet}"${mine}${r.replaced ? ', replacing the one an earlier write made' : ''}: one row each, with its row, column, value, what was expected and the message.` });
  }

  return (
    <section aria-labelledby="problems" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <Subtitle2 as="h2" id="problems">Problems ({problems.length})</Subtitle2>
      {shown && <Caption1 data-problems-shown>{shown}: the rest are on the sheet.</Caption1>}
      {problems.length > 0 && (
        <Button onClick={() => void writeAll()} disabled={writing} style={{ alignSelf: 'flex-start' }}>
          {writing ? 'Writing problems…' : 'Write all problems to a sheet'}
        </Button>
      )}
      {written && (
        <MessageBar intent={written.ok ? 'success' : 'error'} role={written.ok ? 'status' : 'alert'} layout="multiline">
          <MessageBarBody>{written.text}</MessageBarBody>
        </MessageBar>
      )}
      <ul aria-label="Problems" style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 4 }}>
        {problems.slice(0, PANE_PROBLEMS).map((p, i) => (
          <li key={i}>
            <Button appearance="subtle" style={{ textAlign: 'left', justifyContent: 'flex-start', height: 'auto', whiteSpace: 'normal', overflowWrap: 'anywhere' }} disabled={!p.cell}
              onClick={() => p.cell && onSelect(p.cell)}>
              <span>
                <strong>{p.severity === 'error' ? 'Error' : 'Warning'}</strong> {p.row > 0 ? `row ${p.row}` : 'register'}, {p.column}: {p.value} <Caption1>expected {p.expected}</Caption1>
              </span>
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
