// The foundation's PR-comment guarantees, exercised over HTTP against the GitHub stand-in.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubContext } from '@modelgate/core/runner/environment';
import { Markdown } from '@modelgate/core/report/markdown';
import { publishReport } from '@modelgate/core/publish/publish-report';
import { badGateway, secondaryRateLimit, startGitHubStandIn, type GitHubStandIn } from '../../standins/github/index.ts';

const TOKEN = 'ghs_s3cr3tT0kenThatMustNeverLeak0123456789';
let gh: GitHubStandIn;
let savedEnv: NodeJS.ProcessEnv;

function context(overrides: Partial<GitHubContext['pullRequest']> = {}): GitHubContext {
  return {
    eventName: 'pull_request',
    repository: 'acme/churn',
    owner: 'acme',
    repo: 'churn',
    sha: 'a'.repeat(40),
    ref: 'refs/pull/7/merge',
    apiUrl: gh.url,
    serverUrl: 'https://github.com',
    repositoryUrl: 'https://github.com/acme/churn',
    workflow: 'model-check',
    job: 'gate',
    pullRequest: {
      number: 7,
      baseSha: 'b'.repeat(40),
      baseRef: 'main',
      headSha: 'c'.repeat(40),
      headRef: 'feature',
      fromFork: false,
      ...overrides,
    },
  };
}

const report = (text: string) => new Markdown().heading(2, 'Model report').paragraph(text);

beforeAll(async () => {
  gh = await startGitHubStandIn({ repository: 'acme/churn' });
});
afterAll(() => gh.close());
beforeEach(() => {
  savedEnv = { ...process.env };
  const dir = mkdtempSync(join(tmpdir(), 'publish-'));
  process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary.md');
  process.env.RUNNER_TEMP = dir;
  writeFileSync(process.env.GITHUB_STEP_SUMMARY, '');
  delete process.env.MODELGATE_LOCAL_COMMENT_DIR;
  delete process.env.ACTIONS_RUNTIME_TOKEN;
  delete process.env.ACTIONS_RESULTS_URL;
});
afterEach(() => {
  process.env = savedEnv;
  expect(gh.violations).toEqual([]);
});

