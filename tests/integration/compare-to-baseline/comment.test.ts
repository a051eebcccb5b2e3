import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { badGateway, secondaryRateLimit, startGitHubStandIn, type GitHubStandIn } from '../../standins/github/index.ts';
import { metricsDocument, OWNER, REPO, runCompare, TOKEN, visibleText, workspace } from './harness.ts';

let standIn: GitHubStandIn;
beforeEach(async () => {
  standIn = await startGitHubStandIn({ repository: `${OWNER}/${REPO}` });
});
afterEach(async () => {
  expect(standIn.violations).toEqual([]);
  await standIn.close();
});

const marker = '<!-- modelgate:compare-to-baseline:local/local -->';
const comments = () => standIn.comments(OWNER, REPO, 7);

describe('compare-to-baseline: the sticky PR comment', () => {
  it('keeps one comment across three runs of the same PR and edits it in place', async () => {
    const dir = workspace({ 'base.json': metricsDocument({ accuracy: 0.9 }) });
    const urls: string[] = [];
    for (const accuracy of [0.91, 0.92, 0.93]) {
      const cur = workspace({ 'metrics.json': metricsDocument({ accuracy }) });
      const result = await runCompare(standIn, cur, {
        metrics: 'metrics.json',
        baseline: `${dir}/base.json`,
        history: '0',
      });
      expect(result.exitCode, result.stderr + result.stdout).toBe(0);
      urls.push(result.outputs['comment-url']!);
    }
    const all = comments();
    expect(all).toHaveLength(1);
    expect(all[0]!.body.startsWith(marker)).toBe(true);
    expect(all[0]!.body).toContain('| **accuracy** | 0.9 | 0.93 |');
    expect(new Set(urls).size).toBe(1);
    expect(standIn.requests.filter((r) => r.method === 'PATCH')).toHaveLength(2);
  });

  it('finds its comment on the third page of 250 comments and updates it instead of adding one', async () => {
    const seeds = Array.from({ length: 250 }, (_, i) => (i === 230 ? `${marker}\nold report` : `comment ${i}`));
    const seeded = standIn.seedComments(OWNER, REPO, 7, seeds);
    const cur = workspace({ 'metrics.json': metricsDocument({ accuracy: 0.9 }) });
    const result = await runCompare(standIn, cur, { metrics: 'metrics.json', baseline: 'auto', history: '0' });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(comments()).toHaveLength(250);
    const updated = comments().find((c) => c.id === seeded[230]!.id)!;
    expect(updated.body).toContain('No baseline yet');
    expect(standIn.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/issues/7/comments'))).toHaveLength(3);
  });

  it('keeps two comments for two comment keys', async () => {
    const cur = workspace({ 'metrics.json': metricsDocument({ accuracy: 0.9 }) });
    for (const key of ['model-a', 'model-b', 'model-a']) {
      const result = await runCompare(standIn, cur, {
        metrics: 'metrics.json',
        'comment-key': key,
        history: '0',
        baseline: 'auto',
      });
      expect(result.exitCode).toBe(0);
    }
    const bodies = comments().map((c) => c.body.split('\n')[0]);
    expect(bodies).toEqual([
      '<!-- modelgate:compare-to-baseline:model-a -->',
      '<!-- modelgate:compare-to-baseline:model-b -->',
    ]);
  });

  it('retries a transient 502 and a secondary rate limit', async () => {
    const bad = standIn.fail('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', badGateway(1));
    const limited = standIn.fail('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', secondaryRateLimit(1, 1));
    const cur = workspace({ 'metrics.json': metricsDocument({ accuracy: 0.9 }) });
    const result = await runCompare(standIn, cur, { metrics: 'metrics.json', history: '0', baseline: 'auto' });
    expect(result.exitCode, result.stderr + result.stdout).toBe(0);
    expect([bad.hits, limited.hits]).toEqual([1, 1]);
    expect(comments()).toHaveLength(1);
    expect(result.stdout).toContain('secondary rate limit');
  });

  it('renders a hostile metric name and a team mention inert, and never shows the token', async () => {
    const base = workspace({ 'base.json': metricsDocument({ accuracy: 0.9 }) });
    const cur = workspace({
      'metrics.json': metricsDocument({ accuracy: 0.9, '<img src=x onerror=alert(1)>': 1, '@acme/everyone': 2 }),
    });
    const result = await runCompare(standIn, cur, {
      metrics: 'metrics.json',
      baseline: `${base}/base.json`,
      history: '0',
    });
    expect(result.exitCode).toBe(0);
    const body = comments()[0]!.body;
    expect(body).not.toContain('<img');
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(body).not.toMatch(/@acme\/everyone/);
    expect(body).toContain('@&#8203;acme/everyone');
    expect(visibleText(result)).not.toContain(TOKEN);
    for (const request of standIn.requests) {
      expect(request.body).not.toContain(TOKEN);
      expect(JSON.stringify(request.query)).not.toContain(TOKEN);
      if (request.service === 'api') expect(request.headers.authorization).toBe(`token ${TOKEN}`);
    }
  });

  it('cuts a 70,000-character report at a row boundary under 65,536 and points at the job summary', async () => {
    const names = Array.from(
      { length: 500 },
      (_, i) => `feature_importance_of_customer_table_column_number_${i}_with_a_long_suffix`,
    );
    const base = workspace({
      'base.json': metricsDocument(Object.fromEntries(names.map((n, i) => [n, 0.5 + i / 1e4]))),
    });
    const cur = workspace({
      'metrics.json': metricsDocument(Object.fromEntries(names.map((n, i) => [n, 0.6 + i / 1e4]))),
    });
    const result = await runCompare(standIn, cur, {
      metrics: 'metrics.json',
      baseline: `${base}/base.json`,
      history: '0',
    });
    expect(result.exitCode).toBe(0);
    expect(result.summary.length).toBeGreaterThan(70_000);
    // The full table, every row (the long names may wrap: <wbr> after each separator).
    expect(result.summary.replaceAll('<wbr>', '')).toContain('column\\_number\\_499\\_with\\_a\\_long\\_suffix');
    const body = comments()[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('the full report is in the job summary');
    const rows = body.split('\n').filter((l) => l.startsWith('| **'));
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.length).toBeLessThan(500);
    for (const row of rows) expect(row).toMatch(/^\| .* \|$/);
    const lastRow = body.split('\n').lastIndexOf(rows.at(-1)!);
    expect(body.split('\n')[lastRow + 1]).toBe('');
  });
});
