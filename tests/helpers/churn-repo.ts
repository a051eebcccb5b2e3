// A user's repository made from examples/churn, for running the README and example workflows with run-workflow:
// the example itself under examples/churn/ (the example workflows' paths) and the layout the README's
// workflows use (data/, predictions/, metrics/, model/, serve/) at the root. main holds the baseline model's
// predictions; the branch `feature` (the pull request) the candidate's.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commit, git } from './git-repo.ts';
import { ROOT } from './workflows.ts';

const EXAMPLE = join(ROOT, 'examples', 'churn');
const read = (path: string) => readFileSync(join(EXAMPLE, path));

export interface ChurnRepository {
  /** The "GitHub" repository (a plain git repository with main and feature). */
  origin: string;
  mainSha: string;
  featureSha: string;
}

export function churnRepository(): ChurnRepository {
  const origin = mkdtempSync(join(tmpdir(), 'modelgate-churn-origin-'));
  git(origin, 'init', '-q', '-b', 'main');
  cpSync(EXAMPLE, join(origin, 'examples', 'churn'), { recursive: true });
  for (const dir of ['model', 'serve']) cpSync(join(EXAMPLE, dir), join(origin, dir), { recursive: true });
  const layout: Record<string, Buffer> = {
    'data/training.parquet': read('data/reference.parquet'),
    'data/batch.parquet': read('data/batch.parquet'),
    'data/schema.yml': read('schema.yml'),
    'metrics/thresholds.yml': read('thresholds.yml'),
    'predictions/holdout.csv': read('predictions/baseline.csv'),
    '.gitignore': Buffer.from('metrics/metrics.json\nmodelgate-metrics.json\n'),
  };
  const mainSha = commit(origin, 'The churn model and its data', layout);
  git(origin, 'checkout', '-q', '-b', 'feature');
  const featureSha = commit(origin, 'A candidate model', {
    'predictions/holdout.csv': read('predictions/candidate.csv'),
  });
  git(origin, 'checkout', '-q', 'main');
  return { origin, mainSha, featureSha };
}

/** A full clone of the repository at `branch` (what actions/checkout leaves, with origin/main fetched). */
export function checkoutOf(repo: ChurnRepository, branch: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-churn-checkout-'));
  git(tmpdir(), 'clone', '-q', '--branch', branch, `file://${repo.origin}`, dir);
  return dir;
}
