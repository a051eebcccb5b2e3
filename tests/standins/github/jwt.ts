/** The workflow run and job ids the Actions results service knows a job by (UUIDs on GitHub). */
export interface BackendIds {
  workflowRunBackendId: string;
  workflowJobRunBackendId: string;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/**
 * An unsigned JWT shaped like the runner's ACTIONS_RUNTIME_TOKEN. @actions/artifact only decodes it (jwt-decode,
 * no signature check) and reads the backend ids from the `scp` claim's `Actions.Results:<run>:<job>` scope
 * (see getBackendIdsFromToken in @actions/artifact's internal/shared/util.js).
 */
export function runtimeToken(ids: BackendIds): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'none' };
  const claims = {
    scp: `Actions.ExampleScope Actions.Results:${ids.workflowRunBackendId}:${ids.workflowJobRunBackendId}`,
    iat: now,
    nbf: now,
    exp: now + 6 * 3600,
    iss: 'modelgate-github-stand-in',
  };
  return `${base64url(header)}.${base64url(claims)}.`;
}

/** Reads the backend ids back from a runtime token; undefined when it is not one. */
export function backendIdsOf(token: string): BackendIds | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { scp?: unknown };
    if (typeof claims.scp !== 'string') return undefined;
    for (const scope of claims.scp.split(' ')) {
      const parts = scope.split(':');
      if (parts[0] === 'Actions.Results' && parts.length === 3) {
        return { workflowRunBackendId: parts[1] ?? '', workflowJobRunBackendId: parts[2] ?? '' };
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}
