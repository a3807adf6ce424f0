/**
 * Microsoft's own Office.js (Excel on the web's build, excel-web-16.00.js from @microsoft/office-js), loaded
 * in a sandbox, to measure what our writes really send: its `Excel.RequestContext` queues and serialises
 * requests as in Excel; only the executor that would post them to the host is ours, and it records each
 * request and answers every load as if the workbook held none of our sheets (no items, null objects).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';

/** One request as sent: its body (Office.js's JSON) and the body as the host's message carries it (a JSON string, escaped again). */
export interface OfficeJsRequest {
  readonly bodyBytes: number;
  readonly messageBytes: number;
}

interface Sandbox {
  Excel?: { RequestContext: new () => ContextInternals };
}

/** The parts of Office.js's context we set: where requests go. */
interface ContextInternals {
  m_requestUrlAndHeaderInfo: { url: string; headers: Record<string, string> };
  _requestExecutor: { executeAsync: (customData: unknown, flags: number, message: { Body: { Actions: { Id: number; ActionType: number; ObjectPathId: number }[]; ObjectPaths: Record<string, { ObjectPathType: number }> } }) => Promise<unknown> };
}

let sandbox: Sandbox | null = null;

/** Office.js as Excel on the web loads it, once per process. Null when the package is not installed. */
function officeJs(): Sandbox | null {
  if (sandbox) return sandbox;
  let file: string;
  try {
    file = createRequire(import.meta.url).resolve('@microsoft/office-js/dist/excel-web-16.00.js');
  } catch {
    return null;
  }
  const noop = () => {};
  const element = () => ({ setAttribute: noop, appendChild: noop, style: {}, addEventListener: noop });
  const page: Record<string, unknown> = {
    console, setTimeout, clearTimeout, navigator: { userAgent: 'node' }, location: { href: 'https://localhost/', search: '', hash: '' },
    document: { createElement: element, getElementsByTagName: () => [element()], addEventListener: noop, readyState: 'complete', body: element(), head: element(), cookie: '' },
    addEventListener: noop, removeEventListener: noop, postMessage: noop,
  };
  page.window = page.self = page.top = page.parent = page;
  vm.createContext(page);
  vm.runInContext(readFileSync(file, 'utf8'), page, { filename: file });
  sandbox = page as Sandbox;
  return sandbox;
}

/** A real `Excel.RequestContext` whose syncs are recorded in `requests`; null when @microsoft/office-js is not installed. */
export function officeJsContext(): { ctx: Excel.RequestContext; requests: OfficeJsRequest[] } | null {
  const Excel = officeJs()?.Excel;
  if (!Excel) return null;
  const requests: OfficeJsRequest[] = [];
  const ctx = new Excel.RequestContext();
  ctx.m_requestUrlAndHeaderInfo = { url: '__local__document', headers: {} };
  ctx._requestExecutor = {
    executeAsync(customData, flags, message) {
      const body = JSON.stringify(message.Body);
      // What OfficeJsRequestExecutor hands the host (RichApiMessageUtility.buildRequestMessageSafeArray), as JSON.
      const carried = JSON.stringify([customData ?? null, flags, 'POST', 'ProcessQuery', [['X-OfficeExtension-Source', 'officejs']], body]);
      requests.push({ bodyBytes: Buffer.byteLength(body), messageBytes: Buffer.byteLength(carried) });
      // ActionType 2 is a query (a load). One of a collection (a property path, ObjectPathType 4: Worksheets,
      // Names) is answered with no items; any other (getItemOrNullObject, getUsedRangeOrNullObject) with a null object.
      const paths = message.Body.ObjectPaths;
      const Results = message.Body.Actions.filter((a) => a.ActionType === 2).map((a) => ({ ActionId: a.Id, Value: paths[a.ObjectPathId]?.ObjectPathType === 4 ? { _Items: [] } : null }));
      return Promise.resolve({ ErrorCode: '', ErrorMessage: '', HttpStatusCode: 200, Headers: {}, Body: { Results, TraceIds: [] } });
    },
  };
  return { ctx: ctx as unknown as Excel.RequestContext, requests };
}
