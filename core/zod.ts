/**
 * zod as the core uses it: its mini API, configured once. Every schema of the core imports it from here
 * (`import * as z from './zod'`).
 *
 * zod/mini has the same schemas and parser as zod's classic API, written as functions (`z.optional(s)`,
 * `s.check(z.minLength(1))`) that a bundler leaves out when unused; the classic API's methods keep all of zod
 * in every bundle. So the custom functions' bundle, which checks a framework file saved in the workbook,
 * carries only what that check needs (docs/performance.md, session 19).
 */
import { config } from 'zod/mini';
// The one locale, by its own file: zod's locales index would bring all of them into the bundles.
import en from 'zod/v4/locales/en.js';

// The task pane and the functions run under a Content-Security-Policy without 'unsafe-eval': zod parses
// without compiling parsers by eval (and webpack removes its eval probe, scripts/zod-no-eval-loader.cjs).
// zod/mini loads no locale of its own: English, as the classic API has, for the messages a problem quotes.
config({ ...en(), jitless: true });

// Re-exported name by name (not as one object), so a bundler still leaves out what no schema uses.
export * from 'zod/mini';
