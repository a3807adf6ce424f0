/**
 * The one place core problems become Excel errors. Only `#VALUE!` and `#N/A` carry a message in Excel:
 * bad input is `#VALUE!` (the cell can be fixed); "the policy sets no number" is `#N/A` (nothing to fix).
 */

/** The error a function returns in a cell. */
export type ExcelError = CustomFunctions.Error;

/** Bad input: the message names the value and what was expected. */
export function valueError(message: string): ExcelError {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message);
}

/** No value exists, by design (a category the policy gives no number of days). */
export function notAvailable(message: string): ExcelError {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message);
}

/** The errors a function may return as they came in; #NAME? and #REF! are input errors only (custom-functions-runtime). */
const PASSED_ON: ReadonlySet<string> = new Set(['#N/A', '#VALUE!', '#DIV/0!', '#NUM!', '#NULL!']);

/**
 * An error value given as an argument, passed on as Excel's own functions pass one on (`=A1+1` is #N/A
 * where A1 is): its own error where a function may return it, else `#VALUE!`. Only `#VALUE!` and `#N/A`
 * carry the message.
 */
export function passedOn(code: string, message: string): ExcelError {
  const own = code.toUpperCase();
  if (!PASSED_ON.has(own)) return valueError(message);
  return own === CustomFunctions.ErrorCode.invalidValue || own === CustomFunctions.ErrorCode.notAvailable
    ? new CustomFunctions.Error(own as CustomFunctions.ErrorCode, message)
    : new CustomFunctions.Error(own as CustomFunctions.ErrorCode);
}
