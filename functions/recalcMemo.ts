/**
 * Excel calls RISKCATEGORY again with the whole register whenever any cell of it changes, so an analyst
 * who corrects one cell of 25,000 rows would wait for every school to be worked out again. The last call's
 * rows and values are kept; a row whose cells are all the same (===) as that call's row, at the same
 * position, under the same framework, parameters, as-of date and header row, keeps its value. Excel passes
 * every call's ranges as new arrays; a row passed again as the same array, or a cell that is an object (an
 * entity), may have changed inside and is never taken as the same.
 *
 * A row's value depends on those, its own cells, and the URNs of every row (a repeated URN is an error
 * of the later row): so when a URN cell changed, or rows were added or removed, every row is worked out
 * again. Anything not known to be the same is worked out: the memo can only save work, never give an
 * earlier value for a different input.
 */

/**
 * A call's context as text: JSON, with what JSON would blur (an undefined, a number that is not finite)
 * kept apart, so two different contexts never give the same text.
 */
export function contextText(parts: readonly unknown[]): string {
  return JSON.stringify(parts, (_key, v: unknown) => (v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? `\u0000${String(v)}` : v));
}

/** One kept call: its rows as Excel passed them and the value it gave each. */
interface KeptCall<T> {
  readonly rows: readonly (readonly unknown[])[];
  readonly values: T[];
}

/** How many calls each function keeps (a workbook usually has one RISKCATEGORY and one RISKREASONS over its register). */
const KEPT_CALLS = 2;

/** The last calls of one custom function, by what their values depend on beside the rows. */
export class RecalcMemo<T> {
  private readonly calls = new Map<string, KeptCall<T>>();
  /** How many rows the last call worked out (the others kept their values). */
  workedOut = 0;

  /**
   * Each row's value: from the kept call where the row is the same, else from `compute`, which is given
   * the rows to work out (ascending; `null`: all) and sets their values (a row it gives none is
   * `undefined`). `urnColumn`: the URN column's index in the rows (`undefined`: none).
   */
  values(context: string, rows: readonly (readonly unknown[])[], urnColumn: number | undefined, compute: (changed: readonly number[] | null, values: T[]) => void): T[] {
    const kept = this.calls.get(context);
    this.calls.delete(context);
    const changed = kept ? changedRows(kept.rows, rows, urnColumn) : null;
    let values: T[];
    if (kept && changed) {
      values = kept.values.slice();
      // A changed row's value is worked out again, or left undefined when the row is now blank.
      for (const i of changed) values[i] = undefined as T;
      if (changed.length > 0) compute(changed, values);
      this.workedOut = changed.length;
    } else {
      values = new Array<T>(rows.length);
      compute(null, values);
      this.workedOut = rows.length;
    }
    // The rows as passed, not copies (a copy of 25,000 rows costs more than working out a changed one):
    // a row passed again as the same array may have been changed in place, so it is never taken as the same.
    this.keep(context, rows, values);
    return values.slice();
  }

  /**
   * Keeps values worked out by another function from the same rows and context (RISKREASONS's work gives
   * RISKCATEGORY its values too): the next call here with rows the same as `rows` takes them, as if this
   * function had made that call.
   */
  keep(context: string, rows: readonly (readonly unknown[])[], values: T[]): void {
    this.calls.delete(context);
    this.calls.set(context, { rows, values });
    while (this.calls.size > KEPT_CALLS) this.calls.delete(this.calls.keys().next().value!);
  }

  /** Forgets every kept call (tests, and the benchmark's first-call figure). */
  clear(): void {
    this.calls.clear();
  }
}

/**
 * The rows whose cells differ from the kept call's at the same position, ascending; `null` when no row can be kept
 * (another number of rows, another width, or a URN changed).
 */
function changedRows(before: readonly (readonly unknown[])[], now: readonly (readonly unknown[])[], urnColumn: number | undefined): number[] | null {
  if (before.length !== now.length) return null;
  const changed: number[] = [];
  for (let i = 0; i < now.length; i++) {
    const a = before[i]!;
    const b = now[i]!;
    if (a.length !== b.length) return null;
    if (a === b) {
      changed.push(i);
      continue;
    }
    if (urnColumn !== undefined && a[urnColumn] !== b[urnColumn]) return null;
    for (let c = 0; c < b.length; c++) {
      // A cell that is an object (an entity, a rich value) may have changed inside: never taken as the same.
      const x = b[c];
      if (a[c] !== x || (typeof x === 'object' && x !== null)) {
        changed.push(i);
        break;
      }
    }
  }
  return changed;
}
