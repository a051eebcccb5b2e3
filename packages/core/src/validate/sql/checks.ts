/**
 * The schema checks of a SQL table: every count of every column in one SELECT of conditional aggregates (one scan
 * of the table), then the examples of the failed checks in one bounded query (`LIMIT 5` each, ordered by
 * `key-columns`). Bounds, allowed sets, patterns and lengths are bound parameters.
 */
import type { DataSchema } from '../../contracts/schema.ts';
import type { CheckResult } from '../../contracts/validation-report.ts';
import type { SqlEngine } from '../../sql/engine.ts';
import { boundValue, readAs } from '../cell-types.ts';
import { type Example, type ExampleKey, MAX_EXAMPLES } from '../examples.ts';
import type { ColumnPlan } from './column-plan.ts';
import { Params } from './params.ts';

type Leveled = { value: unknown; level: 'fail' | 'warn' };

/** One check of one column: the SQL condition of a failing row and how the result is reported. */
interface PlannedCheck {
  column: ColumnPlan;
  check: CheckResult['check'];
  rule: Leveled;
  /** Condition of a failing row (for `unique`, handled apart). */
  failing: string;
  /** Alias of its count in the aggregate row. */
  alias: string;
}

/** A bound (`min`, `max`) as the column's SQL value compares with it: a number, or ISO text for dates. */
function sqlBound(plan: ColumnPlan, bound: unknown): unknown {
  const typed = boundValue(plan.type, bound as number | string);
  if (typed === undefined) return undefined;
  if (plan.type === 'date') return new Date(typed as number).toISOString().slice(0, 10);
  if (plan.type === 'datetime') return new Date(typed as number).toISOString().slice(0, 19).replace('T', ' ');
  return typed;
}

/** The allowed values as the SQL value compares with them (numbers, text, `true`/`false`). */
function sqlAllowed(plan: ColumnPlan, values: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    const typed = readAs(plan.type, v as string | number | boolean);
    if (typed === undefined) continue;
    out.push(
      plan.type === 'boolean' ? String(typed) : plan.type === 'date' || plan.type === 'datetime' ? String(v) : typed,
    );
  }
  return out;
}

export interface CheckRun {
  rows: number;
  checks: CheckResult[];
  /** Per column: nulls and rows (the summaries need them too). */
  nulls: Map<string, number>;
  /** Distinct values of the columns declared unique (counted for the check; the summaries reuse them). */
  distinct: Map<string, number>;
}

