import { describe, expect, it } from 'vitest';
import type { GitContext } from '@modelgate/core/docker/git-context';
import { parseTagRules } from '@modelgate/core/docker/tag-rules';
import { computeTags, sanitizeTag } from '@modelgate/core/docker/tags';
import { UserError } from '@modelgate/core/errors';

const SHA = '90dd6032fac8bda1b6c4436a2e65de27961ed071';
function ctx(ref: string, extra: Partial<GitContext> = {}): GitContext {
  return {
    eventName: 'push',
    ref,
    sha: SHA,
    repository: 'octocat/Hello-World',
    repositoryUrl: 'https://github.com/octocat/Hello-World',
    defaultBranch: 'master',
    ...extra,
  };
}
const tags = (rules: string, ref: string, extra: Partial<GitContext> = {}) =>
  computeTags(parseTagRules(rules), ctx(ref, extra)).tags;

// Expected values are the outputs documented in docker/metadata-action's README.
describe('metadata-action tag grammar', () => {
  const readme =
    'type=ref,event=branch\ntype=ref,event=pr\ntype=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}';
  it.each([
    ['refs/pull/2/merge', ['pr-2']],
    ['refs/heads/master', ['master']],
    ['refs/heads/releases/v1', ['releases-v1']],
    ['refs/tags/v1.2.3', ['1.2.3', '1.2', 'latest']],
    ['refs/tags/v2.0.8-beta.67', ['2.0.8-beta.67']],
  ])('README usage table: %s gives %j', (ref, expected) => {
    expect(tags(readme, ref)).toEqual(expected);
  });

  it('type=sha gives the short commit with the sha- prefix, format=long the full one', () => {
    expect(tags('type=sha', 'refs/heads/master')).toEqual(['sha-90dd603']);
    expect(tags('type=sha,format=long', 'refs/heads/master')).toEqual([`sha-${SHA}`]);
    expect(tags('type=sha,prefix=', 'refs/heads/master')).toEqual(['90dd603']);
  });

  it.each([
    ['{{raw}}', 'v1.2.3', 'v1.2.3'],
    ['{{version}}', 'v1.2.3', '1.2.3'],
    ['{{major}}.{{minor}}', 'v1.2.3', '1.2'],
    ['v{{major}}', 'v1.2.3', 'v1'],
    ['{{minor}}', 'v1.2.3', '2'],
    ['{{patch}}', 'v1.2.3', '3'],
    ['{{raw}}', 'v2.0.8-beta.67', 'v2.0.8-beta.67'],
    ['{{version}}', 'v2.0.8-beta.67', '2.0.8-beta.67'],
    ['{{major}}.{{minor}}', 'v2.0.8-beta.67', '2.0.8-beta.67'],
  ])('type=semver,pattern=%s on %s gives %s', (pattern, tag, expected) => {
    expect(tags(`type=semver,pattern=${pattern}`, `refs/tags/${tag}`)[0]).toBe(expected);
  });

  it('semver rules give nothing on a branch and on a tag that is not semver', () => {
    expect(tags('type=semver,pattern={{version}}', 'refs/heads/master')).toEqual([]);
    expect(tags('type=semver,pattern={{version}}', 'refs/tags/release-7')).toEqual([]);
    expect(tags('type=semver,pattern={{version}},value=v3.1.0', 'refs/heads/master')).toEqual(['3.1.0', 'latest']);
  });

  it('ref event table: branch with slash, tag kept as written, pr number', () => {
    expect(tags('type=ref,event=branch', 'refs/heads/my/branch')).toEqual(['my-branch']);
    expect(tags('type=ref,event=tag', 'refs/tags/v1.2.3')).toEqual(['v1.2.3', 'latest']);
    expect(tags('type=ref,event=pr', 'refs/pull/318/merge')).toEqual(['pr-318']);
    expect(tags('type=ref,event=pr', 'refs/heads/master')).toEqual([]);
  });

  it('raw values in all three spellings, with global expressions', () => {
    expect(tags('type=raw,value=foo\ntype=raw,bar\nbaz', 'refs/heads/master')).toEqual(['foo', 'bar', 'baz']);
    expect(tags('type=raw,value=mytag-{{branch}}-{{sha}}', 'refs/heads/master')).toEqual(['mytag-master-90dd603']);
    expect(tags('type=sha,prefix={{branch}}-', 'refs/heads/dev')).toEqual(['dev-90dd603']);
  });

  it('enable={{is_default_branch}} is true only on the repository default branch', () => {
    const rule = 'type=raw,value=latest,enable={{is_default_branch}}';
    expect(tags(rule, 'refs/heads/master')).toEqual(['latest']);
    expect(tags(rule, 'refs/heads/dev')).toEqual([]);
  });

  it('orders by priority (semver 900, ref 600, raw 200, sha 100) and keeps written order on ties', () => {
    const rules = 'type=sha\ntype=raw,value=nightly\ntype=ref,event=tag\ntype=semver,pattern={{version}}';
    expect(tags(rules, 'refs/tags/v1.2.3')).toEqual(['1.2.3', 'v1.2.3', 'nightly', 'sha-90dd603', 'latest']);
    expect(tags('type=raw,value=a\ntype=raw,value=b,priority=300', 'refs/heads/master')).toEqual(['b', 'a']);
  });

  it('the default rules give the commit plus the branch, or the pull request', () => {
    expect(computeTags(parseTagRules(''), ctx('refs/heads/main'))).toEqual({
      version: 'main',
      tags: ['main', 'sha-90dd603'],
    });
    expect(tags('', 'refs/pull/7/merge')).toEqual(['pr-7', 'sha-90dd603']);
    expect(tags('', 'refs/tags/v1.0.0')).toEqual(['sha-90dd603']);
  });

  it('drops duplicates and sanitizes characters Docker tags cannot hold', () => {
    expect(tags('type=raw,value=x\ntype=raw,value=x', 'refs/heads/master')).toEqual(['x']);
    expect(sanitizeTag('feat/üml@x')).toBe('feat-ml-x');
    expect(sanitizeTag('a'.repeat(200))).toHaveLength(128);
  });

  it('rejects unknown types, a ref without event and a semver without pattern, naming the input', () => {
    for (const bad of ['type=edgy', 'type=ref', 'type=semver', 'type=raw,value={{nope}}']) {
      let error: unknown;
      try {
        tags(bad, 'refs/heads/master');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).location.input).toBe('tags');
    }
  });
});
