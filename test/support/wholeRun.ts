/**
 * A run from a region read whole, planned, then written: the reference the tests hold the pane's own run
 * (src/run/taskpaneRun.ts `runOnPort`: read in part, categorised in slices, the first rows riding on the
 * last read) to, and a short way to write a plan on the Excel double.
 */
import type { CalendarDate } from '../../core/dates';
import type { CompiledFramework } from '../../core/engine';
import type { RunSettings } from '../../core/parameters';
import type { Pack } from '../../src/run/pack';
import type { RunPlan } from '../../src/run/registerRun';
import { packOfRun, planRegion, runWrite, type MappingOverrides } from '../../src/run/taskpaneRun';
import type { RegisterRegion, WorkbookPort, WriteControl, WriteReport } from '../../src/workbook/port';

/** Plans and writes a run through the port, with the parameters the workbook sets (`settings`). */
export async function categoriseOnPort(port: WorkbookPort, region: RegisterRegion, framework: CompiledFramework, asOf: CalendarDate, options: WriteControl & { overrides?: MappingOverrides; ranAt?: Date; runId?: string; settings?: RunSettings } = {}): Promise<{ plan: RunPlan; pack: Pack; report: WriteReport }> {
  const plan = planRegion(region, framework, asOf, options.overrides, options.settings);
  const ranAt = options.ranAt ?? new Date();
  const pack = packOfRun(region, plan, framework, asOf, ranAt, options.settings);
  const report = await port.writeRun(runWrite(region, plan, framework, asOf, ranAt, options.runId, options.settings, pack), options);
  return { plan, pack, report };
}
