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
    expect(issueMarker('evaluate-model', 'nightly')).toBe('<!-- modelgate:issue:evaluate-model:nightly -->');
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
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const done = await upsertIssue(client, o, 'report');
    expect(done.action).toBe('created');
    expect(written.join('')).toContain(
      "1 open issue(s) labelled modelgate quote the monitoring issue's marker but were not written by this token; they are left alone.",
    );
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

  it('a later failing run edits our newest open issue in place: the title a person changed and the labels stay', async () => {
    const first = await upsertIssue(client, { ...o, labels: ['modelgate', 'drift'], title: 'Drift in nightly' }, 'one');
    expect(first).toEqual({ action: 'created', urls: [`https://github.com/acme/${o.repo}/issues/1`] });
    expect(gh.issues('acme', o.repo)[0]).toMatchObject({
      title: 'Drift in nightly',
      labels: ['modelgate', 'drift'],
      body: `${o.marker}\none`,
    });
    // a later one of ours, its marker line ended by spaces and CRLF (edited in a browser): still ours, and the newest
    gh.seedIssue('acme', o.repo, { labels: ['modelgate'], user: 'github-actions[bot]', body: `${o.marker}  \r\nold` });
    const second = await upsertIssue(client, { ...o, title: 'another title' }, 'two');
    expect(second).toEqual({ action: 'updated', urls: [`https://github.com/acme/${o.repo}/issues/2`] });
    expect(gh.issues('acme', o.repo).map((i) => [i.number, i.title, i.body])).toEqual([
      [1, 'Drift in nightly', `${o.marker}\none`],
      [2, 'An issue', `${o.marker}\ntwo`],
    ]);
  });

  it('closing comments on each issue of ours with the resolution, closes it as completed and returns the URLs', async () => {
    gh.seedIssue('acme', o.repo, { labels: ['modelgate'], user: 'github-actions[bot]', body: `${o.marker}\na` });
    gh.seedIssue('acme', o.repo, { labels: ['modelgate'], user: 'octocat', body: `${o.marker}\nsomeone's` });
    gh.seedIssue('acme', o.repo, { labels: ['modelgate'], user: 'github-actions[bot]', body: `${o.marker}\nb` });
    const done = await closeIssue(client, o, 'Fixed by run 42.');
    expect(done).toEqual({
      action: 'closed',
      urls: [`https://github.com/acme/${o.repo}/issues/1`, `https://github.com/acme/${o.repo}/issues/3`],
    });
    expect(gh.issues('acme', o.repo).map((i) => [i.number, i.state, i.state_reason])).toEqual([
      [1, 'closed', 'completed'],
      [2, 'open', null],
      [3, 'closed', 'completed'],
    ]);
    expect(gh.comments('acme', o.repo, 1).map((c) => c.body)).toEqual(['Fixed by run 42.']);
    expect(gh.comments('acme', o.repo, 2)).toEqual([]);
  });
});
