/**
 * Loads the kubeconfig deploy-canary talks to the cluster with: the `kubeconfig` input is a path or the file's
 * content; without it, `KUBECONFIG` then `~/.kube/config`, as kubectl looks them up. A plain `http://` server
 * needs `insecure-skip-tls-verify: true`, as @kubernetes/client-node requires.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { inputError } from '../errors.ts';

/** A loaded kubeconfig and the namespace its current context names (else `default`). */
export interface LoadedKubeConfig {
  config: KubeConfig;
  contextNamespace: string;
  server: string;
}

function looksLikeContent(text: string): boolean {
  return text.includes('\n') || /^\s*(apiVersion|kind|clusters)\s*:/.test(text) || text.trimStart().startsWith('{');
}

/** Loads and checks a kubeconfig from the input (path or content) or the default locations. */
export function loadKubeConfig(input: string | undefined, env: NodeJS.ProcessEnv = process.env): LoadedKubeConfig {
  const config = new KubeConfig();
  let source: string;
  try {
    if (input && looksLikeContent(input)) {
      source = 'the kubeconfig content';
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
      config.loadFromFile(path);
    }
  } catch (e) {
    if ((e as Error).name === 'UserError') throw e;
    throw inputError(
      'kubeconfig',
      `could not read ${source!}: ${(e as Error).message}. Expected a kubeconfig (apiVersion: v1, kind: Config).`,
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
