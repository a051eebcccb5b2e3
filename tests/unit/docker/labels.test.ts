import { describe, expect, it } from 'vitest';
import { labelArgs, lineageLabels } from '@modelgate/core/docker/labels';
import { parseImageRepository } from '@modelgate/core/docker/reference';
import { UserError } from '@modelgate/core/errors';

const git = {
  eventName: 'push',
  ref: 'refs/heads/main',
  sha: 'abc123',
  repository: 'acme/churn',
  repositoryUrl: 'https://github.com/acme/churn',
};

describe('lineage labels', () => {
  const labels = lineageLabels({
    git: { ...git, license: 'MIT' },
    version: 'main',
    created: new Date('2026-01-02T03:04:05Z'),
    model: { name: 'churn', version: 'main', sha256: 'f'.repeat(64) },
    metrics: { accuracy: 0.91, log_loss: 0.1 + 0.2, 'Weird Name!': 1 },
  });

  it('sets the OCI labels metadata-action sets, from the GitHub context', () => {
    expect(labels).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/acme/churn',
      'org.opencontainers.image.url': 'https://github.com/acme/churn',
      'org.opencontainers.image.revision': 'abc123',
      'org.opencontainers.image.created': '2026-01-02T03:04:05.000Z',
      'org.opencontainers.image.version': 'main',
      'org.opencontainers.image.title': 'churn',
      'org.opencontainers.image.licenses': 'MIT',
    });
  });

  it('records the model and every metric, values reading back as the same number', () => {
    expect(labels['org.modelgate.model.sha256']).toBe('f'.repeat(64));
    expect(labels['org.modelgate.model.name']).toBe('churn');
    expect(labels['org.modelgate.metric.accuracy']).toBe('0.91');
    expect(Number(labels['org.modelgate.metric.log_loss'])).toBe(0.1 + 0.2);
    expect(labels['org.modelgate.metric.weird_name_']).toBe('1');
  });

  it('lists keys sorted and turns them into --label arguments', () => {
    const keys = Object.keys(labels);
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b)));
    expect(labelArgs({ a: 'x=y', b: 'two words' })).toEqual(['--label', 'a=x=y', '--label', 'b=two words']);
  });
});

describe('image repository', () => {
  it.each([
    ['ghcr.io/acme/churn', 'ghcr.io', 'acme/churn'],
    ['127.0.0.1:5000/churn', '127.0.0.1:5000', 'churn'],
    ['localhost/team/churn', 'localhost', 'team/churn'],
    ['acme/churn', 'docker.io', 'acme/churn'],
    ['churn', 'docker.io', 'library/churn'],
    ['GHCR.io/Acme/Churn', 'ghcr.io', 'acme/churn'],
  ])('%s is registry %s, path %s', (raw, registry, path) => {
    expect(parseImageRepository(raw)).toMatchObject({ registry, path });
  });

  it('rejects a tag, a digest and invalid characters, naming the image input', () => {
    for (const bad of ['ghcr.io/acme/churn:v1', 'acme/churn@sha256:abc', 'acme/ch urn', 'acme//churn']) {
      expect(() => parseImageRepository(bad)).toThrow(UserError);
    }
  });
});
