/**
 * Task pane entry: waits for Office where there is one, and renders the app in a plain browser too
 * (the end-to-end tests load the built page with a double in place of Office.js).
 */
import { createRoot } from 'react-dom/client';
import { App } from './App';

function start(): void {
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<App />);
}

if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  void Office.onReady(() => start());
} else {
  start();
}
