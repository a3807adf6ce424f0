/**
 * One school's profile, asked for in the task pane, as a page at the end of the School profiles sheet:
 * after the pack's own pages, with a page break before it, so they stay and it prints with them (the next
 * run's pack replaces the sheet). Its layout is the pack's (profilesLayout of a one-school pack), laid out
 * by officePack.ts. A page the sheet has already for the same school (its name, then its URN line, in
 * column A) is selected rather than added again. 2 syncs when there is no such sheet yet (is there one;
 * the write), 3 when there is (is there one; where it ends and its column A; the write or the selection).
 */
import type { SheetLayout } from '../run/packSheets';
import type { HostSupport } from './office';
import { COMMAND_BYTES, layoutSteps, syncGroups, syncGroupsInOrder, type PackState } from './officePack';
import { parseAddress, type ProfilePageReport } from './port';

/** The pack's print note, when the host cannot set how the page prints. */
const NO_PAGE_LAYOUT = 'This version of Excel cannot set how the page prints (ExcelApi 1.9): before printing, set A4 landscape and a page break above it in Page Layout.';

/** Adds the page, or selects the school's page already there. Never throws: a failure is in the report. */
export async function addProfilePage(ctx: Excel.RequestContext, layout: SheetLayout, budget: number, support: HostSupport): Promise<ProfilePageReport> {
  const notes = support.pageLayout ? [] : [NO_PAGE_LAYOUT];
  const report = (status: ProfilePageReport['status'], row: number, error?: string): ProfilePageReport => ({ status, sheet: layout.name, row, notes, ...(error ? { error } : {}) });
  let at = 0;
  try {
    const sheet = ctx.workbook.worksheets.getItemOrNullObject(layout.name).load('name');
    await ctx.sync();
    if (!sheet.isNullObject) {
      const used = sheet.getUsedRangeOrNullObject(true).load('address');
      const names = sheet.getRange('A:A').getUsedRangeOrNullObject(true).load('values,rowIndex');
      await ctx.sync();
      if (!used.isNullObject) {
        at = parseAddress(used.address).bottom + 1;
        const found = names.isNullObject ? -1 : pageRow(names.values, names.rowIndex, layout);
        if (found >= 0) {
          selectRow(ctx, layout.name, found);
          await ctx.sync();
          return report('found', found);
        }
      }
    }
    const steps = [...layoutSteps(layout, { at, open: sheet.isNullObject ? 'add' : 'none' }, support, Math.floor(budget / 4)), { sheet: layout.name, bytes: COMMAND_BYTES, queue: (c: Excel.RequestContext) => selectRow(c, layout.name, at) }];
    const none: PackState = { sheets: new Map(), log: null, logUsed: null };
    const failed = await syncGroupsInOrder(ctx, syncGroups(steps, budget).filter((g) => g.length > 0), none);
    if (failed) throw failed.error;
    return report('added', at);
  } catch (e) {
    return report('failed', at, (e as Error).message);
  }
}

/** The sheet row where column A holds the layout's first two cells in turn (the school's name, its URN line); -1 when none does. */
function pageRow(values: readonly (readonly unknown[])[], top: number, layout: SheetLayout): number {
  const [first, second] = [layout.rows[0]?.[0]?.value, layout.rows[1]?.[0]?.value].map((v) => String(v ?? ''));
  for (let i = 0; i + 1 < values.length; i++) if (String(values[i]![0]) === first && String(values[i + 1]![0]) === second) return top + i;
  return -1;
}

function selectRow(ctx: Excel.RequestContext, sheet: string, row: number): void {
  const ws = ctx.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRangeByIndexes(row, 0, 1, 1).select();
}
