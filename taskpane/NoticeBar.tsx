/**
 * The message after an action: a Fluent MessageBar (an alert for an error, else a status) with its
 * details listed under it. One look for every section of the pane.
 */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

/** A message after an action; `details` are listed under it (where a run put its results, how a file was read). */
export type Notice = { intent: 'success' | 'error' | 'warning' | 'info'; title: string; text: string; details?: readonly string[] };

/** Props: the notice (nothing shown when null), and the accessible name of its details list. */
export interface NoticeBarProps {
  readonly notice: Notice | null;
  readonly detailsLabel: string;
}

/** The notice. */
export function NoticeBar({ notice, detailsLabel }: NoticeBarProps) {
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'} layout={notice.details?.length ? 'multiline' : 'auto'}>
      <MessageBarBody>
        <MessageBarTitle>{notice.title}</MessageBarTitle>
        {notice.text}
        {notice.details?.length ? (
          <ul aria-label={detailsLabel} style={{ margin: '4px 0 0', paddingLeft: 16 }}>
            {notice.details.map((d, i) => <li key={i}>{d}</li>)}
          </ul>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
