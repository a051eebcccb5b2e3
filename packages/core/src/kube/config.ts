/**
 * Loads the kubeconfig deploy-canary talks to the cluster with: the `kubeconfig` input is a path or the file's
 * content; without it, `KUBECONFIG` then `~/.kube/config`, as kubectl looks them up. A plain `http://` server
 * needs `insecure-skip-tls-verify: true`, as @kubernetes/client-node requires.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { inputError } from '../errors.ts';
import { kubeconfigSecrets, maskSecrets } from '../inputs/secrets.ts';
import { looksLikeKubeconfigContent } from '../inputs/kubeconfig-text.ts';

/** A loaded kubeconfig and the namespace its current context names (else `default`). */
export interface LoadedKubeConfig {
  config: KubeConfig;
  contextNamespace: string;
  server: string;
}

/**
 * Why a kubeconfig could not be loaded, without a word of its text: a YAML parser's message quotes the lines
 * around the error, and those lines can hold a token. The line and column say where to look.
 */
function loadFailure(error: unknown, secrets: readonly string[]): { why: string; line?: number; col?: number } {
  const e = error as { reason?: unknown; mark?: { line?: unknown; column?: unknown }; message?: unknown };
  if (typeof e.reason === 'string' && typeof e.mark?.line === 'number') {
    const line = e.mark.line + 1;
    const col = typeof e.mark.column === 'number' ? e.mark.column + 1 : undefined;
    return {
      why: `invalid YAML at line ${line}${col ? `, column ${col}` : ''}: ${e.reason}`,
      line,
      ...(col ? { col } : {}),
    };
  }
  // The client's own checks (e.g. "clusters[0].name is missing") name fields, not values; redact them anyway.
  let why = String(e.message ?? error);
  for (const secret of secrets) if (secret.length >= 4) why = why.split(secret).join('***');
  return { why };
}

/**
 * Loads and checks a kubeconfig from the input (path or content) or the default locations. The client library
 * (~19 MB of the bundle) is loaded here, at the first use: a dry run and a bad input never load it.
 */
export async function loadKubeConfig(
  input: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LoadedKubeConfig> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const config = new KubeConfig();
  let source: string;
  let secrets: string[] = [];
  try {
    if (input && looksLikeKubeconfigContent(input)) {
      source = 'the kubeconfig content';
      secrets = kubeconfigSecrets(input);
      maskSecrets(secrets);
      config.loadFromString(input);
    } else {
      const path =
        input ||
        env['KUBECONFIG']?.split(delimiter).find((p) => p && existsSync(p)) ||
        join(homedir(), '.kube', 'config');
      source = path;
      if (!existsSync(path))
        throw inputError(
          'kubeconfig',
          `no kubeconfig at ${path}: give the input 'kubeconfig' (a path or the file's content) or set KUBECONFIG.`,
        );
      // Read here, not by the client: its credentials are masked before the text is parsed.
      const text = readFileSync(path, 'utf8');
      secrets = kubeconfigSecrets(text);
      maskSecrets(secrets);
      config.loadFromString(text);
      // As loadFromFile: certificate and key files are relative to the kubeconfig's folder.
      config.makePathsAbsolute(dirname(path));
    }
  } catch (e) {
    if ((e as Error).name === 'UserError') throw e;
    const { why, line, col } = loadFailure(e, secrets);
    throw inputError(
      'kubeconfig',
      `could not read ${source!}: ${why}. Expected a kubeconfig (apiVersion: v1, kind: Config); its text is not shown because it holds credentials.`,
      { ...(line ? { line } : {}), ...(col ? { col } : {}) },
    );
  }
  const context = config.getContextObject(config.getCurrentContext());
  const cluster = config.getCurrentCluster();
  if (!context || !cluster)
    throw inputError('kubeconfig', `${source} has no current-context naming a context and its cluster.`);
  if (!/^https?:\/\//.test(cluster.server))
    throw inputError(
      'kubeconfig',
      `cluster '${cluster.name}' has server '${cluster.server}': expected an http(s):// URL.`,
    );
  if (cluster.server.startsWith('http:') && !cluster.skipTLSVerify)
    throw inputError(
      'kubeconfig',
      `cluster '${cluster.name}' uses plain http (${cluster.server}); set 'insecure-skip-tls-verify: true' on the cluster, or use https.`,
    );
  return { config, contextNamespace: context.namespace || 'default', server: cluster.server };
}
