import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layering (CONTRIBUTING.md has the map): actions -> core domains -> base. Each rule names what to do instead.
const CORE_DOMAINS =
  'action|canary|compare|data|docker|drift|evaluate|git|github|kube|metrics|prometheus|publish|report|runner|sketch|validate';
const IO_DOMAINS = 'data|docker|fs|git|github|kube|prometheus|publish|runner';
const rule = (regex, message) => ({ regex, message });
/** Everything in packages/core. */
const coreRules = [
  rule('^(\\.\\./)+(actions|tests|scripts|cli)/', 'core must not import actions, tests, scripts or the CLI.'),
  rule('^@modelgate/core/', 'inside core, import with a relative path (../domain/file.ts).'),
  rule('^@actions/core$', 'log through log.ts, the one logging module (only action/run.ts sets outputs and fails).'),
];
/** log.ts and action/run.ts are the two modules that talk to @actions/core. */
const withoutActionsCore = (rules) => rules.filter((r) => r.regex !== '^@actions/core$');
/** Base modules (errors, log, fs, inputs, contracts): imported by every domain, so they import none. */
const baseRules = [
  ...coreRules,
  rule(`^(\\.\\.?/)+(${CORE_DOMAINS})/`, 'a base module (errors, log, fs, inputs, contracts) imports no domain.'),
];
/** Pure domains compute and build text; reading files, the runner or the network belongs to I/O domains. */
const pureRules = (what) => [
  ...coreRules,
  rule(`^(\\.\\./)+(${IO_DOMAINS})/`, `${what} does no I/O: move the call to publish/ or the action's run function.`),
  rule('^node:(fs|fs/promises|child_process|net|http|https|worker_threads)$', `${what} does no I/O.`),
  rule('^@(actions|octokit|kubernetes)/', `${what} does no I/O: no GitHub, runner or Kubernetes clients.`),
];
/** The I/O domains serve the actions' work (validate, evaluate, compare, docker, canary), never the reverse. */
const workRule = rule(
  '^(\\.\\./)+(validate|evaluate|compare|docker|canary)/',
  'an I/O domain does not import the work of an action: move the shared piece down.',
);
const layer = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  // .stryker-tmp: a mutation run's sandboxes (a whole copy of the tree while it runs, or after one is interrupted)
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'tests/fixtures/**',
      'examples/**/data/**',
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
        Response: 'readonly',
        Request: 'readonly',
        Headers: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  layer(['packages/core/src/**/*.ts'], coreRules),
  layer(['packages/core/src/{errors,log}.ts', 'packages/core/src/{fs,inputs,contracts}/**/*.ts'], baseRules),
  layer(['packages/core/src/report/**/*.ts'], pureRules('report/ (Markdown only)')),
  layer(['packages/core/src/{metrics,drift,sketch}/**/*.ts'], pureRules('this statistics domain')),
  layer(['packages/core/src/{action,data,publish,runner,kube,prometheus,git}/**/*.ts'], [...coreRules, workRule]),
  layer(
    ['packages/core/src/github/**/*.ts'],
    [
      ...coreRules,
      workRule,
      rule('^(\\.\\./)+publish/', 'github/ is the client; publish/ uses it, never the other way.'),
    ],
  ),
  layer(['packages/core/src/log.ts'], withoutActionsCore(baseRules)),
  layer(['packages/core/src/action/run.ts'], withoutActionsCore([...coreRules, workRule])),
  layer(
    ['actions/*/src/**/*.ts'],
    [
      rule('^(\\.\\./)+(packages|tests|scripts)/', 'an action imports core as @modelgate/core/<domain>/<file>.'),
      rule('^@modelgate/cli', 'an action never imports the local runner.'),
    ],
  ),
  {
    files: ['examples/**/*.mjs', 'examples/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
  },
);
