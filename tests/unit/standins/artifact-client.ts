// Runs the real @actions/artifact client in its own process, the way a bundle would, so the environment
// (GITHUB_API_URL is read once when @actions/github loads) comes from the stand-in's env() alone.
// Usage: node artifact-client.ts upload <result.json> <name> <rootDir> <file>...
//        node artifact-client.ts download <result.json> <artifactId> <owner> <repo> <token> <dir>
//        node artifact-client.ts get <result.json> <name> <runId> <owner> <repo> <token>
import { writeFileSync } from 'node:fs';
import { DefaultArtifactClient } from '@actions/artifact';

const [mode, resultFile = '', ...args] = process.argv.slice(2);
const client = new DefaultArtifactClient();
let result: unknown;
if (mode === 'upload') {
  const [name = '', rootDir = '', ...files] = args;
  result = await client.uploadArtifact(name, files, rootDir);
} else if (mode === 'download') {
  const [id = '', owner = '', repo = '', token = '', dir = ''] = args;
  result = await client.downloadArtifact(Number(id), {
    path: dir,
    findBy: { token, workflowRunId: 1, repositoryOwner: owner, repositoryName: repo },
  });
} else if (mode === 'get') {
  const [name = '', runId = '', owner = '', repo = '', token = ''] = args;
  result = await client.getArtifact(name, {
    findBy: { token, workflowRunId: Number(runId), repositoryOwner: owner, repositoryName: repo },
  });
} else {
  throw new Error(`unknown mode ${String(mode)}`);
}
writeFileSync(resultFile, JSON.stringify(result));
