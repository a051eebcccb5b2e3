import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataSchema } from '@modelgate/core/contracts/schema';
import { ValidationReport } from '@modelgate/core/contracts/validation-report';
import { openTable } from '@modelgate/core/data/open';
import { parseDocumentText } from '@modelgate/core/inputs/document';
import { validateData } from '@modelgate/core/validate/validate-data';

const dir = new URL('../../fixtures/validate/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('planted.expected.json', dir), 'utf8')) as {
  rows: number;
  failing: { column: string; check: string; level: string; failing_rows: number; rows: number[] }[];
  present: { column: string; level: string }[];
};

async function run(failOn: 'error' | 'warning' | 'never' = 'error') {
  const schema = parseDataSchema(
    parseDocumentText(readFileSync(new URL('planted.schema.yml', dir), 'utf8'), { file: 'planted.schema.yml' }),
  );
  const data = await openTable(new URL('planted.csv', dir).pathname);
  return validateData({ data, schema, driftMethods: {}, driftShare: 0.5, failOn, failOnDrift: false, guessAll: false });
}

describe('schema checks on planted defects', () => {
  it('finds every planted defect with its count, level and 1-based example rows', async () => {
    const v = await run();
    expect(v.scan.rows).toBe(expected.rows);
    for (const e of expected.failing) {
      const c = v.checks.find((x) => x.column === e.column && x.check === e.check);
      expect(c, `${e.column}.${e.check}`).toBeDefined();
      expect({
        passed: c!.passed,
        level: c!.level,
        failing_rows: c!.failing_rows,
        rows: c!.examples.map((x) => x.row),
      }).toEqual({
        passed: false,
        level: e.level,
        failing_rows: e.failing_rows,
        rows: e.rows.slice(0, 5),
      });
    }
  });

  it('reports nothing else as failing except present and rows', async () => {
    const v = await run();
    const planted = new Set(expected.failing.map((e) => `${e.column}.${e.check}`));
    const extra = v.checks
      .filter((c) => !c.passed && !planted.has(`${c.column}.${c.check}`))
      .map((c) => `${c.column}.${c.check}`);
    expect(extra.sort()).toEqual(['note.present', 'null.rows', 'region.present']);
  });

  it('reports a schema column missing from the data as a failure and an unnamed data column as a warning', async () => {
    const v = await run();
    for (const p of expected.present)
      expect(v.checks.find((c) => c.column === p.column && c.check === 'present')?.level).toBe(p.level);
  });

  it('gives examples with the offending value and observed extremes', async () => {
    const v = await run();
    const max = v.checks.find((c) => c.column === 'age' && c.check === 'max')!;
    expect(max.examples).toEqual([
      { row: 12, value: '150' },
      { row: 25, value: '200' },
    ]);
    expect(max.observed).toBe(200);
    expect(v.checks.find((c) => c.column === 'signup' && c.check === 'min')!.observed).toBe('2019-12-31');
  });

  it('writes a report that matches the docs/formats.md schema and fails the verdict', async () => {
    const v = await run();
    expect(ValidationReport.safeParse(v.report).success).toBe(true);
    expect(v.report.passed).toBe(false);
  });

  it('warn-level failures alone do not fail the verdict under fail-on error, but do under warning', async () => {
    const schema = parseDataSchema(
      parseDocumentText('columns:\n  code: { type: string, max-length: { value: 5, level: warn } }\n', {}),
    );
    const go = async (failOn: 'error' | 'warning') =>
      (
        await validateData({
          data: await openTable(new URL('planted.csv', dir).pathname, { columns: ['code'] }),
          schema,
          driftMethods: {},
          driftShare: 0.5,
          failOn,
          failOnDrift: false,
          guessAll: false,
        })
      ).report.passed;
    expect(await go('error')).toBe(true);
    expect(await go('warning')).toBe(false);
  });
});
