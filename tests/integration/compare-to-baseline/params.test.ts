// The params input through the bundle: params files read in the working tree and with git at the baseline's
// revision, in a temporary repository shaped like a pull request.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubStandIn, type GitHubStandIn } from '../../standins/github/index.ts';
import { cloneOf, commit, git } from '../../helpers/git-repo.ts';
import { metricsDocument, OWNER, REPO, runCompare, workspace } from './harness.ts';

let standIn: GitHubStandIn;
beforeAll(async () => {
  standIn = await startGitHubStandIn({ repository: `${OWNER}/${REPO}` });
});
afterAll(async () => {
  expect(standIn.violations).toEqual([]);
  await standIn.close();
});

const BASE_PARAMS = `train:
  lr: 0.01
  epochs: 10
  layers: [64, 32]
  optimizer: { name: adam }
seed: 42
`;
/** lr changed, layers changed, dropout added, seed removed; epochs and the optimizer as they were. */
const HEAD_PARAMS = `train:
  lr: 0.001
  epochs: 10
  layers: [128, 64]
  dropout: 0.2
  optimizer: { name: adam }
`;
/** Changed on main after the fork: what git:main must read, and the merge base must not. */
const MAIN_PARAMS = BASE_PARAMS.replace('epochs: 10', 'epochs: 30');
const FEATURE_TOML = '[featurize]\nmax_features = 200\nngrams = 2\n';

/**
 * An origin whose main has params.yaml and the metrics at the fork point and then changes epochs, and a feature
 * branch that changes params.yaml and adds featurize.toml: the shape of a PR that tunes the model.
 */
function tuningRepository() {
  const origin = mkdtempSync(join(tmpdir(), 'modelgate-origin-'));
  git(origin, 'init', '-q', '-b', 'main');
  commit(origin, 'history', { 'README.md': 'model\n' });
  const fork = commit(origin, 'baseline', {
    'params.yaml': BASE_PARAMS,
    'metrics.json': metricsDocument({ accuracy: 0.9 }),
  });
  const mainTip = commit(origin, 'more epochs on main', { 'params.yaml': MAIN_PARAMS });
  git(origin, 'checkout', '-q', '-b', 'feature', fork);
  commit(origin, 'tune', {
    'params.yaml': HEAD_PARAMS,
    'featurize.toml': FEATURE_TOML,
    'metrics.json': metricsDocument({ accuracy: 0.91 }),
  });
  git(origin, 'checkout', '-q', 'main');
  return { origin, fork, mainTip };
}
const repo = tuningRepository();
const inputs = { metrics: 'metrics.json', history: '0', comment: 'false' };

