/**
 * A stand-in for the `CustomFunctions` global the Excel runtime provides: the error class with its code
 * and message, and the error codes, as @types/custom-functions-runtime declares them. The runtime passes an
 * error cell in an argument (functions.json's allowErrorForDataTypeAny) as this error, with its code.
 */
export class CustomFunctionsErrorDouble {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

/** Installs the double on `globalThis` (call before importing the functions). */
export function installCustomFunctionsDouble(): void {
  (globalThis as Record<string, unknown>).CustomFunctions = {
    Error: CustomFunctionsErrorDouble,
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!' },
    associate: () => undefined,
  };
}
