// actions/download-artifact, for the form the fork-PR companion uses: artifacts of a run (`run-id`, else the
// current run) read through the REST API with `github-token`, unzipped into `path`. The artifacts may come from a
// fork's run, so entry names are confined to `path`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { readZipEntries } from '@modelgate/core/github/zip';

export interface DownloadRequest {
  api: string;
  repository: string;
  token: string;
  runId: string;
  inputs: Record<string, string>;
  cwd: string;
}

/** `*` and `?` of a download-artifact `pattern` (or an exact `name`) as a regular expression. */
function namePattern(inputs: Record<string, string>): RegExp {
  const glob = inputs.name || inputs.pattern || '*';
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

async function api(r: DownloadRequest, path: string): Promise<Response> {
  const response = await fetch(`${r.api.replace(/\/$/, '')}${path}`, {
    headers: {
      authorization: `Bearer ${r.token}`,
      accept: 'application/vnd.github+json',
      'user-agent': 'modelgate-run-workflow',
      'x-github-api-version': '2022-11-28',
    },
  });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return response;
}

/** Downloads the matching artifacts; returns the files written (relative to the working directory). */
export async function downloadArtifacts(r: DownloadRequest): Promise<string[]> {
  const wanted = namePattern(r.inputs);
  const { artifacts } = (await (
    await api(r, `/repos/${r.repository}/actions/runs/${r.runId}/artifacts?per_page=100`)
  ).json()) as { artifacts: Array<{ id: number; name: string; expired: boolean }> };
  const matching = artifacts.filter((a) => !a.expired && wanted.test(a.name));
  if (r.inputs.name && matching.length === 0) throw new Error(`run ${r.runId} has no artifact named ${r.inputs.name}`);
  const target = resolve(r.cwd, r.inputs.path || '.');
  const single = Boolean(r.inputs.name);
  const merge = r.inputs['merge-multiple'] === 'true';
  const written: string[] = [];
  for (const artifact of matching) {
    const zip = new Uint8Array(
      await (await api(r, `/repos/${r.repository}/actions/artifacts/${artifact.id}/zip`)).arrayBuffer(),
    );
    const folder = single || merge ? target : join(target, artifact.name);
    for (const [name, bytes] of readZipEntries(zip)) {
      const file = resolve(folder, name);
      if (!file.startsWith(folder + sep))
        throw new Error(`artifact ${artifact.name}: entry ${JSON.stringify(name)} leaves ${folder}`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
      written.push(relative(r.cwd, file));
    }
  }
  return written.sort();
}