describe('compare-to-baseline: params diffed against the baseline revision', () => {
  it('auto: reads params at the merge base, shows changed, added and removed keys above the metrics', async () => {
    const clone = cloneOf(repo.origin, 'feature', true);
    const result = await runCompare(standIn, clone, {
      ...inputs,
      baseline: 'auto',
      params: 'params.yaml\nfeaturize.toml',
    });
    expect(result.exitCode, result.stdout).toBe(0);
    const s = result.summary;
    expect(s).toContain(`### Parameters\n\n**2 changed, 3 added, 1 removed** against \`${repo.fork.slice(0, 7)}\``);
    expect(s).toContain('(merge base with main).');
    expect(s).toContain('- `featurize.toml` not there at the baseline.');
    expect(s).toContain('| File | Parameter | Baseline | Current | Change |');
    expect(s).toContain('| params.yaml | **train.lr** | 0.01 | 0.001 | ✏️\u00a0changed |');
    expect(s).toContain('| params.yaml | **train.layers** | \\[64, 32\\] | \\[128, 64\\] | ✏️\u00a0changed |');
    expect(s).toContain('| params.yaml | **train.dropout** | — | 0.2 | ➕\u00a0added |');
    expect(s).toContain('| params.yaml | **seed** | 42 | — | ➖\u00a0removed |');
    expect(s).toContain('| featurize.toml | **featurize.<wbr>max\\_<wbr>features** | — | 200 | ➕\u00a0added |');
    expect(s).not.toContain('train.epochs');
    // Above the metric diff.
    expect(s.indexOf('### Parameters')).toBeLessThan(s.indexOf('| Metric |'));
  });

  it('git:main: reads params at main, as the metrics are, so the epochs main changed show as changed', async () => {
    const clone = cloneOf(repo.origin, 'feature', false);
    const result = await runCompare(standIn, clone, { ...inputs, baseline: 'git:main', params: 'params.yaml' });
    expect(result.exitCode, result.stdout).toBe(0);
    const s = result.summary;
    expect(s).toContain(`against \`${repo.mainTip.slice(0, 7)}\` (main (git))`);
    expect(s).toContain('| **train.epochs** | 30 | 10 | ✏️\u00a0changed |');
    // One file: no File column.
    expect(s).toContain('| Parameter | Baseline | Current | Change |');
    expect(s).not.toContain('| File |');
  });

  it('baseline paired: params come from the merge base, as auto would resolve it', async () => {
    const clone = cloneOf(repo.origin, 'feature', true);
    const paired = metricsDocument(
      { accuracy: 0.91 },
      {
        comparison: {
          baseline: { predictions: 'prod.csv', sha256: 'e3b0c442'.repeat(8), metrics: { accuracy: 0.9 } },
          paired: {},
        },
      },
    );
    writeFileSync(join(clone, 'paired.json'), paired);
    const result = await runCompare(standIn, clone, {
      ...inputs,
      metrics: 'paired.json',
      baseline: 'paired',
      params: 'params.yaml',
    });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.summary).toContain(`against \`${repo.fork.slice(0, 7)}\` (merge base with main)`);
    expect(result.summary).toContain('| **train.lr** | 0.01 | 0.001 | ✏️\u00a0changed |');
  });

  it('says the params are unchanged, with the count of keys, when nothing differs', async () => {
    const clone = cloneOf(repo.origin, 'feature', false);
    writeFileSync(join(clone, 'params.yaml'), BASE_PARAMS);
    const result = await runCompare(standIn, clone, { ...inputs, baseline: 'auto', params: 'params.yaml' });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.summary).toContain(
      `### Parameters\n\nUnchanged against \`${repo.fork.slice(0, 7)}\` (merge base with main): 5 keys in \`params.yaml\`.`,
    );
  });

  it('a malformed params file is an error naming the input, the file and the line, before any report', async () => {
    const clone = cloneOf(repo.origin, 'feature', false);
    writeFileSync(join(clone, 'params.yaml'), 'train:\n  lr: 0.01\n  lr: 0.02\n');
    const result = await runCompare(standIn, clone, { ...inputs, baseline: 'auto', params: 'params.yaml' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.passed).toBeUndefined();
    expect(result.stdout).toMatch(/::error title=modelgate%3A fix the input,file=params\.yaml,line=3::/);
    expect(result.stdout).toContain("input 'params', params.yaml:3: invalid YAML/JSON");
    writeFileSync(join(clone, 'featurize.toml'), '[featurize]\nmax_features = = 200\n');
    const broken = await runCompare(standIn, clone, { ...inputs, baseline: 'auto', params: 'featurize.toml' });
    expect(broken.exitCode).toBe(1);
    expect(broken.stdout).toContain("input 'params', featurize.toml:2:");
    expect(broken.stdout).toContain('invalid TOML');
  });

  it('a params file that does not exist is an error naming it', async () => {
    const clone = cloneOf(repo.origin, 'feature', false);
    const result = await runCompare(standIn, clone, { ...inputs, baseline: 'auto', params: 'parms.yaml' });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("input 'params', parms.yaml: the params file does not exist.");
  });

  it('outside git the params are shown as not compared, and the run goes on', async () => {
    const dir = workspace({
      'metrics.json': metricsDocument({ accuracy: 0.91 }),
      'baseline.json': metricsDocument({ accuracy: 0.9 }),
      'params.yaml': BASE_PARAMS,
    });
    const result = await runCompare(standIn, dir, { ...inputs, baseline: 'baseline.json', params: 'params.yaml' });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.summary).toContain('### Parameters\n\nNo params file could be compared.');
    expect(result.summary).toContain(
      '- `params.yaml`: not compared, it is not in a git checkout, so it cannot be read at the baseline.',
    );
    expect(result.stdout).toContain('::warning::The parameters in params.yaml are not compared');
  });

  it('escapes keys and values before they reach Markdown', async () => {
    const clone = cloneOf(repo.origin, 'feature', false);
    writeFileSync(
      join(clone, 'params.yaml'),
      `${HEAD_PARAMS}"<img src=x>|k": "**@org/team** [x](http://e.com)\\n::error::forged"\n`,
    );
    const result = await runCompare(standIn, clone, { ...inputs, baseline: 'auto', params: 'params.yaml' });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.summary).not.toContain('<img');
    // A `|` escaped for Markdown is escaped again for the table, which takes one backslash off (as in GFM).
    expect(result.summary).toContain('| **&lt;img src=x&gt;\\\\|k** | — |');
    expect(result.summary).toContain(
      '| \\*\\*@&#8203;org/<wbr>team\\*\\* \\[x\\](http:&#8203;/<wbr>/<wbr>e.<wbr>com) ::error::forged | ➕',
    );
  });
});
