import { createHash } from 'node:crypto';
import type { BlobStore } from './blob.ts';
import type { Reply } from './http.ts';
import { backendIdsOf, type BackendIds } from './jwt.ts';
import type { GitHubState, StoredArtifact } from './state.ts';

// The Actions results service as @actions/artifact v2+ calls it: Twirp over JSON at
// `POST /twirp/github.actions.results.api.v1.ArtifactService/<Method>`, authenticated with the runtime token.
// Field names are the proto names (useProtoFieldName), int64 values travel as strings, errors are Twirp's
// `{"code": …, "msg": …}` with the matching HTTP status.

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';

/** The run and repository that uploads through the results service belong to. */
export interface CurrentRun {
  owner: string;
  repo: string;
  runId: number;
  ids: BackendIds;
}

function twirpError(status: number, code: string, msg: string): Reply {
  return { status, body: { code, msg } };
}

/** Answers Twirp requests of the ArtifactService; undefined when the path is not one. */
export function handleResults(
  state: GitHubState,
  blobs: BlobStore,
  run: CurrentRun,
  path: string,
  authorization: string | undefined,
  json: Record<string, unknown>,
): Reply | undefined {
  if (!path.startsWith(SERVICE)) return undefined;
  const method = path.slice(SERVICE.length);
  const token = authorization?.replace(/^Bearer\s+/i, '');
  const ids = token ? backendIdsOf(token) : undefined;
  if (!ids) return twirpError(401, 'unauthenticated', 'the runtime token is missing or has no Actions.Results scope');
  if (
    json.workflow_run_backend_id !== ids.workflowRunBackendId ||
    json.workflow_job_run_backend_id !== ids.workflowJobRunBackendId
  ) {
    return twirpError(403, 'permission_denied', 'the backend ids of the request do not match the runtime token');
  }
  if (ids.workflowRunBackendId !== run.ids.workflowRunBackendId)
    return twirpError(404, 'not_found', 'unknown workflow run');
  const name = typeof json.name === 'string' ? json.name : '';
  const blobPath = `/artifacts/results/${ids.workflowRunBackendId}/${encodeURIComponent(name)}.zip`;
  const ofRun = () =>
    state.artifacts.filter((a) => a.runId === run.runId && a.owner === run.owner && a.repo === run.repo);

  switch (method) {
    case 'CreateArtifact': {
      if (!name) return twirpError(400, 'invalid_argument', 'name is required');
      if (ofRun().some((a) => a.name === name)) {
        return twirpError(409, 'already_exists', 'an artifact with this name already exists on the workflow run');
      }
      if (json.version !== 7)
        return twirpError(400, 'invalid_argument', `unsupported artifact version ${String(json.version)}`);
      return { status: 200, body: { ok: true, signed_upload_url: blobs.uploadUrl(blobPath) } };
    }
    case 'FinalizeArtifact': {
      const zip = blobs.uploaded(blobPath);
      if (!zip) return twirpError(404, 'not_found', `no upload for artifact ${name}`);
      if (String(json.size) !== String(zip.length)) {
        return twirpError(
          400,
          'invalid_argument',
          `size ${String(json.size)} does not match the ${zip.length} bytes uploaded`,
        );
      }
      const hash = (json.hash as string | undefined) ?? undefined;
      const digest = `sha256:${createHash('sha256').update(zip).digest('hex')}`;
      if (hash !== undefined && hash !== digest)
        return twirpError(400, 'invalid_argument', `hash ${hash} does not match ${digest}`);
      const created = state.now();
      const artifact: StoredArtifact = {
        id: state.id(),
        owner: run.owner,
        repo: run.repo,
        runId: run.runId,
        name,
        zip,
        created_at: created,
        expires_at: new Date(Date.parse(created) + 90 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        expired: false,
      };
      state.artifacts.push(artifact);
      return { status: 200, body: { ok: true, artifact_id: String(artifact.id) } };
    }
    case 'ListArtifacts': {
      const nameFilter = json.name_filter as string | undefined;
      const idFilter = json.id_filter as string | undefined;
      const artifacts = ofRun()
        .filter(
          (a) =>
            (nameFilter === undefined || a.name === nameFilter) &&
            (idFilter === undefined || String(a.id) === String(idFilter)),
        )
        .map((a) => ({
          workflow_run_backend_id: ids.workflowRunBackendId,
          workflow_job_run_backend_id: ids.workflowJobRunBackendId,
          database_id: String(a.id),
          name: a.name,
          size: String(a.zip.length),
          created_at: a.created_at,
          digest: `sha256:${createHash('sha256').update(a.zip).digest('hex')}`,
        }));
      return { status: 200, body: { artifacts } };
    }
    case 'GetSignedArtifactURL': {
      const found = ofRun().find((a) => a.name === name);
      if (!found) return twirpError(404, 'not_found', `artifact ${name} not found`);
      return { status: 200, body: { signed_url: blobs.downloadUrl(blobPath, () => found.zip) } };
    }
    case 'DeleteArtifact': {
      const found = ofRun().find((a) => a.name === name);
      if (!found) return twirpError(404, 'not_found', `artifact ${name} not found`);
      state.artifacts = state.artifacts.filter((a) => a !== found);
      return { status: 200, body: { ok: true, artifact_id: String(found.id) } };
    }
    default:
      return twirpError(404, 'bad_route', `no handler for ${method}`);
  }
}
