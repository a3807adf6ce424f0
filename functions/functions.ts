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
 * The category of each school under a local authority's framework, one per row of the register.
 * @customfunction RISKCATEGORY
 * @helpurl https://github.com/school-risk-register/school-risk-register#schoolriskcategory
 * @param {string} framework Framework id: oxfordshire, oldham, herefordshire, wokingham, southwark, or one loaded into the workbook.
 * @param {any[][]} headers The register's header row (any column order, any recognised header name).
 * @param {any[][]} rows One or more rows of the register.
 * @param {number} [asOf] Date the inspection windows and time in post are counted to (default: today).
 * @returns {any[][]} One category per row, "(provisional)" where blank cells could make it more concerning; #VALUE! with the reason where a row cannot be categorised or the headers lack a column the framework needs.
 */
export function riskCategory(framework: string, headers: any[][], rows: any[][], asOf?: number): any[][] {
  return spill(riskCategoryOf(framework, headers, rows, asOf ?? null));
}

/**
 * The reasons for each row's category, each with the policy section it comes from.
 * @customfunction RISKREASONS
 * @helpurl https://github.com/school-risk-register/school-risk-register#schoolriskreasons
 * @param {string} framework Framework id: oxfordshire, oldham, herefordshire, wokingham, southwark, or one loaded into the workbook.
 * @param {any[][]} headers The register's header row.
 * @param {any[][]} rows One or more rows of the register.
 * @param {number} [asOf] Date the inspection windows and time in post are counted to (default: today).
 * @returns {any[][]} One text of reasons per row; for a provisional row, the blank cells that could make it more concerning.
 */
export function riskReasons(framework: string, headers: any[][], rows: any[][], asOf?: number): any[][] {
  return spill(riskReasonsOf(framework, headers, rows, asOf ?? null));
}

/**
 * The days (or visits) a year a framework offers a school in a category; #N/A where the policy sets no number.
 * @customfunction SUPPORTDAYS
 * @helpurl https://github.com/school-risk-register/school-risk-register#schoolsupportdays
 * @param {string} framework Framework id: oxfordshire, oldham, herefordshire, wokingham, southwark, or one loaded into the workbook.
 * @param {string} category Category id or label, such as targeted, Amber or C.
 * @param {string} [status] Maintained or academy (default maintained); academies' offer where it differs.
 * @returns {any} Days, visits or contact points a year.
 */
export function supportDays(framework: string, category: string, status?: string): any {
  return supportDaysOf(framework, category, status ?? null);
}

/**
 * The risk that a graded inspection within 24 months finds the school below good: Low (under 5%), Medium (5% to 20%) or High (20% or more).
 * @customfunction NEXTINSPECTIONRISK
 * @helpurl https://github.com/school-risk-register/school-risk-register#schoolnextinspectionrisk
 * @param {number} lastInspectionDate Date of the last graded inspection.
 * @param {any} outcome Its outcome: Outstanding, Good, RI, Inadequate, SM, SW, Satisfactory or 1-4.
 * @param {number} [asOf] Date to assess the risk at (default: today).
 * @param {any[][]} [headers] The register's header row, so the school's other indicators count.
 * @param {any[][]} [row] The school's row of the register.
 * @returns {any} Low, Medium or High.
 */
export function nextInspectionRisk(lastInspectionDate: number, outcome: any, asOf?: number, headers?: any[][], row?: any[][]): any {
  return nextInspectionRiskOf(lastInspectionDate, outcome, asOf ?? null, headers ?? null, row ?? null);
}

/**
 * The earliest and the latest date the next inspection is expected, as two Excel dates in a row (after RI or inadequate, the span that held 80% of real re-inspections).
 * @customfunction NEXTINSPECTIONDUE
 * @helpurl https://github.com/school-risk-register/school-risk-register#schoolnextinspectiondue
 * @param {number} lastInspectionDate Date of the last inspection.
 * @param {any} outcome Its outcome: Outstanding, Good, RI, Inadequate, SM, SW, Satisfactory or 1-4.
 * @param {string} [inspectionType] Graded, ungraded or monitoring (default graded).
 * @returns {any[][]} Earliest and latest due dates.
 */
export function nextInspectionDue(lastInspectionDate: number, outcome: any, inspectionType?: string): any[][] {
  const r = nextInspectionDueOf(lastInspectionDate, outcome, inspectionType ?? null);
  return Array.isArray(r) ? r : [[r, r]];
}

/**
 * Lists the frameworks: id, name and categories, one framework per row.
 * @customfunction FRAMEWORKS
 * @helpurl https://github.com/school-risk-register/school-risk-register#schoolframeworks
 * @returns {string[][]} One row per framework: id, name, categories.
 */
export function frameworks(): string[][] {
  return frameworksTable();
}

/** A whole-call error still has to be a 2-D array for a spilling function. */
function spill(result: unknown[][] | CustomFunctions.Error): any[][] {
  return Array.isArray(result) ? result : [[result]];
}