export async function runChecks(
  engine: SqlEngine,
  relation: string,
  plans: ColumnPlan[],
  params: Params,
  keyColumns: readonly string[],
  schema: DataSchema | undefined,
): Promise<CheckRun> {
  const d = engine.dialect;
  const select: string[] = ['count(*) AS rows_total'];
  const planned: PlannedCheck[] = [];
  const extras: { column: ColumnPlan; alias: string; kind: 'min' | 'max' | 'distinct' | 'good' }[] = [];
  plans.forEach((plan, i) => {
    select.push(`${d.countIf(plan.isNull)} AS n${i}`);
    const s = plan.schema;
    if (!s) return;
    const add = (check: CheckResult['check'], rule: Leveled | undefined, failing: string) => {
      if (!rule) return;
      const alias = `c${i}_${planned.length}`;
      planned.push({ column: plan, check, rule, failing, alias });
      if (check !== 'unique') select.push(`${d.countIf(failing)} AS ${alias}`);
    };
    add('type', { value: s.type, level: 'fail' }, `(NOT ${plan.isNull} AND NOT ${plan.good})`);
    if (s.nullable?.value === false) add('nullable', s.nullable, plan.isNull);
    if (s['max-null-fraction']) add('max-null-fraction', s['max-null-fraction'], plan.isNull);
    if (s.unique?.value) {
      add('unique', s.unique, '');
      select.push(
        `${d.countIf(plan.good)} AS g${i}`,
        `count(DISTINCT CASE WHEN ${plan.good} THEN ${plan.value} END) AS u${i}`,
      );
    }
    for (const side of ['min', 'max'] as const) {
      const rule = s[side];
      if (!rule) continue;
      const bound = sqlBound(plan, rule.value);
      const op = side === 'min' ? '<' : '>';
      add(side, rule, bound === undefined ? 'FALSE' : `(${plan.good} AND ${plan.value} ${op} ${params.add(bound)})`);
      select.push(`${side}(CASE WHEN ${plan.good} THEN ${plan.value} END) AS ${side}${i}`);
      extras.push({ column: plan, alias: `${side}${i}`, kind: side });
    }
    if (s.allowed) {
      const values = sqlAllowed(plan, s.allowed.value);
      add(
        'allowed',
        s.allowed,
        values.length
          ? `(${plan.good} AND ${plan.value} NOT IN (${values.map((v) => params.add(v)).join(', ')}))`
          : plan.good,
      );
    }
    if (s.pattern)
      add('pattern', s.pattern, `(${plan.good} AND NOT ${d.regexContains(plan.text, params.add(s.pattern.value))})`);
    if (s['min-length'])
      add(
        'min-length',
        s['min-length'],
        `(${plan.good} AND ${d.textLength(plan.text)} < ${params.add(s['min-length'].value)})`,
      );
    if (s['max-length'])
      add(
        'max-length',
        s['max-length'],
        `(${plan.good} AND ${d.textLength(plan.text)} > ${params.add(s['max-length'].value)})`,
      );
  });

  const main = params.bind(`SELECT ${select.join(',\n  ')}\nFROM ${relation}`);
  const [row] = await engine.query(main.sql, main.values);
  const num = (alias: string) => Number(row![alias] ?? 0);
  const rows = num('rows_total');
  const nulls = new Map(plans.map((p, i) => [p.name, num(`n${i}`)]));

  const counts = new Map<PlannedCheck, number>();
  for (const c of planned) {
    const i = plans.indexOf(c.column);
    counts.set(c, c.check === 'unique' ? num(`g${i}`) - num(`u${i}`) : num(c.alias));
  }
  const failedChecks = planned.filter((c) => {
    if (c.check === 'max-null-fraction') return rows > 0 && num(`n${plans.indexOf(c.column)}`) > 0;
    return counts.get(c)! > 0;
  });
  const examples = await fetchExamples(engine, relation, failedChecks, params, keyColumns, plans);

  const checks: CheckResult[] = [];
  for (const c of planned) {
    const i = plans.indexOf(c.column);
    const failing = counts.get(c)!;
    const base = {
      column: c.column.name,
      check: c.check,
      level: c.rule.level,
      failing_rows: failing,
      expected: c.rule.value as CheckResult['expected'],
      examples: examples.get(c) ?? [],
    };
    const observedOf = (side: 'min' | 'max') => {
      const v = row![`${side}${i}`];
      return v === null || v === undefined ? null : (v as string | number);
    };
    switch (c.check) {
      case 'type':
        checks.push({
          ...base,
          passed: failing === 0,
          observed: failing ? `${failing} value(s) not of type ${c.column.type}` : c.column.type,
        });
        break;
      case 'nullable':
        checks.push({ ...base, passed: failing === 0, observed: num(`n${i}`) });
        break;
      case 'max-null-fraction': {
        const fraction = rows ? num(`n${i}`) / rows : 0;
        checks.push({ ...base, passed: fraction <= (c.rule.value as number), observed: fraction });
        break;
      }
      case 'min':
      case 'max':
        checks.push({ ...base, passed: failing === 0, observed: observedOf(c.check) });
        break;
      default:
        checks.push({ ...base, passed: failing === 0 });
    }
  }
  if (schema) checks.push(...tableLevel(plans, schema, rows));
  const distinct = new Map<string, number>();
  plans.forEach((p, i) => {
    if (row![`u${i}`] !== undefined) distinct.set(p.name, num(`u${i}`));
  });
  return { rows, checks, nulls, distinct };
}

