// The release workflow's last step (scripts/move-major-tag.ts) on a real clone and remote.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git } from '../../helpers/git-repo.ts';
import { ROOT } from '../../helpers/workflows.ts';

const SCRIPT = join(ROOT, 'scripts', 'move-major-tag.ts');

/** A clone of a fresh bare "origin" with one commit. */
function cloneOfOrigin(): { origin: string; clone: string } {
  const origin = mkdtempSync(join(tmpdir(), 'modelgate-release-origin-'));
  git(origin, 'init', '-q', '--bare', '-b', 'main');
  const clone = mkdtempSync(join(tmpdir(), 'modelgate-release-clone-'));
  git(clone, 'clone', '-q', origin, '.');
  return { origin, clone };
}

/** Tags HEAD as a release (pushed, as GitHub does when a release is published), then runs the script there. */
function release(clone: string, tag: string) {
  git(clone, 'tag', tag);
  git(clone, 'push', '-q', 'origin', `refs/tags/${tag}`);
  return run(clone, tag);
}

function run(clone: string, tag: string) {
  const r = spawnSync(process.execPath, [SCRIPT, tag], { cwd: clone, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

const remoteTag = (origin: string, tag: string) => git(origin, 'rev-parse', `refs/tags/${tag}^{commit}`);

describe('move-major-tag (release workflow)', () => {
  it('moves vX to each newer release, and never back to a patch of an older minor', () => {
    const { origin, clone } = cloneOfOrigin();
    const first = commit(clone, 'first', { 'a.txt': '1' });
    git(clone, 'push', '-q', 'origin', 'main');
    expect(release(clone, 'v1.0.0')).toMatchObject({ code: 0 });
    expect(remoteTag(origin, 'v1')).toBe(first);

    const second = commit(clone, 'second', { 'a.txt': '2' });
    expect(release(clone, 'v1.1.0').out).toContain('v1 -> v1.1.0');
    expect(remoteTag(origin, 'v1')).toBe(second);

    git(clone, 'checkout', '-q', first);
    commit(clone, 'hotfix of 1.0', { 'b.txt': 'fix' });
    const hotfix = release(clone, 'v1.0.1');
    expect(hotfix).toMatchObject({ code: 0 });
    expect(hotfix.out).toContain('v1 stays on v1.1.0');
    expect(remoteTag(origin, 'v1')).toBe(second);

    const major = commit(clone, 'breaking', { 'a.txt': '3' });
    expect(release(clone, 'v2.0.0')).toMatchObject({ code: 0 });
    expect(remoteTag(origin, 'v2')).toBe(major);
    expect(remoteTag(origin, 'v1')).toBe(second);
  });

  it('refuses a tag that is not vMAJOR.MINOR.PATCH, with an error annotation', () => {
    const { clone } = cloneOfOrigin();
    commit(clone, 'first', { 'a.txt': '1' });
    const result = release(clone, 'v1.2');
    expect(result.code).toBe(1);
    expect(result.out).toContain('::error::release tag "v1.2" is not vMAJOR.MINOR.PATCH');
  });

  it('refuses to move the tag when the checkout is not the release commit', () => {
    const { origin, clone } = cloneOfOrigin();
    commit(clone, 'first', { 'a.txt': '1' });
    git(clone, 'tag', 'v1.0.0');
    commit(clone, 'later', { 'a.txt': '2' });
    const result = run(clone, 'v1.0.0');
    expect(result.code).toBe(1);
    expect(result.out).toContain('::error::the checkout is not the commit of v1.0.0');
    expect(git(origin, 'tag', '--list')).toBe('');
  });
});
