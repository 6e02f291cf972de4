// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Imports point one way: engine <- shell <- cli <- session <- lessons <- ui. */
const layers = ['engine', 'shell', 'cli', 'session', 'lessons', 'ui'];

/** @param {string} layer */
function boundary(layer) {
  const above = layers.slice(layers.indexOf(layer) + 1);
  const forbidden = layer === 'node' ? ['ui'] : [...above, 'node'];
  return {
    files: [`src/${layer}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbidden.map((f) => ({
            regex: `^(\\.\\.?/)+(.*/)?${f}(/|$)`,
            message: `src/${layer} must not import src/${f}: imports point engine <- shell <- cli <- session <- lessons <- ui.`,
          })),
        },
      ],
    },
  };
}

const deterministic = {
  files: ['src/engine/**/*.ts', 'src/shell/**/*.ts', 'src/cli/**/*.ts', 'src/session/**/*.ts', 'src/lessons/**/*.ts'],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-globals': [
      'error',
      ...['setTimeout', 'setInterval', 'setImmediate', 'requestAnimationFrame', 'document', 'window', 'performance', 'process', 'localStorage', 'indexedDB'].map((name) => ({
        name,
        message: 'The simulated world has no timers or host globals of its own: use the Clock, HostHooks or an injected service.',
      })),
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Date', property: 'now', message: 'Time comes from the engine Clock.' },
      { object: 'Math', property: 'random', message: 'Ids come from the seeded IdGen.' },
    ],
    'no-restricted-syntax': [
      'error',
      { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time comes from the engine Clock.' },
      {
        // A chunk loading is real time passing: unless the kernel knows, the virtual clock runs ahead
        // (a `sleep 1000` container ended while `docker top` loaded a module).
        selector: "ImportExpression:not(CallExpression[callee.property.name='hostWork'] > ImportExpression)",
        message: 'Load code through kernel.hostWork(import(...)) (or from a place that does), so the virtual clock waits for it.',
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-control-regex': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  ...['engine', 'shell', 'cli', 'session', 'lessons', 'node'].map(boundary),
  deterministic,
);
