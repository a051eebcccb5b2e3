import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getContext, runnerServices, runnerTemp, runOwner } from '@modelgate/core/runner/environment';

function payload(event: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'modelgate-event-')), 'event.json');
  writeFileSync(path, JSON.stringify(event));
  return path;
}

describe('the runner environment', () => {
  it('reads the repository facts image labels need from the event payload, once', () => {
    const context = getContext({
      GITHUB_REPOSITORY: 'acme/churn',
      GITHUB_SERVER_URL: 'https://ghes.example.com',
      GITHUB_EVENT_PATH: payload({
        repository: {
          default_branch: 'trunk',
          html_url: 'https://ghes.example.com/acme/churn',
          description: 'Churn model',
          license: { spdx_id: 'Apache-2.0' },
        },
      }),
    });
    expect(context).toMatchObject({
      repositoryUrl: 'https://ghes.example.com/acme/churn',
      defaultBranch: 'trunk',
      description: 'Churn model',
      license: 'Apache-2.0',
    });
  });

  it('builds the repository URL from the server when the payload has none, and drops NOASSERTION', () => {
    const context = getContext({
      GITHUB_REPOSITORY: 'acme/churn',
      GITHUB_SERVER_URL: 'https://github.com/',
      GITHUB_EVENT_PATH: payload({ repository: { license: { spdx_id: 'NOASSERTION' } } }),
    });
    expect(context.repositoryUrl).toBe('https://github.com/acme/churn');
    expect(context.license).toBeUndefined();
  });

  it('has one temp dir fallback: RUNNER_TEMP, else the system temp dir', () => {
    expect(runnerTemp({ RUNNER_TEMP: '/runner/_temp' })).toBe('/runner/_temp');
    expect(runnerTemp({ RUNNER_TEMP: '' })).toBe(tmpdir());
    expect(runnerTemp({})).toBe(tmpdir());
  });

  it('names the run attempt that holds a lock, or a local process', () => {
    expect(runOwner({ GITHUB_REPOSITORY: 'acme/churn', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '2' })).toBe(
      'acme/churn/actions/runs/42/attempts/2',
    );
    expect(runOwner({})).toMatch(new RegExp(`^local-${process.pid}-\\d+$`));
  });

  it("knows the runner's cache and artifact services from their variables", () => {
    expect(runnerServices({})).toEqual({ cache: false, artifacts: false });
    expect(runnerServices({ ACTIONS_RUNTIME_TOKEN: 't' })).toEqual({ cache: true, artifacts: false });
    expect(runnerServices({ ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'https://results' })).toEqual({
      cache: true,
      artifacts: true,
    });
  });
});
