/**
 * The message after an action (a Fluent MessageBar: an alert for an error, else a status), with its details
 * listed under it (where a run put its results, how a file was read). One look for every section of the
 * pane. It stays mounted (empty when there is no notice) and takes the focus when `focusKey` changes, so
 * after a run the keyboard and a screen reader are at the result, and other notices never move the focus.
 */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { Notice } from './runNotice';

export type { Notice } from './runNotice';

/** Props: the notice, the accessible name of its details list, and a key that moves the focus to it when it changes (0: never). */
export interface NoticeBarProps {
  readonly notice: Notice | null;
  readonly detailsLabel: string;
  readonly focusKey?: number;
}

/** The notice. */
export function NoticeBar({ notice, detailsLabel, focusKey = 0 }: NoticeBarProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey) ref.current?.focus();
  }, [focusKey]);
  if (!notice) return <div ref={ref} />;
  return (
    <div ref={ref} tabIndex={-1} data-notice style={{ outlineOffset: 2 }}>
      <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'} layout="multiline">
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
    </div>
  );
}
