/**
 * A sheet of our own through Office.js (the task pane's Problems sheet): marked by a hidden sheet-scoped
 * name (`SchoolRisk.<id>`, as the result block is marked: src/run/resultMarker.ts), so a later write finds
 * it by the marker, not by its name, and replaces it; a sheet of the same name without the marker is the
 * analyst's and is never touched: ours then takes the first free name "Problems (2)", "Problems (3)"...
 * Two syncs find it (the sheets' names, then the marker on each sheet that could be ours); the layout is
 * written as the pack's sheets are (officePack.ts: the sheet added, then its rows in chunks), in syncs
 * each under the budget; the sheet is activated at the end.
 */
import { MARKER_PREFIX } from '../run/resultMarker';
import type { SheetLayout } from '../run/packSheets';
import type { HostSupport } from './office';
import { COMMAND_BYTES, layoutSteps, syncGroups, syncGroupsInOrder, type PackState, type PackStep } from './officePack';
import type { OwnSheetReport } from './port';

/** Said in the Name Manager's comment of the marker. */
const OWN_SHEET_COMMENT = 'School risk register: marks this sheet as written by the add-in, so the next write replaces it. Delete this name to keep the sheet as it is.';

const NO_STATE: PackState = { sheets: new Map(), log: null, logUsed: null };

/** The marker's name for a sheet id: `SchoolRisk.problems`. */
export function ownSheetMarker(id: string): string {
  return `${MARKER_PREFIX}${id}`;
}

/** Names a sheet of ours may have: the layout's, then numbered ("Problems (2)"), compared as Excel compares sheet names (without case). */
export function isOwnSheetName(name: string, base: string): boolean {
  const lower = name.toLowerCase();
  const b = base.toLowerCase();
  return lower === b || (lower.startsWith(`${b} (`) && /^ \(\d+\)$/.test(lower.slice(b.length)));
}

/** The first name, `base` or numbered, that no sheet has. */
export function freeSheetName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  let name = base;
  for (let n = 2; lower.has(name.toLowerCase()); n++) name = `${base} (${n})`;
  return name;
}

/** Writes the layout as our sheet `id`; never throws (a failure is in the report). */
export async function writeOwnSheet(ctx: Excel.RequestContext, layout: SheetLayout, id: string, budget: number, support: HostSupport): Promise<OwnSheetReport> {
  const marker = ownSheetMarker(id);
  let sheet = layout.name;
  try {
    const all = ctx.workbook.worksheets.load('items/name');
    await ctx.sync();
    const names = all.items.map((w) => w.name);
    const candidates = all.items.filter((w) => isOwnSheetName(w.name, layout.name)).map((w) => ({ w, mark: w.names.getItemOrNullObject(marker).load('name') }));
    if (candidates.length) await ctx.sync();
    const ours = candidates.find((c) => !c.mark.isNullObject)?.w ?? null;
    sheet = ours ? ours.name : freeSheetName(layout.name, names);
    const replaced = ours?.name ?? null;
    const named: SheetLayout = { ...layout, name: sheet };
    const steps: PackStep[] = [
      ...(ours ? [{ sheet, bytes: COMMAND_BYTES, queue: () => ours.delete() }] : []),
      ...layoutSteps(named, { at: 0, open: 'add' }, support, Math.floor(budget / 4)),
    ];
    // The marker goes with the sheet's opening (the second step when an old one is deleted first), so a sheet half-written by a failure is still ours to replace.
    steps.splice(ours ? 2 : 1, 0, {
      sheet,
      bytes: 2 * COMMAND_BYTES,
      queue: (c) => {
        if (support.names) c.workbook.worksheets.getItem(sheet).names.add(marker, `="${sheet.replace(/"/g, '""')}"`, OWN_SHEET_COMMENT).visible = false;
      },
    });
    steps.push({ sheet, bytes: COMMAND_BYTES, queue: (c) => c.workbook.worksheets.getItem(sheet).activate() });
    const failed = await syncGroupsInOrder(ctx, syncGroups(steps, budget).filter((g) => g.length), NO_STATE);
    if (failed) throw failed.error;
    return { status: 'done', sheet, replaced, rows: layout.rows.length };
  } catch (e) {
    return { status: 'failed', sheet, replaced: null, rows: 0, error: (e as Error).message };
  }
}
