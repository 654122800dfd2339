import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const nodeOnly = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'net', 'node:net', 'http', 'node:http']
const nodeOnlyMore = ['https', 'node:https', 'child_process', 'node:child_process', 'worker_threads']

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src/main/electron and src/preload import electron.' }] },
      ],
    },
  },
  {
    // Type-aware: a promise nobody awaits or handles is a lost error (or an unhandled rejection that ends the
    // process). The project service reads the tsconfigs, so one program serves every file.
    files: ['src/**/*.{ts,tsx}', 'devnet/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    files: ['src/main/electron/**/*.ts', 'src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The verifier is pure: no I/O, no clock, no Electron. It must run the same in Node, a worker and the renderer.
    files: ['src/verifier/**/*.ts'],
    ignores: ['src/verifier/**/*.test.ts', 'src/verifier/**/*.bench.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src/verifier is pure.' },
            ...[...nodeOnly, ...nodeOnlyMore].map((name) => ({
              name,
              message: 'src/verifier is pure: no I/O.',
            })),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'src/verifier is pure: no I/O.' },
        { name: 'process', message: 'src/verifier is pure.' },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...nodeOnly, ...nodeOnlyMore].map((name) => ({
            name,
            message: 'The renderer talks to services only through the shared API.',
          })),
        },
      ],
    },
  },
)
