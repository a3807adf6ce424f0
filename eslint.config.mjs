// Lint configuration (flat config): ESLint's and typescript-eslint's recommended rules, plus the one
// architectural rule that matters most here: core/ stays pure (no Office, React, Fluent or Node).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Globals of the Node scripts and configs written in plain JavaScript (no `globals` package needed). */
const nodeGlobals = Object.fromEntries(
  ['require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'globalThis'].map((name) => [name, 'readonly']),
);

export default defineConfig(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Custom functions receive whatever Excel passes: `any` at that boundary is deliberate.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs', 'webpack.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['core/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'office-js', message: 'core/ is pure: Office.js belongs in src/workbook/office.ts or taskpane/.' },
          { name: 'react', message: 'core/ is pure: React belongs in taskpane/.' },
          { name: 'react-dom', message: 'core/ is pure: React belongs in taskpane/.' },
          { name: 'fs', message: 'core/ does no I/O: read files in src/.' },
          { name: 'path', message: 'core/ does no I/O: use paths in src/.' },
          { name: 'os', message: 'core/ does no I/O.' },
        ],
        patterns: [
          { group: ['@fluentui/*'], message: 'core/ is pure: Fluent UI belongs in taskpane/.' },
          { group: ['node:*'], message: 'core/ imports nothing from Node.' },
          { group: ['fs/*', 'react/*', 'react-dom/*'], message: 'core/ is pure.' },
          { group: ['**/src/**', '**/taskpane/**', '**/functions/**'], message: 'core/ depends on nothing outside core/.' },
        ],
      }],
    },
  },
);
