import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backendIdsOf, readZipText, startGitHubStandIn, type GitHubStandIn } from '../../standins/github/index.ts';

const run = promisify(execFile);
const TOKEN = 'ghs_artifacttesttoken00000000000000000';
const headers = { 'user-agent': 'modelgate-tests', authorization: `token ${TOKEN}` };
const SCRIPT = join(import.meta.dirname, 'artifact-client.ts');
let gh: GitHubStandIn;
let dir: string;

beforeEach(async () => {
  gh = await startGitHubStandIn({ repository: 'acme/churn', runId: 777 });
  dir = await mkdtemp(join(tmpdir(), 'standin-artifacts-'));
});
afterEach(async () => {
  await gh.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the real @actions/artifact client in a child Node with only the stand-in's environment. */
async function client(args: string[]): Promise<unknown> {
  const result = join(dir, 'result.json');
  const env = { PATH: process.env.PATH ?? '', HOME: dir, RUNNER_TEMP: dir, GITHUB_WORKSPACE: dir, ...gh.env() };
  await run(process.execPath, [SCRIPT, args[0] ?? '', result, ...args.slice(1)], {
    env,
    cwd: join(import.meta.dirname, '..', '..', '..'),
  });
  return JSON.parse(await readFile(result, 'utf8')) as unknown;
}

describe('Actions artifact service', () => {
  it('builds a runtime token whose scp claim carries the run and job backend ids', () => {
    const ids = backendIdsOf(gh.runtimeToken());
    expect(ids?.workflowRunBackendId).toMatch(/^[0-9a-f-]{36}$/);
    expect(gh.env().ACTIONS_RUNTIME_TOKEN).toBe(gh.runtimeToken());
  });

  it('accepts an upload from DefaultArtifactClient and lets the test read the files back', async () => {
    const root = join(dir, 'report');
    await mkdir(join(root, 'nested'), { recursive: true });
    await writeFile(join(root, 'report.md'), '# modelgate\n| metric | value |\n');
    await writeFile(join(root, 'nested', 'pr.json'), '{"pr":12}');
    const uploaded = (await client([
      'upload',
      'modelgate-report',
      root,
      join(root, 'report.md'),
      join(root, 'nested', 'pr.json'),
    ])) as { id: number; size: number };

    const artifacts = gh.artifacts();
    expect(Object.keys(artifacts)).toEqual(['modelgate-report']);
    expect(artifacts['modelgate-report']).toEqual({
      id: uploaded.id,
      files: { 'report.md': '# modelgate\n| metric | value |\n', 'nested/pr.json': '{"pr":12}' },
    });
    const calls = gh.requests
      .filter((r) => r.service === 'actions')
      .map((r) => `${r.method} ${r.path.startsWith('/twirp/') ? r.path.split('/').pop() : `blob?${r.query.comp}`}`);
    expect(calls).toEqual(['POST CreateArtifact', 'PUT blob?block', 'PUT blob?blocklist', 'POST FinalizeArtifact']);

    // The upload is visible through the REST API on the current run, like on GitHub.
    const res = await fetch(`${gh.url}/repos/acme/churn/actions/runs/777/artifacts`, {
      headers: { 'user-agent': 't' },
    });
    expect(((await res.json()) as { artifacts: Array<{ id: number; name: string }> }).artifacts).toMatchObject([
      { id: uploaded.id, name: 'modelgate-report' },
    ]);
  });

  it('refuses a second artifact of the same name on the run, as the results service does', async () => {
    await writeFile(join(dir, 'a.txt'), 'a');
    await client(['upload', 'dup', dir, join(dir, 'a.txt')]);
    await expect(client(['upload', 'dup', dir, join(dir, 'a.txt')])).rejects.toThrow(/already exists/);
  });

  it('lets @actions/artifact find and download a seeded artifact of another run through the REST API', async () => {
    const earlier = gh.seedWorkflowRun('acme', 'churn', { head_branch: 'main' });
    const seeded = gh.seedArtifact('acme', 'churn', {
      runId: earlier.id,
      name: 'modelgate-metrics',
      files: { 'metrics.json': '{"f1":0.8}' },
    });
    const found = (await client(['get', 'modelgate-metrics', String(earlier.id), 'acme', 'churn', TOKEN])) as {
      artifact: { id: number };
    };
    expect(found.artifact.id).toBe(seeded.id);

    const out = join(dir, 'out');
    await client(['download', String(seeded.id), 'acme', 'churn', TOKEN, out]);
    expect(await readFile(join(out, 'metrics.json'), 'utf8')).toBe('{"f1":0.8}');
    const blob = gh.requests.filter((r) => r.service === 'actions');
    expect(blob.length).toBe(1);
    expect(JSON.stringify(blob)).not.toContain(TOKEN);
    expect(gh.violations).toEqual([]);
  });
});

describe('actions runs and artifacts', () => {
  it('filters workflow runs and downloads an artifact through the 302 to another origin, without the token', async () => {
    const good = gh.seedWorkflowRun('acme', 'churn', {
      workflow: 'ci.yml',
      head_branch: 'main',
      conclusion: 'success',
    });
    gh.seedWorkflowRun('acme', 'churn', { workflow: 'ci.yml', head_branch: 'main', conclusion: 'failure' });
    gh.seedWorkflowRun('acme', 'churn', { workflow: 'ci.yml', head_branch: 'feature', conclusion: 'success' });
    gh.seedWorkflowRun('acme', 'churn', { workflow: 'release.yml', head_branch: 'main', conclusion: 'success' });
    const stored = gh.seedArtifact('acme', 'churn', {
      runId: good.id,
      name: 'modelgate-metrics',
      files: { 'metrics.json': '{"accuracy":0.9}' },
    });

    const octokit = getOctokit(TOKEN, { baseUrl: gh.url });
    const runs = await octokit.rest.actions.listWorkflowRuns({
      owner: 'acme',
      repo: 'churn',
      workflow_id: 'ci.yml',
      branch: 'main',
      status: 'success',
    });
    expect(runs.data.workflow_runs.map((r) => r.id)).toEqual([good.id]);
    expect(
      (await octokit.rest.actions.listWorkflowRunsForRepo({ owner: 'acme', repo: 'churn', branch: 'main' })).data
        .total_count,
    ).toBe(3);

    const listed = await octokit.rest.actions.listArtifactsForRepo({
      owner: 'acme',
      repo: 'churn',
      name: 'modelgate-metrics',
    });
    expect(listed.data.artifacts.map((a) => [a.id, a.workflow_run?.id])).toEqual([[stored.id, good.id]]);

    const redirect = await fetch(`${gh.url}/repos/acme/churn/actions/artifacts/${stored.id}/zip`, {
      headers,
      redirect: 'manual',
    });
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location') ?? '';
    expect(location.startsWith(gh.actionsUrl)).toBe(true);

    const download = await octokit.rest.actions.downloadArtifact({
      owner: 'acme',
      repo: 'churn',
      artifact_id: stored.id,
      archive_format: 'zip',
    });
    expect(readZipText(new Uint8Array(download.data as ArrayBuffer))).toEqual({ 'metrics.json': '{"accuracy":0.9}' });
    const blobGets = gh.requests.filter((r) => r.service === 'actions');
    expect(blobGets.length).toBeGreaterThan(0);
    expect(blobGets.some((r) => r.headers.authorization !== undefined)).toBe(false);
    expect(gh.violations).toEqual([]);
  });
});
