import * as log from '../log.ts';
import { inert } from '../log.ts';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runnerServices, runnerTemp } from '../runner/environment.ts';

/**
 * Saves files as a workflow artifact. On GitHub (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL set) they are
 * uploaded with @actions/artifact; elsewhere (the local runner) they are written under RUNNER_TEMP and the
 * path is returned, so the run still leaves the report behind.
 */
export async function saveArtifact(
  name: string,
  files: Record<string, string>,
): Promise<{ name: string; location: string }> {
  const root = await mkdtemp(join(runnerTemp(), 'modelgate-artifact-'));
  const paths: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const path = join(root, file);
    await writeFile(path, text);
    paths.push(path);
  }
  if (runnerServices().artifacts) {
    // Loaded only when needed: the artifact client (Azure SDK) is most of a bundle, and most runs never upload.
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const client = new DefaultArtifactClient();
    const { id } = await client.uploadArtifact(name, paths, root, { retentionDays: 7 });
    log.info(`Uploaded artifact '${inert(name)}' (id ${id ?? '?'}).`);
    return { name, location: `artifact ${id ?? name}` };
  }
  const dir = join(runnerTemp(), 'modelgate-artifacts', name);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  log.info(`No artifact service here (not on GitHub); saved '${inert(name)}' to ${inert(dir)}.`);
  return { name, location: dir };
}
