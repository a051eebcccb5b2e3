// The monitoring issue over the sticky mechanism, against the GitHub stand-in with a real Octokit: which issue is
// ours, and what happens when GitHub's answer to the creation is lost.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeIssue, issueMarker, upsertIssue, type IssueOptions } from '@modelgate/core/github/issue';
import { githubClient, type GitHubClient } from '@modelgate/core/github/octokit';
import { lostResponse, startGitHubStandIn, type GitHubStandIn } from '../../standins/github/index.ts';

const TOKEN = 'ghs_issueUnitTestToken0123456789abcdef';
let gh: GitHubStandIn;
let client: GitHubClient;
let repo = 0;
let o: IssueOptions;

beforeAll(async () => {
  gh = await startGitHubStandIn({ repository: 'acme/churn' });
});
afterAll(() => gh.close());
beforeEach(() => {
  repo++;
  client = githubClient(TOKEN, gh.url, { spaceWrites: false });
  o = {
    owner: 'acme',
    repo: `r${repo}`,
    marker: issueMarker('evaluate-model', 'nightly'),
    labels: ['modelgate'],
    title: 't',
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(gh.violations).toEqual([]);
});

describe('the monitoring issue', () => {
  it('escapes the key in the marker so it cannot end the HTML comment', () => {
    expect(issueMarker('validate-data', 'a --> b')).not.toContain('a -->');
  });

  it('is ours only with the marker as first line, our author, the labels and open; pull requests are skipped', async () => {
    const marker = o.marker;
    gh.seedIssue('acme', o.repo, { labels: ['modelgate'], user: 'github-actions[bot]', body: `quoting\n${marker}` });
    gh.seedIssue('acme', o.repo, { labels: ['other'], user: 'github-actions[bot]', body: `${marker}\nunlabelled` });
    gh.seedIssue('acme', o.repo, {
      labels: ['modelgate'],
      user: 'github-actions[bot]',
      body: `${marker}\nPR`,
      pull: true,
    });
    gh.seedIssue('acme', o.repo, { labels: ['modelgate'], user: 'octocat', body: `${marker}\nperson` });
    const done = await upsertIssue(client, o, 'report');
    expect(done.action).toBe('created');
    expect(gh.issues('acme', o.repo).map((i) => i.body)).toEqual([
      `quoting\n${marker}`,
      `${marker}\nunlabelled`,
      `${marker}\nPR`,
      `${marker}\nperson`,
      `${marker}\nreport`,
    ]);
    expect((await closeIssue(client, o, 'fixed')).action).toBe('closed');
    expect(
      gh
        .issues('acme', o.repo)
        .filter((i) => i.state === 'closed')
        .map((i) => i.number),
    ).toEqual([5]);
  });

  it('a lost answer to the creation (502 after GitHub created it): finds the issue and does not open a second', async () => {
    const fault = gh.fail('POST /repos/{owner}/{repo}/issues', lostResponse());
    const done = await upsertIssue(client, o, 'report');
    expect(fault.hits).toBe(1);
    expect(gh.issues('acme', o.repo)).toHaveLength(1);
    expect(done.urls).toEqual([`https://github.com/acme/${o.repo}/issues/1`]);
  });

  it('closing when nothing is open does nothing', async () => {
    expect(await closeIssue(client, o, 'fixed')).toEqual({ action: 'none', urls: [] });
    expect(gh.requests.filter((r) => r.method !== 'GET' && r.path.includes(`/${o.repo}/`))).toEqual([]);
  });
});
