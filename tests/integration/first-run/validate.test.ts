/**
 * A new user's first validation (issue 13): the schema inferred on the training split passes the holdout, the
 * profile stays small, and the report puts what matters first in words a reviewer reads at a glance.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { project, readCsv, run, writeCsv } from './project.ts';

interface Check {
  column: string | null;
  check: string;
  passed: boolean;
  level: string;
}

describe('validate-data on a first project (breast-cancer)', () => {
  it('infers a schema on the train split that the holdout of the same distribution passes', async () => {
    const cwd = project();
    const infer = await run('validate-data', cwd, {
      data: 'breast-cancer/train.csv',
      'infer-schema': 'schema.yml',
      report: 'train-report.json',
    });
    expect(infer.exitCode).toBe(0);
    const schema = parse(readFileSync(join(cwd, 'schema.yml'), 'utf8')) as {
      columns: Record<string, Record<string, unknown>>;
    };
    // types and nullability fail; ranges only warn, widened beyond what the training split held
    expect(schema.columns.worst_symmetry).toEqual({
      type: 'number',
      nullable: false,
      min: { value: expect.any(Number), level: 'warn' },
      max: { value: expect.any(Number), level: 'warn' },
    });
    const train = readCsv(join(cwd, 'breast-cancer/train.csv'));
    const at = train.header.indexOf('worst_symmetry');
    const values = train.rows.map((r) => Number(r[at]));
    const min = (schema.columns.worst_symmetry!.min as { value: number }).value;
    expect(min).toBeLessThan(Math.min(...values));
    expect(String(min).length).toBeLessThanOrEqual(4); // rounded: 0.1, not 0.1566
    expect(schema.columns.size_band).toMatchObject({ type: 'integer', min: { value: 0 }, max: { level: 'warn' } });

    const holdout = await run('validate-data', cwd, {
      data: 'breast-cancer/holdout.csv',
      schema: 'schema.yml',
      report: 'holdout-report.json',
    });
    expect(holdout.errors).toEqual([]);
    expect(holdout.exitCode).toBe(0);
    expect(holdout.outputs.passed).toBe('true');
    expect(holdout.outputs['failed-checks']).toBe('0');
    const report = JSON.parse(readFileSync(join(cwd, 'holdout-report.json'), 'utf8')) as { checks: Check[] };
    expect(report.checks.filter((c) => !c.passed && c.level === 'fail')).toEqual([]);
    expect(report.checks.filter((c) => c.check === 'type' || c.check === 'nullable').every((c) => c.passed)).toBe(true);
    // the data's types still fail when they break: a text cell in a number column
    const broken = readCsv(join(cwd, 'breast-cancer/holdout.csv'));
    broken.rows[3]![0] = 'n/a';
    writeCsv(join(cwd, 'broken.csv'), broken);
    const bad = await run('validate-data', cwd, { data: 'broken.csv', schema: 'schema.yml', report: 'bad.json' });
    expect(bad.exitCode).toBe(1);
    expect(bad.summary).toMatch(/\| mean\\_radius \| type \| fail \| 1 \|/);
  });

  it("bounds the profile per column: an 85 KB, 32-column training split's profile is about its size", async () => {
    const cwd = project();
    const data = join(cwd, 'breast-cancer/train.csv');
    const r = await run('validate-data', cwd, { data: 'breast-cancer/train.csv', profile: 'profile.json' });
    expect(r.exitCode).toBe(0);
    const text = readFileSync(join(cwd, 'profile.json'), 'utf8');
    const profile = JSON.parse(text) as { columns: Record<string, { top_values: unknown; distinct: object }> };
    // 402 KB before (every float kept as a category, every value kept for the distinct count)
    expect(statSync(data).size).toBeGreaterThan(80_000);
    expect(text.length).toBeLessThan(1.4 * statSync(data).size);
    for (const [name, column] of Object.entries(profile.columns)) {
      expect(JSON.stringify(column).length, name).toBeLessThan(25_000);
      expect(JSON.stringify(column.distinct).length, name).toBeLessThan(3_000);
    }
    // continuous numbers keep no value counts (their drift reads the quantiles); the integer band keeps them
    expect(profile.columns.mean_radius!.top_values).toBeNull();
    expect(profile.columns.size_band!.top_values).not.toBeNull();

    // and it still serves as the reference: the holdout does not drift from it
    const drift = await run('validate-data', cwd, { data: 'breast-cancer/holdout.csv', reference: 'profile.json' });
    expect(drift.exitCode).toBe(0);
    expect(JSON.parse(drift.outputs['drifted-columns']!)).toEqual([]);
  });

  it('reports drifted columns first, charts them readably and words checks for a reader', async () => {
    const cwd = project();
    // a batch where two columns moved: the tumours are larger, and the size bands shift up
    const batch = readCsv(join(cwd, 'breast-cancer/holdout.csv'));
    const area = batch.header.indexOf('mean_area');
    const band = batch.header.indexOf('size_band');
    for (const [i, row] of batch.rows.entries()) {
      row[area] = String(Number(row[area]) * 1.6);
      if (i % 2 === 0) row[band] = String(Math.min(3, Number(row[band]) + 1));
    }
    writeCsv(join(cwd, 'batch.csv'), batch);
    const infer = await run('validate-data', cwd, { data: 'breast-cancer/train.csv', 'infer-schema': 'schema.yml' });
    expect(infer.exitCode).toBe(0);
    const r = await run('validate-data', cwd, {
      data: 'batch.csv',
      schema: 'schema.yml',
      reference: 'breast-cancer/train.csv',
      comment: 'true',
    });
    expect(r.exitCode).toBe(0); // drift is reported, and the widened ranges only warn
    expect(JSON.parse(r.outputs['drifted-columns']!)).toEqual(['mean_area', 'size_band']);
    const md = r.summary;
    const driftRows = md
      .slice(md.indexOf('### Drift'))
      .split('\n')
      .filter((l) => /^\| [a-z]/.test(l) && !l.startsWith('| Column'));
    expect(driftRows.slice(0, 2).map((l) => l.split(' | ')[0])).toEqual(['| mean\\_area', '| size\\_band']);
    // the 30 that held are folded below the two that drifted
    const held = md.search(/<details><summary>30 columns without drift<\/summary>/);
    expect(held).toBeGreaterThan(md.indexOf('| size\\_band | chi2'));
    // a maximum reads as one; a warning is a warning; passing rows carry no level
    expect(md).toMatch(/\| mean\\_area \| max \| warn \| \d+ \| ≤ \d+ \|/);
    const passing = md.slice(md.indexOf('passing checks</summary>'));
    expect(passing.split('\n')[2]).toBe('| Column | Check | Expected | Observed |');
    expect(passing).not.toMatch(/\| fail \|/);
    // charts: integer categories in order, no exponent labels, current as bars under the reference's line
    const sizeChart = md.slice(md.indexOf('size_band: current vs reference'));
    expect(sizeChart).toMatch(/x-axis \["0", "1", "2", "3"\]/);
    expect(md).not.toMatch(/\de[+-]\d/);
    expect(md).toContain('Blue bars: current data. Orange line: reference.');
    expect(md).toMatch(/```mermaid\n%%\{init: [^\n]*plotColorPalette[^\n]*\}%%\nxychart-beta/);
    // no absolute runner path anywhere in what a reviewer reads
    expect(r.comment).toBeDefined();
    expect(r.comment).not.toContain(cwd);
    expect(md).not.toContain(cwd);
  });

  it('shows a regex as copyable code, without zero-width spaces', async () => {
    const cwd = project({
      'ids.csv': 'patient,site\nP-0001#a,north\nP-0002#b,south\nX-3,north\n',
      'ids.yml': 'columns:\n  patient: { type: string, pattern: "^P-\\\\d{4}#[a-z]$" }\n  site: { type: string }\n',
    });
    const r = await run('validate-data', cwd, { data: 'ids.csv', schema: 'ids.yml' });
    expect(r.exitCode).toBe(1);
    expect(r.summary).toContain('| patient | pattern | fail | 1 | `^P-\\d{4}#[a-z]$` |');
    expect(r.summary).not.toContain('&#8203;');
  });

  it('reports every typo of a schema at once, each with its line', async () => {
    const cwd = project({
      'typos.yml':
        'columns:\n  mean_radius:\n    tpye: number\n  mean_texture:\n    type: number\n    nulable: false\n',
    });
    const r = await run('validate-data', cwd, { data: 'breast-cancer/holdout.csv', schema: 'typos.yml' });
    expect(r.exitCode).toBe(1);
    const error = r.errors.join('\n');
    expect(error).toContain("'tpye'");
    expect(error).toContain("'nulable'");
    expect(error).toMatch(/line=3::/);
    expect(error).toContain('line 6');
    // a configuration error still leaves a job summary saying what stopped the run
    expect(r.summary).toMatch(/^## validate-data: ❌ configuration error\n\n.*tpye/);
  });
});
