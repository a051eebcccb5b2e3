// The mutation run's configuration stays true to the tree: files move (a stale path in `mutate` silently
// mutates nothing, and that domain's score would vanish from the report), and the weekly workflow runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, globSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import mutationVitest, { joiningTests } from '../../../vitest.mutation.config.ts';
import { ROOT } from '../../helpers/workflows.ts';

interface StrykerConfig {
  gateDomains: Record<string, string[]>;
  joining: string[];
  default: {
    mutate: string[];
    coverageAnalysis: string;
    thresholds: { break: number };
    vitest: { configFile: string };
  };
}
const stryker = (await import(pathToFileURL(join(ROOT, 'stryker.config.mjs')).href)) as StrykerConfig;
const matches = (pattern: string) => globSync(pattern, { cwd: ROOT });

describe('mutation testing configuration', () => {
  it('every file or glob of every gate domain names source that exists, but for domains still joining', () => {
    for (const [domain, patterns] of Object.entries(stryker.gateDomains)) {
      if (stryker.joining.includes(domain)) continue;
      for (const p of patterns.filter((p) => !p.startsWith('!'))) {
        expect(matches(p).length, `${domain}: ${p}`).toBeGreaterThan(0);
      }
    }
    expect(stryker.default.mutate).toEqual(Object.values(stryker.gateDomains).flat());
  });

  it("this round's new statistics join by globs: paired tests, Mann-Whitney and proportions, SQL compilation", () => {
    expect(stryker.joining.every((d) => d in stryker.gateDomains)).toBe(true);
    const mutate = stryker.default.mutate;
    for (const file of [
      'packages/core/src/metrics/paired/delong.ts',
      'packages/core/src/compare/paired.ts',
      'packages/core/src/canary/stats/mann-whitney.ts',
      'packages/core/src/sql/dialects/postgresql.ts',
      'packages/core/src/sql/metrics/ranking.ts',
    ]) {
      // the last pattern that matches decides, as in Stryker: a later glob re-adds what an earlier `!` removed
      const decisive = mutate.findLast((p) => path.matchesGlob(file, p.replace(/^!/, '')));
      expect(decisive !== undefined && !decisive.startsWith('!'), file).toBe(true);
    }
  });

  it('fails below 85% killed, with per-test coverage, on the mutation vitest config', () => {
    expect(stryker.default.thresholds.break).toBe(85);
    expect(stryker.default.coverageAnalysis).toBe('perTest');
    expect(existsSync(join(ROOT, stryker.default.vitest.configFile))).toBe(true);
  });

  it('the mutation vitest config lists unit tests that exist, and nothing that spawns bundles', () => {
    const include = mutationVitest.test?.include ?? [];
    for (const p of include) {
      expect(p.startsWith('tests/unit/'), p).toBe(true);
      if (!joiningTests.includes(p)) expect(matches(p).length, p).toBeGreaterThan(0);
    }
  });

  it('runs every unit test of the mutated domains, unless it is excluded by name', () => {
    const { include = [], exclude = [] } = mutationVitest.test ?? {};
    const included = new Set(include.flatMap(matches));
    for (const domain of ['compare', 'metrics', 'drift', 'sketch', 'report', 'github']) {
      for (const file of matches(`tests/unit/${domain}/*.test.ts`)) {
        expect(included.has(file) || exclude.includes(file), file).toBe(true);
      }
    }
  });

  it('runs weekly and on demand in .github/workflows/mutation.yml, and not in .ci/run', () => {
    const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', 'mutation.yml'), 'utf8')) as {
      on: { schedule: { cron: string }[]; workflow_dispatch: unknown };
      jobs: Record<string, { steps: { run?: string }[] }>;
    };
    expect(workflow.on.schedule).toHaveLength(1);
    expect('workflow_dispatch' in workflow.on).toBe(true);
    const runs = Object.values(workflow.jobs).flatMap((j) => j.steps.map((s) => s.run));
    expect(runs).toContain('npm run test:mutation');
    expect(runs).toContain('node scripts/mutation-scores.ts >> "$GITHUB_STEP_SUMMARY"');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['test:mutation']).toBe('stryker run');
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).not.toMatch(/stryker|test:mutation/);
  });
});

describe('scores per gate domain (scripts/mutation-scores.ts)', () => {
  const scores = (files: Record<string, string[]>) => {
    const dir = mkdtempSync(join(tmpdir(), 'mutation-scores-'));
    const report = join(dir, 'mutation.json');
    const mutants = (statuses: string[]) => statuses.map((status) => ({ status }));
    writeFileSync(
      report,
      JSON.stringify({
        files: Object.fromEntries(Object.entries(files).map(([f, s]) => [f, { mutants: mutants(s) }])),
      }),
    );
    return spawnSync(process.execPath, [join(ROOT, 'scripts', 'mutation-scores.ts'), report], { encoding: 'utf8' });
  };
  const killed = (n: number) => Array<string>(n).fill('Killed');

  it('counts killed and timed-out mutants against survivors and uncovered ones, not the marked equivalents', () => {
    const run = scores({
      'packages/core/src/compare/compare.ts': [...killed(8), 'Timeout', 'Survived', 'Ignored', 'Ignored'],
      'packages/core/src/drift/ks.ts': [...killed(9), 'NoCoverage'],
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('| compare | packages/core/src/compare/compare.ts | 12 | 2 | 90.0% |');
    expect(run.stdout).toContain('| drift | 90.0% |');
  });

  it('fails when one domain is below the target, even if the whole run is above it', () => {
    const run = scores({
      'packages/core/src/metrics/ranking.ts': killed(100),
      'packages/core/src/report/escape.ts': [...killed(8), 'Survived', 'Survived'],
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Below the 85% target: reportEscaping 80.0%.');
  });
});
