import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubStandIn, type GitHubStandIn } from '../../standins/github/index.ts';
import { cloneOf, prRepository } from '../../helpers/git-repo.ts';
import { metricsDocument, OWNER, REPO, runCompare } from './harness.ts';

let standIn: GitHubStandIn;
beforeAll(async () => {
  standIn = await startGitHubStandIn({ repository: `${OWNER}/${REPO}` });
});
afterAll(async () => {
  expect(standIn.violations).toEqual([]);
  await standIn.close();
});

const inputs = {
  metrics: 'metrics/metrics.json',
  thresholds: 'accuracy: { max-regression: 0.01 }',
  history: '0',
  comment: 'false',
};
const repo = prRepository(metricsDocument({ accuracy: 0.9 }), metricsDocument({ accuracy: 0.8 }), {
  mainAhead: 4,
  featureAhead: 3,
});

describe('compare-to-baseline: baselines read with git', () => {
  it.each([false, true])('reads git:main from a clone of the PR branch (shallow: %s)', async (shallow) => {
    const clone = cloneOf(repo.origin, 'feature', shallow);
    const result = await runCompare(standIn, clone, { ...inputs, baseline: 'git:main' });
    expect(result.exitCode, result.stdout).toBe(1);
    expect(JSON.parse(result.outputs.regressions!)).toEqual([
      {
        metric: 'accuracy',
        baseline: 0.9,
        current: 0.8,
        change: -0.1,
        change_pct: -11.1111111111,
        rule: 'max-regression 0.01',
      },
    ]);
    expect(result.summary).toContain(`Baseline: main (git) \`${repo.mainTip.slice(0, 7)}\``);
  });

  it.each([false, true])(
    'auto reads the file at the merge base with the base branch (shallow: %s)',
    async (shallow) => {
      const clone = cloneOf(repo.origin, 'feature', shallow);
      const result = await runCompare(standIn, clone, { ...inputs, baseline: 'auto' });
      expect(result.exitCode, result.stdout).toBe(1);
      expect(result.summary).toContain(`Baseline: merge base with main \`${repo.fork.slice(0, 7)}\``);
      expect(result.summary).toContain('| **accuracy** | 0.9 | 0.8 |');
    },
  );

  it('auto on a push reads the previous commit from a depth-1 clone', async () => {
    const clone = cloneOf(repo.origin, 'feature', true);
    const result = await runCompare(
      standIn,
      clone,
      { ...inputs, baseline: 'auto' },
      {
        event: 'push',
        payload: { ref: 'refs/heads/feature', repository: { full_name: `${OWNER}/${REPO}`, default_branch: 'main' } },
      },
    );
    // The last feature commits did not touch the metrics: unchanged against the previous commit.
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.summary).toContain('Baseline: previous commit `');
    expect(result.summary).toContain('1 unchanged metric');
  });
});
