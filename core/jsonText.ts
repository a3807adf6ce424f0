/**
 * JSON as a person reads and edits it: an object or a list that fits on one line stays on one line
 * (a condition, a citation), anything longer gets a line per entry. Framework files are written this
 * way (the built-ins, `schoolrisk framework export`), so a criterion reads as a few lines, not thirty.
 */
import { pathText } from './frameworkCheck';

/** `value` as indented JSON, entries kept on one line where the line stays within `width`. */
export function formatJson(value: unknown, width = 120): string {
  return `${format(value, '', width, 0)}\n`;
}

function format(value: unknown, indent: string, width: number, prefix: number): string {
  const flat = JSON.stringify(value);
  if (flat === undefined) return 'null';
  if (value === null || typeof value !== 'object') return flat;
  const inline = inlineJson(value);
  if (indent.length + prefix + inline.length <= width) return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${format(v, inner, width, 0)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => {
    const key = `${JSON.stringify(k)}: `;
    return `${inner}${key}${format(v, inner, width, key.length)}`;
  }).join(',\n')}\n${indent}}`;
}

/** One line, with a space after each colon and comma, as people write it. */
function inlineJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`).join(', ')} }` : '{}';
}

// ------------------------------------------------------------------------------- reading what a person wrote

/** One thing wrong with a JSON text: where (1-based line and column) and what, in words. */
export interface JsonTextProblem {
  readonly line: number;
  readonly column: number;
  /** What is wrong there, with a hint for the common slips and the text around the place. */
  readonly message: string;
}

/** A JSON text read: its value, or every problem found (a syntax error stops the reading; duplicate keys and numbers too large do not). */
export type JsonTextRead = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problems: readonly JsonTextProblem[] };

/** `"northmoor.json, line 12, column 5: ..."`: a problem as one line naming its file. */
export function jsonProblemLine(file: string, problem: JsonTextProblem): string {
  return `${file}, line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

/**
 * Reads a JSON text as JSON.parse does (RFC 8259, the same value), but says where and why it is not
 * JSON in the analyst's terms (a trailing comma, a comment, single quotes, NaN), and refuses what
 * JSON.parse passes silently: a key given twice in one object (JSON.parse keeps the last, so a pasted
 * copy of a parameter quietly replaces the first) and a number too large to hold (1e400 becomes
 * Infinity). A leading byte-order mark is skipped.
 */