describe('the sticky PR comment', () => {
  it('finds the report on the third page of 250 comments and updates it instead of posting another', async () => {
    const bodies = Array.from({ length: 250 }, (_, i) => `chatter ${i}`);
    bodies[230] = {
      body: '<!-- modelgate:compare-to-baseline:model-check/gate -->\nold report',
      user: 'github-actions[bot]',
    } as never;
    gh.seedComments('acme', 'churn', 7, bodies);
    const result = await publishReport({
      action: 'compare-to-baseline',
      markdown: report('fresh numbers'),
      comment: true,
      token: TOKEN,
      context: context(),
    });
    const comments = gh.comments('acme', 'churn', 7);
    expect(comments).toHaveLength(250);
    expect(comments[230]!.body).toContain('fresh numbers');
    expect(comments.filter((c) => c.body.includes('modelgate:compare-to-baseline'))).toHaveLength(1);
    expect(result.commentUrl).toMatch(/#issuecomment-\d+$/);
    const pages = gh.requests
      .filter((r) => r.method === 'GET' && r.path.endsWith('/issues/7/comments'))
      .map((r) => r.query.page ?? '1');
    expect(pages).toEqual(expect.arrayContaining(['1', '2', '3']));
  });

  it('keeps one comment per comment key', async () => {
    const ctx = context({ number: 8 });
    await publishReport({
      action: 'validate-data',
      markdown: report('batch A'),
      comment: true,
      commentKey: 'batch-a',
      token: TOKEN,
      context: ctx,
    });
    await publishReport({
      action: 'validate-data',
      markdown: report('batch B'),
      comment: true,
      commentKey: 'batch-b',
      token: TOKEN,
      context: ctx,
    });
    await publishReport({
      action: 'validate-data',
      markdown: report('batch A again'),
      comment: true,
      commentKey: 'batch-a',
      token: TOKEN,
      context: ctx,
    });
    const bodies = gh.comments('acme', 'churn', 8).map((c) => c.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toContain('batch A again');
    expect(bodies[1]).toContain('batch B');
  });

  it('recreates the comment when asked, so it moves to the bottom', async () => {
    const ctx = context({ number: 9 });
    await publishReport({
      action: 'evaluate-model',
      markdown: report('first'),
      comment: true,
      token: TOKEN,
      context: ctx,
    });
    gh.seedComments('acme', 'churn', 9, ['a human reply']);
    await publishReport({
      action: 'evaluate-model',
      markdown: report('second'),
      comment: true,
      commentMode: 'recreate',
      token: TOKEN,
      context: ctx,
    });
    const bodies = gh.comments('acme', 'churn', 9).map((c) => c.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toContain('second');
  });

  it('retries a transient 502 and a secondary rate limit', async () => {
    const ctx = context({ number: 10 });
    const listFault = gh.fail('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', badGateway(1));
    const createFault = gh.fail('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', secondaryRateLimit(1, 1));
    await publishReport({
      action: 'evaluate-model',
      markdown: report('after faults'),
      comment: true,
      token: TOKEN,
      context: ctx,
    });
    expect(listFault.hits).toBe(1);
    expect(createFault.hits).toBe(1);
    expect(gh.comments('acme', 'churn', 10).map((c) => c.body)).toEqual([expect.stringContaining('after faults')]);
  });

  it('cuts a 70,000-character report at a row boundary and says the rest is in the job summary', async () => {
    const md = new Markdown().heading(2, 'Big report').table(
      ['metric', 'value'],
      Array.from({ length: 2500 }, (_, i) => [`metric_${i}`, 'v'.repeat(16)]),
    );
    expect(md.toString().length).toBeGreaterThan(70_000);
    await publishReport({
      action: 'compare-to-baseline',
      markdown: md,
      comment: true,
      token: TOKEN,
      context: context({ number: 11 }),
    });
    const body = gh.comments('acme', 'churn', 11)[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('the full report is in the job summary');
    const rows = body.split('\n').filter((l) => l.startsWith('| metric'));
    expect(rows.at(-1)).toMatch(/^\| metric\\_\d+ \| v{16} \|$/);
    expect(readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8')).toContain('metric\\_2499');
  });

  it('renders a hostile column name and a team mention inert', async () => {
    const md = new Markdown().table(['column', 'note'], [['<img src=x onerror=alert(1)>', '@acme/everyone']]);
    await publishReport({
      action: 'validate-data',
      markdown: md,
      comment: true,
      token: TOKEN,
      context: context({ number: 12 }),
    });
    const body = gh.comments('acme', 'churn', 12)[0]!.body;
    expect(body).not.toContain('<img');
    expect(body).not.toMatch(/@acme/);
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('never sends the token anywhere but the Authorization header', () => {
    expect(gh.requests.length).toBeGreaterThan(10);
    for (const r of gh.requests) {
      expect(r.body ?? '').not.toContain(TOKEN);
      expect(r.path + JSON.stringify(r.query ?? {})).not.toContain(TOKEN);
    }
    expect(gh.requests.some((r) => String(r.headers.authorization ?? '').includes(TOKEN))).toBe(true);
  });
});

describe('a fork PR', () => {
  it('saves the report and PR number as an artifact instead of commenting, and does not fail', async () => {
    Object.assign(process.env, gh.env());
    const result = await publishReport({
      action: 'compare-to-baseline',
      markdown: report('from a fork'),
      comment: true,
      token: TOKEN,
      context: context({ number: 13, fromFork: true }),
    });
    expect(gh.comments('acme', 'churn', 13)).toEqual([]);
    expect(result.artifact).toBeDefined();
    const saved = Object.values(gh.artifacts()).find((a) => a.files['report.md']?.includes('from a fork'));
    expect(saved).toBeDefined();
    expect(JSON.parse(saved!.files['pull-request.json']!)).toMatchObject({ number: 13, action: 'compare-to-baseline' });
    expect(readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8')).toContain('from a fork');
  });

  it('falls back to the artifact when the token turns out to be read-only (HTTP 403)', async () => {
    Object.assign(process.env, gh.env());
    gh.setReadOnly(true);
    try {
      const result = await publishReport({
        action: 'evaluate-model',
        markdown: report('read-only'),
        comment: true,
        token: TOKEN,
        context: context({ number: 14 }),
      });
      expect(result.artifact).toBeDefined();
      expect(gh.comments('acme', 'churn', 14)).toEqual([]);
    } finally {
      gh.setReadOnly(false);
    }
  });
});
