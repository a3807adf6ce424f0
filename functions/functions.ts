/**
 * The SCHOOL custom functions. Their JSDoc is their metadata: custom-functions-metadata-plugin turns it
 * into functions.json at build time. Each body only hands its arguments to registerFunctions.ts.
 */
import { SETTINGS_KEY } from '../src/run/authoritySettings';
import {
  frameworksTable, nextInspectionDueOf, nextInspectionRiskOf, readSettingsFrom, riskCategoryOf, riskReasonsOf, supportDaysOf,
} from './registerFunctions';

// The metadata plugin appends unguarded `CustomFunctions.associate(...)` calls to this file; outside
// Office (a plain browser, the end-to-end tests) there is no CustomFunctions, so give them a no-op.
if (typeof CustomFunctions === 'undefined') {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { associate: () => undefined };
}

// The shared runtime: the workbook's settings, as the task pane saved them (frameworks loaded, parameters set).
readSettingsFrom(() => (typeof Office === 'undefined' ? null : Office.context?.document?.settings?.get(SETTINGS_KEY)));

/**
 * The category of each school under a local authority's framework, one per row of the register. Dates are taken as Excel's 1900 date system (Windows' default), as no function can ask the workbook: in a workbook using the 1904 date system every date is 4 years and 1 day out, so use the task pane there.
 * @customfunction RISKCATEGORY
 * @helpurl https://localhost:3000/help/functions.html#schoolriskcategory
 * @param {string} framework Framework id: oxfordshire, oldham, herefordshire, wokingham, southwark, or one loaded into the workbook.
 * @param {any[][]} headers The register's header row (any column order, any recognised header name).
 * @param {any[][]} rows One or more rows of the register.
 * @param {number} [asOf] Date the inspection windows and time in post are counted to. Pass TODAY() or a fixed date: left out, it is today when the cell was last calculated, and the cell does not recalculate overnight.
 * @returns {any[][]} One category per row, "(provisional)" where blank cells could make it more concerning and " [override]" where the row's Category override gave it; #VALUE! with the reason where a row cannot be categorised or the headers lack a column the framework needs.
 */
export function riskCategory(framework: string, headers: any[][], rows: any[][], asOf?: number): any[][] {
  return spill(riskCategoryOf(framework, headers, rows, asOf ?? null));
}

/**
 * The reasons for each row's category, each with the policy section it comes from. Dates are taken as Excel's 1900 date system (Windows' default), as no function can ask the workbook: in a workbook using the 1904 date system every date is 4 years and 1 day out, so use the task pane there.
 * @customfunction RISKREASONS
 * @helpurl https://localhost:3000/help/functions.html#schoolriskreasons
 * @param {string} framework Framework id: oxfordshire, oldham, herefordshire, wokingham, southwark, or one loaded into the workbook.
 * @param {any[][]} headers The register's header row.
 * @param {any[][]} rows One or more rows of the register.
 * @param {number} [asOf] Date the inspection windows and time in post are counted to. Pass TODAY() or a fixed date: left out, it is today when the cell was last calculated, and the cell does not recalculate overnight.
 * @returns {any[][]} One text of reasons per row; for a provisional row, the blank cells that could make it more concerning.
 */
export function riskReasons(framework: string, headers: any[][], rows: any[][], asOf?: number): any[][] {
  return spill(riskReasonsOf(framework, headers, rows, asOf ?? null));
}

/**
 * The days (or visits) a year a framework offers a school in a category; #N/A where the policy sets no number.
 * @customfunction SUPPORTDAYS
 * @helpurl https://localhost:3000/help/functions.html#schoolsupportdays
 * @param {string} framework Framework id: oxfordshire, oldham, herefordshire, wokingham, southwark, or one loaded into the workbook.
 * @param {string} category Category as RISKCATEGORY gives it (variant and "(provisional)" included), its label or its id, such as targeted, Amber or C.
 * @param {string} [status] Maintained or academy (default maintained); academies' offer where it differs.
 * @returns {any} Days, visits or contact points a year.
 */
export function supportDays(framework: string, category: string, status?: string): any {
  return supportDaysOf(framework, category, status ?? null);
}

/**
 * The risk that a graded inspection within 24 months finds the school below good: Low (under 5%), Medium (5% to 20%) or High (20% or more). Dates are taken as Excel's 1900 date system (Windows' default), as no function can ask the workbook: in a workbook using the 1904 date system every date is 4 years and 1 day out, so use the task pane there.
 * @customfunction NEXTINSPECTIONRISK
 * @helpurl https://localhost:3000/help/functions.html#schoolnextinspectionrisk
 * @param {any} lastInspectionDate Date of the last graded or report-card inspection; blank for a school never inspected.
 * @param {any} outcome Its outcome: a grade or key judgement (Outstanding, Good, RI, Inadequate, SM, SW, Satisfactory, 1-4) or a report-card grade (Exceptional, Strong standard, Expected standard, Needs attention, Urgent improvement), read as the worst area.
 * @param {number} [asOf] Date to assess the risk at. Pass TODAY() or a fixed date: left out, it is today when the cell was last calculated, and the cell does not recalculate overnight.
 * @param {any[][]} [headers] The register's header row, so the school's other indicators count (and its Open date, for a school never inspected).
 * @param {any[][]} [row] The school's row of the register.
 * @returns {any} Low, Medium or High; #N/A with the reason where the evidence is missing (an outcome left blank, or a school never inspected without its open date).
 */
export function nextInspectionRisk(lastInspectionDate: any, outcome: any, asOf?: number, headers?: any[][], row?: any[][]): any {
  return nextInspectionRiskOf(lastInspectionDate, outcome, asOf ?? null, headers ?? null, row ?? null);
}

/**
 * The earliest and the latest date the next inspection is expected, as two Excel dates in a row (after RI or inadequate, the span that held 80% of real re-inspections). Dates are taken as Excel's 1900 date system (Windows' default), as no function can ask the workbook: in a workbook using the 1904 date system every date is 4 years and 1 day out, so use the task pane there.
 * @customfunction NEXTINSPECTIONDUE
 * @helpurl https://localhost:3000/help/functions.html#schoolnextinspectiondue
 * @param {any} lastInspectionDate Date of the last inspection; blank for a school never inspected (then give openDate).
 * @param {any} outcome Its outcome: a grade or key judgement (Outstanding, Good, RI, Inadequate, SM, SW, Satisfactory, 1-4) or a report-card grade (Exceptional, Strong standard, Expected standard, Needs attention, Urgent improvement).
 * @param {string} [inspectionType] Graded, ungraded or monitoring (default graded).
 * @param {any} [openDate] When the school opened: a school never inspected is first inspected in its third year.
 * @returns {any[][]} Earliest and latest due dates; #N/A with the reason where nothing dates the next inspection.
 */
export function nextInspectionDue(lastInspectionDate: any, outcome: any, inspectionType?: string, openDate?: any): any[][] {
  const r = nextInspectionDueOf(lastInspectionDate, outcome, inspectionType ?? null, openDate ?? null);
  return Array.isArray(r) ? r : [[r, r]];
}

/**
 * Lists the frameworks: id, name and categories, one framework per row.
 * @customfunction FRAMEWORKS
 * @helpurl https://localhost:3000/help/functions.html#schoolframeworks
 * @returns {string[][]} One row per framework: id, name, categories.
 */
export function frameworks(): string[][] {
  return frameworksTable();
}

/** A whole-call error still has to be a 2-D array for a spilling function. */
function spill(result: unknown[][] | CustomFunctions.Error): any[][] {
  return Array.isArray(result) ? result : [[result]];
}
