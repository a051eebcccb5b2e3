// The client spaces its writes as GitHub asks integrations to (one a second), through @octokit/plugin-throttling;
// the unit tests of the comment and issue logic turn that off (`spaceWrites: false`), and only they may.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubClient } from '@modelgate/core/github/octokit';
import { startGitHubStandIn, type GitHubStandIn } from '../../standins/github/index.ts';

const TOKEN = 'ghs_octokitSpacingUnitTestToken0123456789';
let gh: GitHubStandIn;

beforeAll(async () => {
  gh = await startGitHubStandIn({ repository: 'acme/churn' });
});
afterAll(() => gh.close());

/** Milliseconds three edits of one comment take with a client built with `options`. */
async function threeEdits(options?: { spaceWrites: boolean }): Promise<number> {
  const client = githubClient(TOKEN, gh.url, options);
  const [comment] = gh.seedComments('acme', 'churn', 7, [{ body: 'seed' }]);
  const edit = (body: string) =>
    client.rest.issues.updateComment({ owner: 'acme', repo: 'churn', comment_id: Number(comment!.id), body });
  await edit('warm-up'); // the first write goes at once; the spacing is between writes
  const started = performance.now();
  for (const body of ['one', 'two', 'three']) await edit(body);
  expect(gh.violations).toEqual([]);
  return performance.now() - started;
}

describe('the GitHub client spaces its writes', () => {
  it('waits about a second between two writes by default (three edits take two gaps at least)', async () => {
    expect(await threeEdits()).toBeGreaterThanOrEqual(1_900);
  });

  it('sends them without waiting when spaceWrites is false (the stand-in tests)', async () => {
    expect(await threeEdits({ spaceWrites: false })).toBeLessThan(1_900);
  });
});
