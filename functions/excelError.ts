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
