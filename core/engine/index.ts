/**
 * The one evaluator of every framework, along its three jobs: compile.ts checks a definition once and
 * turns its conditions into closures; evaluate.ts evaluates every criterion on one school's facts, picks
 * the category and returns the whole trace; explain.ts words the reasons and what a condition expects.
 * worstCase.ts works out, for a school with blank cells, the most concerning category they could give,
 * with the possibility evaluators possibilities.ts compiles.
 * Nothing here names an authority: a framework is data (core/framework.ts).
 */
export { categoryRank, compileChecked, compileFramework, fieldsUsedBy } from './compile';
export { categorise, supportSummary, type CategoriseOptions } from './evaluate';
export { describeCondition, formatFact } from './explain';
export type { CompiledFramework } from './types';
export { resolveParameters, type Parameters } from '../parameters';
