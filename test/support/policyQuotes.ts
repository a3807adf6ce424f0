/**
 * A policy's text as its citations quote it: markup of the converted tables, list bullets, curly quotes
 * and line breaks set aside, so that a quote is checked word for word and nothing else. A quote may elide
 * with " ... " (each part is then found, in order).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const normalise = (s: string) =>
  s.replace(/<[^>]+>/g, ' ').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/(^|\n)[ \t]*[-•·][ \t]+/g, '$1').replace(/[•·]/g, ' ').replace(/\s+/g, ' ').trim();

/** Does the policy in docs/policies/<file> hold the quote, word for word? */
export function policyQuoter(file: string): (quote: string) => boolean {
  const text = normalise(readFileSync(resolve(__dirname, '../../docs/policies', file), 'utf8'));
  return (quote) => {
    let from = 0;
    for (const part of quote.split(/\s*\.\.\.\s*/).map(normalise).filter(Boolean)) {
      const at = text.indexOf(part, from);
      if (at < 0) return false;
      from = at + part.length;
    }
    return true;
  };
}

/** "(our reading: ...)" at the end of a citation's section: where the policy is silent, what we read into it. */
export const OUR_READING = / \(our reading: [^()]+\)$/;