export function parseJsonText(text: string): JsonTextRead {
  const reader = new JsonReader(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  try {
    const value = reader.document();
    return reader.problems.length ? { ok: false, problems: reader.problems } : { ok: true, value };
  } catch (e) {
    if (e instanceof NotJson) return { ok: false, problems: [...reader.problems, reader.problemAt(e.at, `not JSON: ${e.what}`)] };
    throw e;
  }
}

/** A syntax error: where, and what. */
class NotJson {
  constructor(
    readonly at: number,
    readonly what: string,
  ) {}
}

/** How deep objects and lists may nest: the built-ins reach 11, and reading (and the schema) must not run out of stack. */
const MAX_DEPTH = 100;
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

class JsonReader {
  readonly problems: JsonTextProblem[] = [];
  private i = 0;
  private lineStarts: number[] | null = null;
  /** Open objects and arrays, for "the { of line 3 is never closed". */
  private readonly open: number[] = [];

  constructor(private readonly text: string) {}

  document(): unknown {
    this.space();
    if (this.i >= this.text.length) throw new NotJson(this.i, 'the file is empty; expected a JSON object, { ... }');
    const value = this.value([]);
    this.space();
    if (this.i < this.text.length) {
      const c = this.text[this.i]!;
      const what = c === '}' || c === ']' ? `a "${c}" with nothing open to close (one too many, or a "{" or "[" missing before)` : `more after the end of the JSON, which ended at line ${this.place(this.i - 1).line}`;
      throw new NotJson(this.i, this.slip(this.i, 'a value') ?? what);
    }
    return value;
  }

  problemAt(at: number, message: string): JsonTextProblem {
    const { line, column } = this.place(at);
    const around = this.around(at);
    return { line, column, message: around ? `${message}; near \`${around}\`` : message };
  }

  private place(at: number): { line: number; column: number } {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let k = 0; k < this.text.length; k++) if (this.text.charCodeAt(k) === 0x0a) this.lineStarts.push(k + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - this.lineStarts[lo]! + 1 };
  }

  /** The text around a place on one line: line breaks and indentation as single spaces. */
  private around(at: number): string {
    const from = Math.max(0, at - 30);
    const to = Math.min(this.text.length, at + 30);
    const squeeze = (s: string) => s.replace(/\s+/g, ' ');
    const before = squeeze(this.text.slice(from, at)).trimStart();
    const after = squeeze(this.text.slice(at, to)).trimEnd();
    return `${from > 0 ? '...' : ''}${before}${after}${to < this.text.length ? '...' : ''}`;
  }

  private space(): void {
    while (this.i < this.text.length && WHITESPACE.has(this.text.charCodeAt(this.i))) this.i++;
  }

  private found(at: number): string {
    if (at >= this.text.length) return 'the end of the file';
    const c = this.text[at]!;
    return c.charCodeAt(0) < 0x20 ? `the control character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : JSON.stringify(c);
  }

  /** The end of the file where something is still open: which bracket, and where. */
  private unclosed(): string {
    const at = this.open[this.open.length - 1];
    if (at === undefined) return 'the file ends too soon';
    return `the file ends before the "${this.text[at]}" of line ${this.place(at).line} is closed`;
  }

  /**
   * The common slips where a value or a name was expected, in words; `null` when the text there is none of them.
   * `expected` names what should have come ("a value", "a name in double quotes").
   */
  private slip(at: number, expected: string): string | null {
    const t = this.text;
    const c = t[at];
    if (c === undefined) return this.unclosed();
    if (c === '/' && (t[at + 1] === '/' || t[at + 1] === '*')) return 'a comment, which JSON does not allow: remove it (a parameter or criterion can say why in its "description" or citation)';
    if (c === "'") return 'text in single quotes: JSON writes text and names in double quotes, "like this"';
    if (c === '%') return 'a "%" after a number: write the number alone, 90 for 90%';
    WORD.lastIndex = at;
    const word = WORD.exec(t)?.[0];
    if (word === undefined) return null;
    if (word === 'NaN' || word === 'Infinity') return `${word}, which is not a number JSON can hold: write a number, or leave the field out`;
    if (/^(true|false|null)$/i.test(word) || word === 'None') return `${word}: JSON writes ${word === 'None' ? 'null' : word.toLowerCase()} in lower case`;
    if (word === 'undefined') return 'undefined, which JSON does not have: leave the field out, or write null';
    const rest = t.slice(at + word.length).match(/^\s*:/);
    if (rest) return `the name ${word} without double quotes: JSON writes names in double quotes, "${word}"`;
    return `${JSON.stringify(word)} where ${expected} should be: JSON writes text in double quotes, "${word}"`;
  }

  private value(path: readonly (string | number)[]): unknown {
    const t = this.text;
    const c = t[this.i];
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (t.startsWith(word, this.i) && !/[A-Za-z0-9_$]/.test(t[this.i + word.length] ?? '')) {
        this.i += word.length;
        return value;
      }
    }
    if (c === '+' || c === '.') return this.number();
    throw new NotJson(this.i, this.slip(this.i, 'a value') ?? `expected a value (a number, a text in double quotes, true, false, null, a list [...] or an object {...}); found ${this.found(this.i)}`);
  }

  private object(path: readonly (string | number)[]): Record<string, unknown> {
    const t = this.text;
    const out: Record<string, unknown> = {};
    const seen = new Map<string, number[]>();
    this.entries('}', () => {
      const keyAt = this.i;
      if (t[keyAt] !== '"') throw new NotJson(keyAt, this.slip(keyAt, 'a name in double quotes') ?? `expected a name in double quotes; found ${this.found(keyAt)}`);
      const key = this.string();
      this.space();
      if (t[this.i] !== ':') throw new NotJson(this.i, this.i >= t.length ? this.unclosed() : `expected ":" after the name ${JSON.stringify(key)}; found ${this.found(this.i)}`);
      this.i++;
      this.space();
      const value = this.value([...path, key]);
      // As JSON.parse: an own property, even for "__proto__".
      Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      const places = seen.get(key);
      if (places) places.push(keyAt);
      else seen.set(key, [keyAt]);
      return `the value of ${JSON.stringify(key)}`;
    });
    for (const [key, at] of seen) if (at.length > 1) this.duplicate(key, at, path);
    return out;
  }

  private array(path: readonly (string | number)[]): unknown[] {
    const out: unknown[] = [];
    this.entries(']', () => {
      out.push(this.value([...path, out.length]));
      return 'an item of a list';
    });
    return out;
  }

  /** The entries of an object or the items of a list, from the bracket at the reading place to `close`; `entry` reads one and says what it was. */
  private entries(close: '}' | ']', entry: () => string): void {
    const t = this.text;
    if (this.open.length >= MAX_DEPTH) throw new NotJson(this.i, `objects and lists nested more than ${MAX_DEPTH} deep (a framework needs about 10): write the condition flatter, with "all", "any" or "atLeast" over a list`);
    this.open.push(this.i);
    this.i++;
    this.space();
    if (t[this.i] === close) {
      this.i++;
      this.open.pop();
      return;
    }
    for (;;) {
      this.space();
      if (t[this.i] === close) throw this.trailingComma(close);
      const what = entry();
      this.space();
      const next = t[this.i];
      if (next === ',') {
        this.i++;
        continue;
      }
      if (next === close) {
        this.i++;
        break;
      }
      const found = close === '}' && next === '"' ? 'a name' : this.found(this.i);
      throw new NotJson(this.i, next === undefined ? this.unclosed()
        : next === '"' || next === '{' || next === '[' ? `a comma missing after ${what} (expected "," or "${close}"; found ${found})`
          : this.slip(this.i, `"," or "${close}"`) ?? `expected "," or "${close}" after ${what}; found ${found}`);
    }
    this.open.pop();
  }

  private duplicate(key: string, at: readonly number[], path: readonly (string | number)[]): void {
    const lines = at.map((a) => this.place(a).line);
    const where = path.length ? `in ${JSON.stringify(pathText(path))}` : 'at the top level';
    const times = at.length === 2 ? 'twice' : `${at.length} times`;
    const and = (xs: readonly number[]) => `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
    const places = new Set(lines).size === lines.length ? `lines ${and(lines)}` : new Set(lines).size === 1 ? `line ${lines[0]}, columns ${and(at.map((a) => this.place(a).column))}` : `lines ${and(lines)}`;
    const { line, column } = this.place(at[1]!);
    this.problems.push({ line, column, message: `the key ${JSON.stringify(key)} appears ${times} ${where} (${places}); JSON keeps only the last, so ${at.length === 2 ? 'the first is lost: remove or rename one' : 'all but the last are lost: remove or rename all but one'}` });
  }

  private trailingComma(close: '}' | ']'): NotJson {
    let comma = this.i - 1;
    while (comma > 0 && this.text[comma] !== ',') comma--;
    return new NotJson(comma, `a comma after the last ${close === '}' ? 'entry' : 'item'}, before the "${close}" on line ${this.place(this.i).line}, which JSON does not allow: remove the comma`);
  }

  private string(): string {
    const t = this.text;
    const start = this.i;
    let escaped = false;
    this.i++;
    for (;;) {
      if (this.i >= t.length) throw new NotJson(start, `a text in double quotes that is never closed (it starts on line ${this.place(start).line}): add the closing "`);
      const code = t.charCodeAt(this.i);
      if (code === 0x22) break;
      if (code < 0x20) {
        throw new NotJson(this.i, code === 0x0a || code === 0x0d ? 'a line break inside a text in double quotes: close the text on its own line (or write \\n for a line break)' : code === 0x09 ? 'a tab inside a text in double quotes: write \\t, or a space' : `${this.found(this.i)} inside a text in double quotes`);
      }
      if (code === 0x5c) {
        escaped = true;
        const e = t[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(t.slice(this.i + 2, this.i + 6))) throw new NotJson(this.i, 'a \\u that is not followed by four hexadecimal digits');
          this.i += 6;
          continue;
        }
        if (e === undefined || !ESCAPES.has(e)) throw new NotJson(this.i, `a backslash before ${e === undefined ? 'the end' : JSON.stringify(e)}, which is no escape JSON knows: write \\\\ for a backslash (C:\\\\folder), or use /`);
        this.i += 2;
        continue;
      }
      this.i++;
    }
    this.i++;
    const raw = t.slice(start, this.i);
    return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  }

  private number(): number {
    const t = this.text;
    const start = this.i;
    NUMBER.lastIndex = start;
    const m = NUMBER.exec(t);
    const after = t[start + (m?.[0].length ?? 0)];
    if (!m || (after !== undefined && /[0-9.eE+\-xXa-zA-Z]/.test(after))) {
      const token = /^[-+.\w]*/.exec(t.slice(start))![0] || t[start]!;
      throw new NotJson(start, `${JSON.stringify(token)} is not a number as JSON writes one (${/^-?0\d/.test(token) ? 'no leading zeros: 7, not 07' : /^[+]/.test(token) ? 'no "+" sign' : /^-?\./.test(token) ? 'a digit before the point: 0.5' : /\.$/.test(token) ? 'a digit after the point: 5.0 or 5' : /^-?(NaN|Infinity)/i.test(token) ? 'NaN and Infinity are not numbers JSON can hold' : 'digits, a point and digits, an exponent'})`);
    }
    this.i += m[0].length;
    const value = Number(m[0]);
    if (!Number.isFinite(value)) {
      const { line, column } = this.place(start);
      this.problems.push({ line, column, message: `the number ${m[0]} is too large to hold (a number can be at most about 1.8e308); near \`${this.around(start)}\`` });
    }
    return value;
  }
}
