/**
 * One notion of a calendar date for the whole product: a whole number of days since 1970-01-01.
 *
 * Why not `Date`: a `Date` is an instant, and an instant drifts a day either side of midnight when the
 * task pane (browser, Europe/London), Node (UTC on CI) and Excel (serials with no zone) meet. A day
 * count has no time zone, compares with `<`, and converts to an Excel serial by one addition.
 */
import { isValid, parse } from 'date-fns';

/** Days since 1970-01-01 (a calendar date, no time, no zone). */
export type CalendarDate = number & { readonly __calendarDate: unique symbol };

/** Excel serial of 1970-01-01 in the 1900 date system. */
const EXCEL_EPOCH_OFFSET = 25_569;
/** Serial 60 is Excel's fictitious 29 February 1900; serials at or below it are not real dates we accept. */
const FIRST_SAFE_SERIAL = 61;
/** 9999-12-31, Excel's last date. */
const LAST_SERIAL = 2_958_465;

/** Builds a date from year, month (1-12) and day, or `null` when that day does not exist (31/02/2024). */
export function dateFromParts(year: number, month: number, day: number): CalendarDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day) as CalendarDate;
}

/** Year, month (1-12) and day of a date. */
export function dateParts(date: CalendarDate): { year: number; month: number; day: number } {
  const p = civil(date);
  return { year: p >> 9, month: (p >> 5) & 15, day: p & 31 };
}

/**
 * Year, month and day of a day number packed in one small integer, `year << 9 | month << 5 | day`: the month
 * counts below run several times per school, and a number is no object to allocate.
 * H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (civil_from_days).
 */
function civil(date: number): number {
  // Days since 0000-03-01: for a count that fits 32 bits and is not negative, truncating division is the
  // floor, and a 32-bit integer (| 0) divides by a constant as a multiplication, not a float division.
  const n = date + 719_468;
  const z = n | 0;
  if (z !== n || z < 0) return civilAnyDay(n);
  const era = (z / 146_097) | 0;
  const doe = (z - era * 146_097) | 0;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36_524) | 0) - ((doe / 146_096) | 0)) / 365) | 0;
  const doy = (doe - (365 * yoe + (yoe >> 2) - ((yoe / 100) | 0))) | 0;
  const mp = ((5 * doy + 2) / 153) | 0;
  const day = doy - (((153 * mp + 2) / 5) | 0) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return ((yoe + era * 400 + (month <= 2 ? 1 : 0)) << 9) | (month << 5) | day;
}

/** `civil` by floors, for a date before year 0 (or a day number that is not whole, which no date is). */
function civilAnyDay(z: number): number {
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return ((yoe + era * 400 + (month <= 2 ? 1 : 0)) << 9) | (month << 5) | day;
}

