import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeBase, previousCommit, showFile, locateInRepo, ensureCommit } from '@modelgate/core/git/revisions';
import { cloneOf, git, prRepository } from '../../helpers/git-repo.ts';

const base = '{"accuracy": 0.9}';
const cand = '{"accuracy": 0.8}';

describe('git baselines', () => {
  it('finds the merge base of a full clone and reads the file there', async () => {
    const repo = prRepository(base, cand);
    const clone = cloneOf(repo.origin, 'feature', false);
    const file = await locateInRepo(join(clone, repo.path));
    expect(file).toEqual({ root: expect.any(String), path: 'metrics/metrics.json' });
    const sha = await mergeBase(clone, 'main');
    expect(sha).toBe(repo.fork);
    expect(await showFile(clone, sha!, file!.path)).toBe(base);
  });

  it('deepens a depth-1 clone until the merge base answers, without fetching everything', async () => {
    const repo = prRepository(base, cand, { mainAhead: 6, featureAhead: 5 });
    const clone = cloneOf(repo.origin, 'feature', true);
    expect(git(clone, 'rev-parse', '--is-shallow-repository')).toBe('true');
    expect(await mergeBase(clone, 'main', { initialDepth: 1 })).toBe(repo.fork);
    // Still shallow: only the commits needed were fetched.
    expect(git(clone, 'rev-parse', '--is-shallow-repository')).toBe('true');
  });

  it('unshallows as a last resort when deepening is not allowed to reach the merge base', async () => {
    const repo = prRepository(base, cand, { mainAhead: 6, featureAhead: 6 });
    const clone = cloneOf(repo.origin, 'feature', true);
    expect(await mergeBase(clone, 'main', { initialDepth: 1, maxDeepen: 0 })).toBe(repo.fork);
    expect(git(clone, 'rev-parse', '--is-shallow-repository')).toBe('false');
  });

  it('reads the previous commit of a push from a depth-1 clone', async () => {
    const repo = prRepository(base, cand, { featureAhead: 0 });
    const clone = cloneOf(repo.origin, 'feature', true);
    const previous = await previousCommit(clone);
    expect(previous).toBe(repo.fork);
    expect(await showFile(clone, previous!, repo.path)).toBe(base);
  });

  it('fetches a commit named by SHA that a shallow clone lacks', async () => {
    const repo = prRepository(base, cand);
    const clone = cloneOf(repo.origin, 'main', true);
    expect(await ensureCommit(clone, repo.featureTip)).toBe(repo.featureTip);
    expect(await ensureCommit(clone, '0123456789abcdef0123456789abcdef01234567')).toBeUndefined();
  });
});
