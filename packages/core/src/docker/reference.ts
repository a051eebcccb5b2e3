import { inputError } from '../errors.ts';

/** An image repository split the way the Docker CLI does. */
export interface ImageRepository {
  /** What was given, lower-cased (registries reject upper case; metadata-action lower-cases too). */
  name: string;
  /** Registry host for `docker login` (`docker.io` when the first part is not a host). */
  registry: string;
  /** The repository path inside the registry (`library/x` for official Docker Hub images). */
  path: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/**
 * Parses the `image` input: `ghcr.io/acme/churn`, `127.0.0.1:5000/churn`, `acme/churn`. Like the
 * Docker CLI, the first part is a registry only when it has a `.` or a `:` or is `localhost`.
 */
export function parseImageRepository(raw: string): ImageRepository {
  const name = raw.trim().toLowerCase();
  const parts = name.split('/');
  const last = parts[parts.length - 1] ?? '';
  if (name.includes('@') || last.includes(':')) {
    throw inputError(
      'image',
      `got ${JSON.stringify(raw)}: give the repository only (e.g. ghcr.io/acme/churn); tags come from the tags input.`,
    );
  }
  const first = parts[0] ?? '';
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  const pathParts = hasRegistry ? parts.slice(1) : parts;
  if (pathParts.length === 0 || !pathParts.every((p) => COMPONENT.test(p))) {
    throw inputError(
      'image',
      `got ${JSON.stringify(raw)}: expected a repository such as ghcr.io/acme/churn (lower case letters, digits, . _ -).`,
    );
  }
  const path = registry === 'docker.io' && pathParts.length === 1 ? `library/${pathParts[0]}` : pathParts.join('/');
  return { name, registry, path };
}
