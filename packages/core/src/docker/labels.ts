import type { GitContext } from './git-context.ts';

/** What the image records about where it came from. */
export interface LineageFacts {
  git: GitContext;
  /** The image version (the first tag), as metadata-action's org.opencontainers.image.version. */
  version: string | undefined;
  created: Date;
  model: { name: string; version: string; sha256: string };
  /** Flat metric name -> value, from a metrics document. */
  metrics?: Record<string, number>;
}

/** Label keys allow [a-z0-9._-]; metric names are scikit-learn style already, anything else becomes `_`. */
function labelKeyPart(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9._-]+/g, '_');
}

/**
 * The image's labels: the OCI annotations metadata-action sets
 * (https://github.com/opencontainers/image-spec/blob/main/annotations.md) plus modelgate's lineage:
 * the model's sha256, name and version, and every metric as `org.modelgate.metric.<name>`.
 * Keys are sorted so the same facts give the same label list.
 */
export function lineageLabels(facts: LineageFacts): Record<string, string> {
  const { git } = facts;
  const labels: Record<string, string> = {
    'org.opencontainers.image.created': facts.created.toISOString(),
    'org.opencontainers.image.revision': git.sha,
    'org.opencontainers.image.source': git.repositoryUrl,
    'org.opencontainers.image.title': facts.model.name,
    'org.opencontainers.image.version': facts.version ?? '',
    'org.modelgate.model.name': facts.model.name,
    'org.modelgate.model.sha256': facts.model.sha256,
    'org.modelgate.model.version': facts.model.version,
  };
  if (git.repositoryUrl) labels['org.opencontainers.image.url'] = git.repositoryUrl;
  if (git.description) labels['org.opencontainers.image.description'] = git.description;
  if (git.license) labels['org.opencontainers.image.licenses'] = git.license;
  for (const [name, value] of Object.entries(facts.metrics ?? {})) {
    // String(value) is the shortest text that reads back as the same double.
    labels[`org.modelgate.metric.${labelKeyPart(name)}`] = String(value);
  }
  // One line each: a repository description may span lines, a label value read back should not surprise.
  return Object.fromEntries(
    Object.entries(labels)
      .map(([k, v]) => [k, v.replace(/\r?\n/g, ' ')] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** `--label key=value` arguments for docker build. */
export function labelArgs(labels: Record<string, string>): string[] {
  return Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]);
}
