/**
 * Task pane entry: waits for Office, gives the pane the Office.js port, and follows the Office theme
 * (Office.context.officeTheme) where there is one, else the browser's colour scheme. The end-to-end test
 * loads this page with the Excel double in place of Office.js, so the same path runs there.
 */
import { createRoot } from 'react-dom/client';
import { officePort } from '../src/workbook/office';
import { App } from './App';

/** Dark when Office's body background is dark, else when the browser prefers dark. */
function isDark(): boolean {
  const bg = typeof Office !== 'undefined' ? Office.context?.officeTheme?.bodyBackgroundColor : undefined;
  if (bg && /^#[0-9a-f]{6}$/i.test(bg)) {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(bg.slice(i, i + 2), 16));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 128;
  }
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

function start(): void {
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(typeof Excel === 'undefined' ? <p>Open this page from Excel: the School risk register works on the open workbook.</p> : <App port={officePort()} dark={isDark()} />);
}

if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  void Office.onReady(() => start());
} else {
  start();
}
