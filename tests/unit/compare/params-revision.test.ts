// readParamsDiff on a real git repository: which revision the baseline's params are read at, and what happens
// when there is none.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readParamsDiff } from '@modelgate/core/compare/params-read';
import type { GitHubContext } from '@modelgate/core/runner/environment';
import { commit, git } from '../../helpers/git-repo.ts';

const push: GitHubContext = {
  eventName: 'push',
  repository: 'acme/churn',
  owner: 'acme',
  repo: 'churn',
  sha: 'c'.repeat(40),
  ref: 'refs/heads/main',
  apiUrl: 'https://api.github.com',
  serverUrl: 'https://github.com',
  repositoryUrl: 'https://github.com/acme/churn',
};

/** Commits lr 0.1 (A) then lr 0.2 (B, HEAD); the working tree then has lr 0.3, not committed. */
function repository() {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-params-'));
  git(dir, 'init', '-q', '-b', 'main');
  const a = commit(dir, 'a', { 'params.yaml': 'lr: 0.1\n' });
  const b = commit(dir, 'b', { 'params.yaml': 'lr: 0.2\n' });
  writeFileSync(join(dir, 'params.yaml'), 'lr: 0.3\n');
  return { dir, a, b, file: join(dir, 'params.yaml') };
}

describe('params: the baseline revision', () => {
  it('without a baseline commit, on a push, compares the working tree with the previous commit', async () => {
    const r = repository();
    const diff = await readParamsDiff({ files: [r.file], context: push });
    expect(diff.revision).toBe(r.a);
    expect(diff.revisionSource).toBe('previous commit');
    expect(diff.changes).toEqual([{ file: r.file, key: 'lr', kind: 'changed', baseline: 0.1, current: 0.3 }]);
  });

  it("with the baseline's commit, reads there and names it by the baseline's source", async () => {
    const r = repository();
    const diff = await readParamsDiff({
      files: [r.file],
      baselineCommit: r.b,
      baselineSource: 'main (git)',
      context: push,
    });
    expect(diff.revision).toBe(r.b);
    expect(diff.revisionSource).toBe('main (git)');
    expect(diff.changes[0]).toMatchObject({ baseline: 0.2, current: 0.3 });
  });

  it('a baseline commit git cannot find leaves the file not compared, saying which commit', async () => {
    const r = repository();
    const diff = await readParamsDiff({ files: [r.file], baselineCommit: 'f'.repeat(40), context: push });
    expect(diff.changes).toEqual([]);
    expect(diff.files).toEqual([
      {
        file: r.file,
        keys: 1,
        baseline: { unavailable: "git cannot find the baseline's commit fffffff in this checkout or on origin" },
      },
    ]);
  });

  it('a file malformed at the baseline is not compared, and the note names the commit, file and line', async () => {
    const r = repository();
    const bad = commit(r.dir, 'bad', { 'params.yaml': 'lr: 0.1\nlr: 0.2\n' });
    writeFileSync(r.file, 'lr: 0.3\n');
    const diff = await readParamsDiff({ files: [r.file], baselineCommit: bad, context: push });
    expect(diff.files[0]!.baseline).toEqual({
      unavailable: `unreadable at the baseline (${bad.slice(0, 7)}:params.yaml:2: invalid YAML/JSON: Map keys must be unique; this key is repeated.)`,
    });
  });

  it('a file added since the baseline has all its keys added', async () => {
    const r = repository();
    const extra = join(r.dir, 'train.toml');
    writeFileSync(extra, 'epochs = 3\n');
    const diff = await readParamsDiff({ files: [r.file, extra], context: push });
    expect(diff.files.map((f) => f.baseline)).toEqual(['compared', 'new']);
    expect(diff.changes.map((c) => [c.key, c.kind])).toEqual([
      ['lr', 'changed'],
      ['epochs', 'added'],
    ]);
  });
});