/** Days since 1970-01-01 of a valid year, month and day (Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  // A valid year is positive: truncating 32-bit division (as in `civil`) is the floor.
  const y = (month <= 2 ? year - 1 : year) | 0;
  const era = (y / 400) | 0;
  const yoe = (y - era * 400) | 0;
  const doy = (((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) | 0) + day - 1;
  const doe = yoe * 365 + (yoe >> 2) - ((yoe / 100) | 0) + doy;
  return era * 146_097 + doe - 719_468;
}

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** `2025-03-01`. */
export function toIsoDate(date: CalendarDate): string {
  const { year, month, day } = dateParts(date);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `01/03/2025`, the way UK analysts write dates. */
export function toUkDate(date: CalendarDate): string {
  const { year, month, day } = dateParts(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z)?)?$/;

/** Parses an ISO `yyyy-mm-dd` date (a midnight time part is tolerated), or `null`. */
export function fromIsoDate(text: string): CalendarDate | null {
  const m = ISO_DATE.exec(text.trim());
  return m ? dateFromParts(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** Converts an Excel serial (1900 date system) to a date; a time fraction is dropped. `null` outside Excel's range. */
export function fromExcelSerial(serial: number): CalendarDate | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  if (whole < FIRST_SAFE_SERIAL || whole > LAST_SERIAL) return null;
  return (whole - EXCEL_EPOCH_OFFSET) as CalendarDate;
}

/** The Excel serial (1900 date system) of a date. */
export function toExcelSerial(date: CalendarDate): number {
  return date + EXCEL_EPOCH_OFFSET;
}

/**
 * UK day-first formats, in the order tried. Never month-first: 03/04/2025 is 3 April.
 * Two-digit years are not accepted: "01/03/25" could be 1925 or 2025.
 */
const UK_FORMATS = ['d/M/yyyy', 'd-M-yyyy', 'd.M.yyyy', 'd MMMM yyyy', 'd MMM yyyy', 'do MMMM yyyy', 'EEEE d MMMM yyyy'];
const UK_SHAPE = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/;
const REFERENCE = new Date(2000, 0, 1);

/** Parses a UK day-first date (`01/03/2025`, `1-3-2025`, `1 March 2025`), or `null`. */
export function fromUkDate(text: string): CalendarDate | null {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (UK_SHAPE.test(trimmed)) {
    // Fast path for the shape analysts type most; the strict check below still rejects 31/02/2024.
    const [d, m, y] = trimmed.split(/[/.-]/).map(Number);
    return dateFromParts(y, m, d);
  }
  for (const format of UK_FORMATS) {
    const parsed = parse(trimmed, format, REFERENCE);
    if (isValid(parsed)) return dateFromParts(parsed.getFullYear(), parsed.getMonth() + 1, parsed.getDate());
  }
  return null;
}

/** Today's date in the local calendar of the machine (the analyst's). Only the shells call this: the core takes `asOf`. */
export function todayLocal(now: Date = new Date()): CalendarDate {
  return dateFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate()) as CalendarDate;
}

/** Adds days. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return (date + days) as CalendarDate;
}

/** Adds calendar months; the day is clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const p = civil(date);
  const year = p >> 9;
  const month = (p >> 5) & 15;
  const day = p & 31;
  const targetIndex = year * 12 + (month - 1) + months;
  const ty = Math.floor(targetIndex / 12);
  const tm = (targetIndex % 12) + 1;
  return dateFromParts(ty, tm, Math.min(day, daysInMonth(ty, tm))) as CalendarDate;
}

/** Whole calendar months from `from` to `to` (negative when `to` is earlier). 1 Mar to 28 Apr is 1. */
export function monthsBetween(from: CalendarDate, to: CalendarDate): number {
  if (to < from) return -monthsBetween(to, from);
  return whole(civil(from), civil(to));
}

/** `monthsBetween` of packed dates (`civil`), `a`'s date not after `b`'s. */
function whole(a: number, b: number): number {
  const months = calendarMonths(a, b);
  // `from` plus `months` lands in `to`'s month, on `from`'s day clamped to that month's length: a
  // whole month is short only when that day is after `to`'s.
  return isShortMonth(a, b) ? months - 1 : months;
}

/** Months from the month of packed date `a` to that of `b` (`civil`), days aside. */
const calendarMonths = (a: number, b: number) => ((b >> 9) - (a >> 9)) * 12 + (((b >> 5) & 15) - ((a >> 5) & 15));
/** `b`'s day is before `a`'s and not the last of its month: the last month from `a` to `b` is not whole. */
const isShortMonth = (a: number, b: number) => (b & 31) < (a & 31) && (b & 31) < daysInMonth(b >> 9, (b >> 5) & 15);

/**
 * Months as the policies count them, by anniversaries: the whole calendar months from `from` to `to`, plus
 * one half when `to` is past the last monthly anniversary. So 36 is exactly three years, 36.5 is "over
 * three years" (at least a day past the anniversary, less than 37 months) and `> 36` means "over three
 * years", `<= 24` "within the last two years", `< 12` and `>= 24` as whole months would. Negative when `to`
 * is earlier.
 */
export function monthsElapsed(from: CalendarDate, to: CalendarDate): number {
  if (to < from) return -monthsElapsed(to, from);
  return elapsed(civil(from), civil(to));
}

/** `monthsElapsed` of packed dates (`civil`), `a`'s date not after `b`'s. */
function elapsed(a: number, b: number): number {
  const months = calendarMonths(a, b);
  if (isShortMonth(a, b)) return months - 1 + 0.5;
  // `from` plus `months` (`addMonths`) is `to` when `to`'s day is `from`'s, or `from`'s clamped to the end
  // of `to`'s month: when it is not after `from`'s. `addMonths` gives no date outside Excel's years.
  const year = b >> 9;
  return (b & 31) <= (a & 31) && year >= 1900 && year <= 9999 ? months : months + 0.5;
}

/**
 * `monthsElapsed` and `monthsBetween` to and from one date, its year, month and day worked out once: a
 * register counts months from the as-of date three or four times per school.
 */
export class MonthsFrom {
  readonly #date: CalendarDate;
  readonly #packed: number;
  constructor(date: CalendarDate) {
    this.#date = date;
    this.#packed = civil(date);
  }

  /** `monthsElapsed(from, date)`. */
  elapsedSince(from: CalendarDate): number {
    const date = this.#date;
    return date < from ? -elapsed(this.#packed, civil(from)) : elapsed(civil(from), this.#packed);
  }

  /** `monthsElapsed(date, to)`. */
  elapsedUntil(to: CalendarDate): number {
    const date = this.#date;
    return to < date ? -elapsed(civil(to), this.#packed) : elapsed(this.#packed, civil(to));
  }

  /** `monthsBetween(from, date)`. */
  wholeSince(from: CalendarDate): number {
    const date = this.#date;
    return date < from ? -whole(this.#packed, civil(from)) : whole(civil(from), this.#packed);
  }
}

/** A `monthsElapsed` figure in words: "36", "over 36" (past the 36th monthly anniversary), "overdue by over 3" (negative: a date passed). */
export function monthsText(months: number): string {
  if (Number.isInteger(months)) return months < 0 ? `overdue by ${-months}` : String(months);
  return months > 0 ? `over ${Math.floor(months)}` : `overdue by ${monthsText(-months)}`;
}

/** Days from `from` to `to`. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return to - from;
}

/**
 * The school year a date falls in, as the inspection regulations count it: from 1 August
 * (SI 2005/2038, "school year" for the purposes of the interval). Returns the calendar year it starts in.
 */
export function schoolYearStarting(date: CalendarDate): number {
  const p = civil(date);
  return ((p >> 5) & 15) >= 8 ? p >> 9 : (p >> 9) - 1;
}

/** The first day of the school year that starts in `year` (1 August). */
export function schoolYearStart(year: number): CalendarDate {
  return dateFromParts(year, 8, 1) as CalendarDate;
}

/** An English school term, by fixed boundaries (Easter moves; the spring term is taken to end on 31 March). */
export interface Term {
  name: 'autumn' | 'spring' | 'summer';
  start: CalendarDate;
  end: CalendarDate;
}

/**
 * The term a date falls in: autumn 1 Sep-31 Dec, spring 1 Jan-31 Mar, summer 1 Apr-31 Aug (the summer
 * holiday belongs to the summer term so that every date has a term and "this term" never has a gap).
 */
export function termOf(date: CalendarDate): Term {
  const { year, month } = dateParts(date);
  if (month >= 9) return { name: 'autumn', start: dateFromParts(year, 9, 1)!, end: dateFromParts(year, 12, 31)! };
  if (month <= 3) return { name: 'spring', start: dateFromParts(year, 1, 1)!, end: dateFromParts(year, 3, 31)! };
  return { name: 'summer', start: dateFromParts(year, 4, 1)!, end: dateFromParts(year, 8, 31)! };
}