/** `present` (schema columns missing from the table, table columns the schema does not name) and `rows`. */
function tableLevel(plans: ColumnPlan[], schema: DataSchema, rows: number): CheckResult[] {
  const out: CheckResult[] = [];
  const names = new Set(plans.map((p) => p.name));
  for (const name of Object.keys(schema.columns))
    if (!names.has(name))
      out.push({
        column: name,
        check: 'present',
        passed: false,
        level: 'fail',
        failing_rows: 0,
        expected: true,
        observed: false,
        examples: [],
        message: 'column is in the schema but not in the data',
      });
  for (const p of plans)
    if (!schema.columns[p.name])
      out.push({
        column: p.name,
        check: 'present',
        passed: false,
        level: 'warn',
        failing_rows: 0,
        expected: false,
        observed: true,
        examples: [],
        message: 'column is in the data but not in the schema',
      });
  if (schema.rows) {
    const { min, max } = schema.rows;
    out.push({
      column: null,
      check: 'rows',
      passed: (min === undefined || rows >= min) && (max === undefined || rows <= max),
      level: 'fail',
      failing_rows: 0,
      expected: { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) },
      observed: rows,
      examples: [],
    });
  }
  return out;
}

/**
 * Up to five failing rows of each failed check, in one query: a UNION ALL of bounded selects, each ordered by the
 * key columns (by the value when there are none, so the examples are the same on every run).
 */
async function fetchExamples(
  engine: SqlEngine,
  relation: string,
  failed: PlannedCheck[],
  params: Params,
  keyColumns: readonly string[],
  plans: ColumnPlan[],
): Promise<Map<PlannedCheck, Example[]>> {
  const out = new Map<PlannedCheck, Example[]>();
  if (!failed.length) return out;
  const d = engine.dialect;
  // a key the schema declares numeric is ordered and shown as a number even when the table stores it as text
  const keys = keyColumns.map((k) => {
    const plan = plans.find((p) => p.name === k);
    return plan?.schema && plan.numeric ? plan.value : d.identifier(k);
  });
  const parts = failed.map((c, n) => {
    const value = c.check === 'nullable' || c.check === 'max-null-fraction' ? 'NULL' : c.column.text;
    const keySelect = keys.map((k, j) => `${k} AS k${j}`);
    const order = keys.length ? keys.join(', ') : value === 'NULL' ? '1' : value;
    const cols = [
      `${n} AS check_index`,
      `ROW_NUMBER() OVER (ORDER BY ${order}) AS example_rank`,
      `${d.toText(value)} AS value`,
      ...keySelect,
    ].join(', ');
    if (c.check === 'unique') {
      // the rows that repeat a value seen before (in key order), as the file mode reports the second and later
      const rank = `ROW_NUMBER() OVER (PARTITION BY ${c.column.value} ORDER BY ${keys.length ? keys.join(', ') : c.column.text}) AS modelgate_rank`;
      const inner = `SELECT *, ${rank} FROM ${relation} WHERE ${c.column.good}`;
      return `SELECT * FROM (SELECT ${cols} FROM (${inner}) AS modelgate_ranked WHERE modelgate_rank > 1 ORDER BY ${order} ${d.limit(MAX_EXAMPLES)}) AS e${n}`;
    }
    return `SELECT * FROM (SELECT ${cols} FROM ${relation} WHERE ${c.failing} ORDER BY ${order} ${d.limit(MAX_EXAMPLES)}) AS e${n}`;
  });
  const q = params.bind(parts.join('\nUNION ALL\n'));
  const rows = await engine.query(q.sql, q.values);
  rows.sort((a, b) => Number(a['example_rank']) - Number(b['example_rank']));
  for (const r of rows) {
    const c = failed[Number(r['check_index'])]!;
    const example: Example = { value: r['value'] === null || r['value'] === undefined ? null : String(r['value']) };
    if (keyColumns.length)
      example.key = Object.fromEntries(keyColumns.map((k, j) => [k, (r[`k${j}`] ?? null) as ExampleKey[string]]));
    const list = out.get(c) ?? [];
    list.push(example);
    out.set(c, list);
  }
  return out;
}
