/**
 * JSON as a person reads and edits it: an object or a list that fits on one line stays on one line
 * (a condition, a citation), anything longer gets a line per entry. Framework files are written this
 * way (the built-ins, `schoolrisk framework export`), so a criterion reads as a few lines, not thirty.
 */

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
