// The layering of CONTRIBUTING.md is an ESLint rule (eslint.config.js): these imports must fail `npx eslint`.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/workflows.ts';

const eslint = new ESLint({ cwd: ROOT });

/** The messages of no-restricted-imports for `source` linted as if it were the file at `path`. */
async function layeringErrors(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layering rule', () => {
  it.each([
    [
      'report/ imports GitHub I/O',
      'packages/core/src/report/fixture.ts',
      "import { saveArtifact } from '../github/artifact.ts';",
      /report\/ \(Markdown only\) does no I\/O/,
    ],
    [
      'report/ imports publish/',
      'packages/core/src/report/fixture.ts',
      "import { publishReport } from '../publish/publish-report.ts';",
      /does no I\/O/,
    ],
    [
      'report/ reads files',
      'packages/core/src/report/fixture.ts',
      "import { readFile } from 'node:fs/promises';",
      /does no I\/O/,
    ],
    [
      'metrics/ talks to the runner',
      'packages/core/src/metrics/fixture.ts',
      "import * as core from '@actions/core';",
      /does no I\/O/,
    ],
    [
      'a base module imports a domain',
      'packages/core/src/inputs/fixture.ts',
      "import { fmt } from '../report/markdown.ts';",
      /base module .* imports no domain/,
    ],
    [
      'log.ts imports a domain',
      'packages/core/src/log.ts',
      "import { fmt } from './report/markdown.ts';",
      /base module .* imports no domain/,
    ],
    [
      'a domain logs through @actions/core instead of log.ts',
      'packages/core/src/compare/fixture.ts',
      "import * as core from '@actions/core';",
      /log through log\.ts, the one logging module/,
    ],
    [
      'an I/O domain imports the work of an action',
      'packages/core/src/kube/fixture.ts',
      "import { planActions } from '../canary/plan.ts';",
      /does not import the work of an action/,
    ],
    [
      'github/ imports publish/',
      'packages/core/src/github/fixture.ts',
      "import { publishReport } from '../publish/publish-report.ts';",
      /never the other way/,
    ],
    [
      'core imports an action',
      'packages/core/src/validate/fixture.ts',
      "import { run } from '../../../../actions/validate-data/src/main.ts';",
      /core must not import actions/,
    ],
    [
      'an action reaches into core by path',
      'actions/validate-data/src/fixture.ts',
      "import { info } from '../../../packages/core/src/log.ts';",
      /@modelgate\/core\/<domain>\/<file>/,
    ],
  ])('fails when %s', async (_what, path, source, message) => {
    const errors = await layeringErrors(
      path,
      `${source}\nexport const used = [${source
        .match(/\{ (\w+)|\* as (\w+)/)!
        .slice(1)
        .find(Boolean)}];\n`,
    );
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it.each([
    [
      'report/ builds on its own escaping',
      'packages/core/src/report/fixture.ts',
      "import { escapeInline } from './escape.ts';",
    ],
    [
      'publish/ uses github/ and report/',
      'packages/core/src/publish/fixture.ts',
      "import { saveArtifact } from '../github/artifact.ts';",
    ],
    ['log.ts wraps @actions/core', 'packages/core/src/log.ts', "import { info } from '@actions/core';"],
    [
      'an action imports core by its package name',
      'actions/validate-data/src/fixture.ts',
      "import { info } from '@modelgate/core/log';",
    ],
  ])('passes when %s', async (_what, path, source) => {
    const errors = await layeringErrors(path, `${source}\nexport const used = [${source.match(/\{ (\w+)/)![1]}];\n`);
    expect(errors).toEqual([]);
  });
});
