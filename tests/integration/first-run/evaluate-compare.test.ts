/**
 * A new user's first evaluation and comparison (issue 13): configuration mistakes stop with names to choose from,
 * task advice fits the file, and the comparison reads right whether or not a baseline exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, run } from './project.ts';

const breastCancer = (model: string, output: string) => ({
  predictions: `breast-cancer/${model}.csv`,
  'score-column': 'score',
  'slice-columns': 'size_band',
  bootstrap: '200',
  output,
});

describe('evaluate-model on a first project', () => {
  it('stops on a threshold on an unknown metric, suggesting roc_auc for auc and listing the names', async () => {
    const cwd = project({ 'gates.yml': 'auc: { min: 0.9 }\n' });
    const r = await run('evaluate-model', cwd, { ...breastCancer('baseline', 'm.json'), thresholds: 'gates.yml' });
    expect(r.exitCode).toBe(1);
    const error = r.errors.join('\n');
    expect(error).toMatch(/file=gates\.yml,line=1::/);
    expect(error).toContain("Did you mean 'roc_auc'?");
    expect(error).toContain('Valid metric names: accuracy, balanced_accuracy, precision, recall, f1');
    expect(error).not.toContain('not met');
    expect(existsSync(join(cwd, 'm.json'))).toBe(false);
    expect(r.summary).toMatch(/^## evaluate-model: ❌ configuration error\n/);
  });

  it('advises task: regression for a regression file read as binary, and counts the inference right', async () => {
    const cwd = project();
    const binary = await run('evaluate-model', cwd, { predictions: 'diabetes/predictions.csv', task: 'binary' });
    expect(binary.exitCode).toBe(1);
    expect(binary.errors.join('\n')).toContain('set task: regression');
    expect(binary.errors.join('\n')).not.toContain('multiclass');

    const inferred = await run('evaluate-model', cwd, { predictions: 'diabetes/predictions.csv' });
    expect(inferred.exitCode).toBe(0);
    const line = inferred.stdout.split('\n').find((l) => l.startsWith('task: regression'));
    const labels = new Set(
      readFileSync(join(cwd, 'diabetes/predictions.csv'), 'utf8')
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[1]),
    );
    expect(line).toBe(
      `task: regression, because the label column holds ${labels.size} distinct integers in 133 rows (more than 20 classes)`,
    );
  });

  it('draws the model in a colour that reads on light and dark, and keeps the slice table narrow', async () => {
    const cwd = project();
    const r = await run('evaluate-model', cwd, breastCancer('candidate', 'candidate.json'));
    expect(r.exitCode).toBe(0);
    expect(r.summary).toMatch(
      /```mermaid\n%%\{init: \{"themeVariables": \{"xyChart": \{"plotColorPalette": "#1f6feb, #7d8590"\}\}\}\}%%\nxychart-beta\n {2}title "ROC/,
    );
    const slices = r.summary.slice(r.summary.indexOf('### Slices')).split('\n')[2]!;
    expect(slices).toBe('| slice | rows | accuracy | f1 | roc\\_auc | precision | recall |');
    expect(r.summary).toContain('<details><summary>Every metric per slice (11)</summary>');
    expect(r.summary).not.toContain(cwd);
  });
});

describe('compare-to-baseline on a first project', () => {
  it('stops when an explicit baseline path does not exist, instead of passing without a gate', async () => {
    const cwd = project();
    const ev = await run('evaluate-model', cwd, breastCancer('candidate', 'candidate.json'));
    expect(ev.exitCode).toBe(0);
    const r = await run('compare-to-baseline', cwd, { metrics: 'candidate.json', baseline: 'metrics/old.json' });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toContain(
      "input 'baseline', metrics/old.json: the file metrics/old.json does not exist",
    );
    expect(r.summary).toMatch(/^## compare-to-baseline: ❌ configuration error/);

    // auto that finds none says so first: only min/max applied
    const auto = await run('compare-to-baseline', cwd, {
      metrics: 'candidate.json',
      baseline: 'auto',
      thresholds: 'roc_auc: { min: 0.99, max-regression: 0.01 }',
    });
    expect(auto.exitCode).toBe(1);
    const first = auto.summary.split('\n')[2]!;
    expect(first).toMatch(/^\*\*No baseline yet\*\* \(.*\): only the absolute bounds \(min\/max\) were applied\. ❌/);
  });

  it('reads the same figures in bullet and table, keeps arrows with numbers, and folds slices', async () => {
    const cwd = project();
    for (const model of ['baseline', 'candidate'])
      expect((await run('evaluate-model', cwd, breastCancer(model, `${model}.json`))).exitCode).toBe(0);
    const r = await run('compare-to-baseline', cwd, {
      metrics: 'candidate.json',
      // as a workflow writes it with ${{ github.workspace }}: the footer still shows it relative
      baseline: join(cwd, 'baseline.json'),
      thresholds: 'roc_auc: { max-regression: 0.01 }\nf1: { min: 0.8, max-regression-pct: 1 }\n',
    });
    expect(r.exitCode).toBe(1);
    const md = r.summary;
    const bullet = /`roc_auc`: worse by ([0-9.]+),/.exec(md)![1]!;
    const row = md.split('\n').find((l) => l.startsWith('| **roc\\_auc**'))!;
    expect(row).toContain(`🔴\u00a0▼\u00a0−${bullet} |`);
    expect(row).toContain('| ↑\u00a0·\u00a0drop\u00a0≤\u00a00.01 |'.replace('\u00a0·\u00a0', ' · '));
    expect(md).toContain('↑ higher is better, ↓ lower is better');
    // slices are not gated: folded
    expect(md).toMatch(/\*\*Slices\*\* \(reported, not gated\)/);
    const folded = md.search(/<details><summary>\d+ slice (regression|metric)/);
    expect(folded).toBeGreaterThan(0);
    expect(md.indexOf('| Slice | Metric')).toBeGreaterThan(folded);
    expect(md).toMatch(/^Baseline: baseline\.json · Head: `[0-9a-f]{7}`/m);
    expect(md).not.toContain(cwd);
  });

  it('never says "No regressions" when worse metrics pass only within noise, and shows the intervals', async () => {
    const cwd = project();
    for (const model of ['baseline', 'candidate'])
      expect((await run('evaluate-model', cwd, breastCancer(model, `${model}.json`))).exitCode).toBe(0);
    const r = await run('compare-to-baseline', cwd, {
      metrics: 'candidate.json',
      baseline: 'baseline.json',
      // the depth-2 tree is worse on every metric; on precision and recall the bootstrap intervals overlap
      thresholds: 'precision: { max-regression: 0 }\nrecall: { max-regression: 0 }\n',
      'require-significance': 'true',
    });
    expect(r.exitCode).toBe(0);
    const md = r.summary;
    expect(md).not.toContain('No regressions');
    expect(md.split('\n')[2]).toMatch(
      /^⚠️ \*\*Worse on 11 of 11 metrics\*\*, but not significantly: 2 broke their rules within noise \(the 95% intervals/,
    );
    expect(md).toContain('### Within noise: the 95% intervals');
    for (const metric of ['precision', 'recall'])
      expect(md).toMatch(
        new RegExp(
          `\\| \\*\\*${metric}\\*\\* \\| [0-9.]+ \\[[0-9.]+, [0-9.]+\\] \\| [0-9.]+ \\[[0-9.]+, [0-9.]+\\] \\| max-regression 0 \\|`,
        ),
      );
  });
});
