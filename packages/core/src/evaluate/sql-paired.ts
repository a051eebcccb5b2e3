/**
 * The paired comparison in SQL mode (evaluate-model `baseline-predictions` with `connection`): the baseline is a
 * table or a SELECT/WITH query on the same connection, paired with the predictions by `key-column` in the engine.
 * Only aggregates cross the wire: the pairing checks (keys on one side only, repeated keys, differing labels) are
 * aggregate queries; McNemar's test reads the 2×2 counts of one GROUP BY over the join; DeLong's test reads, per
 * class, the sums of the placements and of their squared deviations, the placements made by window functions over
 * each model's scores. The paired bootstrap (every other metric, and accuracy's interval) needs the rows: left out,
 * with a warning.
 *
 * Keys are compared as trimmed text on both sides, as sql-labels.ts and the file mode compare them.
 */
import type { Comparison, PairedMetric } from '../contracts/metrics.ts';
import { inputError, UserError } from '../errors.ts';
import { delongFromSums } from '../metrics/paired/delong.ts';
import { mcnemar } from '../metrics/paired/mcnemar.ts';
import type { MetricValues, Task, Warn } from '../metrics/types.ts';
import { RUNNING, type MetricDialect } from '../sql/metrics/sql-dialect.ts';
import { num } from '../sql/metrics/values.ts';
import { Params } from '../sql/metrics/query.ts';
import type { SqlSource } from '../sql/source.ts';
import { thousands } from '../log.ts';

type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** At most this many keys on one side only are named in the error. */
const SHOWN = 5;

export interface SqlPairing {
  dialect: MetricDialect;
  query: Query;
  current: SqlSource;
  currentColumns: string[];
  baseline: SqlSource;
  baselineColumns: string[];
  keyColumn: string | undefined;
  /**
   * Both sides' key columns hold integers (the engine's integer types): they are then paired on their values, which
   * pair exactly as their texts do, and the join's hash table holds 8-byte keys rather than strings.
   */
  integerKeys?: boolean;
  labelColumn: string;
  predictionColumn: string;
  scoreColumn: string | undefined;
}

/** Refuses a baseline without key-column: a table has no row order to pair by. */
export function requireKeyColumn(keyColumn: string | undefined): string {
  if (!keyColumn)
    throw inputError(
      'key-column',
      'is needed with baseline-predictions when connection is set: a table or query has no row order, so the rows are paired by a key column both sides share (e.g. an id).',
    );
  return keyColumn;
}

/** Checks that every key is once on each side and the labels agree; returns the paired rows as a FROM item. */
export async function pairInEngine(p: SqlPairing): Promise<{ relation: string; rows: number }> {
  const { dialect: d, query, current, baseline, labelColumn } = p;
  const keyColumn = requireKeyColumn(p.keyColumn);
  for (const [source, columns, input] of [
    [current, p.currentColumns, 'predictions'],
    [baseline, p.baselineColumns, 'baseline-predictions'],
  ] as const)
    if (!columns.includes(keyColumn))
      throw inputError(
        'key-column',
        `no column '${keyColumn}' in ${source.text} (${input}); the columns are: ${columns.join(', ')}`,
        { field: keyColumn },
      );
  const id = (n: string) => d.identifier(n);
  const key = p.integerKeys ? id(keyColumn) : `TRIM(${d.toText(id(keyColumn))})`;
  const side = (s: SqlSource, alias: string) =>
    `(SELECT ${key} AS ${id('modelgate_key')}, * FROM ${s.relation}) AS ${id(alias)}`;

  // a key repeated on either side
  for (const [source, input] of [
    [current, 'predictions'],
    [baseline, 'baseline-predictions'],
  ] as const) {
    const dup = (
      await query(
        `SELECT ${key} AS k, COUNT(*) AS n FROM ${source.relation} WHERE ${id(keyColumn)} IS NOT NULL GROUP BY ${key} ` +
          `HAVING COUNT(*) > 1 ORDER BY ${key} LIMIT 1`,
        [],
      )
    )[0];
    if (dup)
      throw new UserError(
        `the key ${JSON.stringify(String(dup['k']))} of column '${keyColumn}' occurs ${num(dup['n'])} times in ${source.text} (${input}); ` +
          'each key must occur once on each side to pair the rows.',
        { input, field: keyColumn },
      );
  }

  // keys on one side only (a row without a key is on its side only)
  const c = `${id('c')}.${id('modelgate_key')}`,
    b = `${id('b')}.${id('modelgate_key')}`;
  const outer = `${side(current, 'c')} FULL OUTER JOIN ${side(baseline, 'b')} ON ${c} = ${b}`;
  const counts = (
    await query(
      `SELECT COUNT(*) AS n, ${countWhen(`${b} IS NULL`)} AS only_current, ${countWhen(`${c} IS NULL`)} AS only_baseline FROM ${outer}`,
      [],
    )
  )[0];
  const onlyCurrent = num(counts?.['only_current']),
    onlyBaseline = num(counts?.['only_baseline']);
  if (onlyCurrent || onlyBaseline) {
    const parts: string[] = [];
    for (const [n, mine, other, text, input] of [
      [onlyCurrent, c, b, current.text, 'predictions'],
      [onlyBaseline, b, c, baseline.text, 'baseline-predictions'],
    ] as const) {
      if (!n) continue;
      const shown = await query(
        `SELECT ${mine} AS k FROM ${outer} WHERE ${other} IS NULL ORDER BY ${mine} LIMIT ${SHOWN}`,
        [],
      );
      const keys = shown.map((r) => (r['k'] === null ? '(no key)' : JSON.stringify(String(r['k']))));
      parts.push(`${thousands(n)} key(s) only in ${text} (${input}): ${keys.join(', ')}${n > SHOWN ? ', …' : ''}`);
    }
    throw new UserError(`${parts.join('; ')}. Both sides must hold the same rows, each key once on each side.`, {
      input: 'key-column',
      field: keyColumn,
    });
  }

  const label = id(labelColumn);
  const inner = `${side(current, 'c')} INNER JOIN ${side(baseline, 'b')} ON ${c} = ${b}`;
  const ct = d.toText(`${id('c')}.${label}`),
    bt = d.toText(`${id('b')}.${label}`);
  const differs = (
    await query(
      `SELECT ${c} AS k, ${ct} AS mine, ${bt} AS theirs FROM ${inner} ` +
        `WHERE NOT (${ct} = ${bt} OR (${ct} IS NULL AND ${bt} IS NULL)) ORDER BY ${c} LIMIT 1`,
      [],
    )
  )[0];
  if (differs)
    throw new UserError(
      `the true labels differ at key ${JSON.stringify(String(differs['k']))}: ${JSON.stringify(differs['mine'])} in the predictions, ` +
        `${JSON.stringify(differs['theirs'])} in the baseline. Paired rows must hold the same label.`,
      { input: 'baseline-predictions', field: labelColumn },
    );

  const pick = (alias: string, column: string, as: string) => `${id(alias)}.${id(column)} AS ${id(as)}`;
  const columns = [
    `${c} AS ${id('modelgate_key')}`,
    pick('c', labelColumn, 'y'),
    pick('c', p.predictionColumn, 'cp'),
    pick('b', p.predictionColumn, 'bp'),
    ...(p.scoreColumn ? [pick('c', p.scoreColumn, 'cs'), pick('b', p.scoreColumn, 'bs')] : []),
  ];
  return {
    relation: `(SELECT ${columns.join(', ')} FROM ${inner}) AS ${id('modelgate_paired')}`,
    rows: num(counts?.['n']),
  };
}

function countWhen(condition: string): string {
  return `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
}

/**
 * The comparison block from the paired rows: McNemar for accuracy, DeLong for roc_auc (binary, with scores), the
 * other metrics left out (one warning says why and how to get them).
 */
export async function comparePairedInEngine(
  args: {
    dialect: MetricDialect;
    query: Query;
    relation: string;
    task: Task;
    /** The positive label as the engine writes it (binary). */
    positive: string | undefined;
    scores: boolean;
    currentMetrics: MetricValues;
    baselineMetrics: MetricValues;
    baseline: { predictions: string; sha256: string };
  },
  warn: Warn,
): Promise<Comparison> {
  const { dialect: d, query, relation, currentMetrics, baselineMetrics } = args;
  const id = (n: string) => d.identifier(n);
  const names = Object.keys(currentMetrics).filter((n) => n in baselineMetrics);
  const paired: Record<string, PairedMetric> = {};
  const values = (name: string) => ({
    baseline: baselineMetrics[name]!,
    current: currentMetrics[name]!,
    difference: currentMetrics[name]! - baselineMetrics[name]!,
  });
  const left: string[] = [];

  if (names.includes('accuracy') && args.task !== 'regression') {
    const y = d.toText(id('y'));
    const right = (pred: string) => `${d.toText(id(pred))} = ${y}`;
    const cells = (
      await query(
        `SELECT COUNT(*) AS n, ${countWhen(right('cp'))} AS cr, ${countWhen(right('bp'))} AS br, ` +
          `${countWhen(`${right('bp')} AND NOT (${right('cp')})`)} AS b, ${countWhen(`${right('cp')} AND NOT (${right('bp')})`)} AS c FROM ${relation}`,
        [],
      )
    )[0];
    // rows are right here when the texts are equal; the metrics make labels canonical first (1 and 1.0 are one
    // label): when the two disagree, the counts are not the accuracy's, and McNemar is left out rather than wrong
    const n = num(cells?.['n']);
    const agrees = (count: unknown, accuracy: number) => Math.abs(num(count) / n - accuracy) <= 1e-12;
    if (
      n > 0 &&
      agrees(cells?.['cr'], currentMetrics['accuracy']!) &&
      agrees(cells?.['br'], baselineMetrics['accuracy']!)
    ) {
      const test = mcnemar(num(cells?.['b']), num(cells?.['c']));
      paired['accuracy'] = { ...values('accuracy'), level: 0.95, p_value: test.p_value, test: 'mcnemar' };
    } else
      warn(
        "accuracy: the labels and predictions are written differently as text (e.g. 1 and 1.0), so McNemar's counts in the engine would not match accuracy; cast them to one type in a query to get the test",
      );
  }

  if (names.includes('roc_auc') && args.task === 'binary' && args.scores && args.positive !== undefined) {
    const roc = await delongInEngine(d, query, relation, args.positive, values('roc_auc').difference);
    if (roc)
      paired['roc_auc'] = {
        ...values('roc_auc'),
        low: roc.low,
        high: roc.high,
        level: 0.95,
        p_value: roc.p_value,
        statistic: roc.statistic,
        test: 'delong',
      };
    else
      warn(
        "roc_auc: DeLong's test needs two rows of each class and a standard error above 0, so it has no paired comparison",
      );
  }
  for (const name of names) if (!(name in paired)) left.push(name);
  if (left.length || 'accuracy' in paired)
    warn(
      `the paired bootstrap needs the rows, which SQL mode does not read: ${left.length ? `${left.join(', ')} ha${left.length === 1 ? 's' : 've'} no paired comparison` : ''}` +
        `${left.length && 'accuracy' in paired ? ', and ' : ''}${'accuracy' in paired ? "accuracy's difference has no interval (McNemar's p-value is there)" : ''}` +
        '. Export both predictions to files and run evaluate-model without connection to get them.',
    );
  return { baseline: { ...args.baseline, metrics: baselineMetrics }, paired };
}

/** The session tables of DeLong's stages (DuckDB): the paired rows, then those rows with the current model's placement. */
const STAGES = { rows: 'modelgate_delong_rows', first: 'modelgate_delong_first' } as const;

/**
 * DeLong's test in the engine. Per model, the rows grouped by score give the counts of each class at each score;
 * running sums over the scores give each case's placement ((controls below + ½ tied) / controls) and each
 * control's ((cases above + ½ tied) / cases). Joined back to the paired rows, the sums of the cases' placements are
 * the AUCs, and per class the sum of squared deviations of the placement differences from `difference` (the AUCs'
 * difference, which is the mean of the differences in either class) gives the variance: the query sums
 * (v1 − v2 − difference)² and the exact identity Σ(x − m)² = Σ(x − a)² − n(m − a)² moves it to the class's own mean
 * m, so nothing is joined back a second time.
 *
 * Joining the rows to both models' placements in one query holds two hash tables of up to one row per distinct
 * score; under DuckDB's buffer pool that does not fit (2M rows needed a 256 MB pool), so where the session can hold
 * tables of its own (`sessionTable`) it runs in stages, one join each: the paired rows, then the rows with the
 * current model's placement, then the baseline's placement and the sums.
 */
async function delongInEngine(d: MetricDialect, query: Query, relation: string, positive: string, difference: number) {
  const id = (n: string) => d.identifier(n);
  // each query numbers its own parameters: the positive label, the AUCs' difference
  const rows = (p: Params) =>
    `SELECT CASE WHEN ${d.toText(id('y'))} = ${p.add(positive)} THEN 1 ELSE 0 END AS y, ` +
    `${d.toDouble(id('cs'))} AS s1, ${d.toDouble(id('bs'))} AS s2 FROM ${relation}`;
  const totals = (from: string) =>
    `SELECT ${d.toDouble('SUM(y)')} AS cases, ${d.toDouble('COUNT(*) - SUM(y)')} AS controls FROM ${from}`;
  // the running sums are the dialect's ordered windows (streamed in DuckDB), the class totals a grouped CTE: no
  // window holds the whole table
  const placement = (from: string, s: string) => {
    const o = d.ordered(
      `(SELECT g.s, g.gp, g.gn, totals.cases, totals.controls FROM ` +
        `(SELECT ${s} AS s, SUM(y) AS gp, COUNT(*) - SUM(y) AS gn FROM ${from} GROUP BY ${s}) AS g CROSS JOIN totals) AS gt`,
      's DESC',
    );
    return (
      `SELECT s, (controls - SUM(gn) ${o.over(RUNNING)} + gn / 2.0) / controls AS case_value, ` +
      `(SUM(gp) ${o.over(RUNNING)} - gp / 2.0) / cases AS control_value FROM ${o.from}`
    );
  };
  const v = (from: string, m: string) => `CASE WHEN ${from}.y = 1 THEN ${m}.case_value ELSE ${m}.control_value END`;
  const sums = (from: string, p: Params) => {
    const a = d.toDouble(p.add(difference));
    return (
      `SELECT y, COUNT(*) AS n, ${d.exactSum('v1')} AS sum1, ${d.exactSum('v2')} AS sum2, ` +
      `${d.exactSum(`(v1 - v2 - ${a}) * (v1 - v2 - ${a})`)} AS squared FROM ${from} GROUP BY y`
    );
  };
  let out: Record<string, unknown>[];
  if (d.sessionTable) {
    const r = id(STAGES.rows),
      f = id(STAGES.first);
    const p = new Params(d);
    const staged = d.sessionTable(STAGES.rows, rows(p));
    const first = d.sessionTable(
      STAGES.first,
      `WITH totals AS (${totals(r)}), p1 AS (${placement(r, 's1')}) ` +
        `SELECT r.y, r.s2, ${v('r', 'p1')} AS v1 FROM ${r} AS r JOIN p1 ON r.s1 = p1.s`,
    );
    try {
      await query(staged.create, p.values);
      await query(first.create, []);
      await query(staged.drop, []);
      const last = new Params(d);
      out = await query(
        `WITH totals AS (${totals(f)}), p2 AS (${placement(f, 's2')}) ` +
          sums(`(SELECT f.y, f.v1, ${v('f', 'p2')} AS v2 FROM ${f} AS f JOIN p2 ON f.s2 = p2.s) AS v`, last),
        last.values,
      );
    } finally {
      // gone with the session anyway; a failed drop must not hide the error that got here
      await query(staged.drop, []).catch(() => undefined);
      await query(first.drop, []).catch(() => undefined);
    }
  } else {
    const p = new Params(d);
    out = await query(
      `WITH r AS (${rows(p)}), totals AS (${totals('r')}), p1 AS (${placement('r', 's1')}), p2 AS (${placement('r', 's2')}) ` +
        sums(
          `(SELECT r.y, ${v('r', 'p1')} AS v1, ${v('r', 'p2')} AS v2 FROM r JOIN p1 ON r.s1 = p1.s JOIN p2 ON r.s2 = p2.s) AS v`,
          p,
        ),
      p.values,
    );
  }
  const byClass = new Map(out.map((r) => [num(r['y']), r]));
  const cases = byClass.get(1),
    controls = byClass.get(0);
  if (!cases || !controls) return undefined;
  // Σ(x − m)² from Σ(x − a)²: the class's own mean m of the differences, a the AUCs' difference bound above
  const squared = (r: Record<string, unknown>) => {
    const n = num(r['n']);
    const m = (num(r['sum1']) - num(r['sum2'])) / n;
    return num(r['squared']) - n * (m - difference) ** 2;
  };
  const m = num(cases['n']);
  return delongFromSums(
    {
      cases: m,
      controls: num(controls['n']),
      current: num(cases['sum1']) / m,
      baseline: num(cases['sum2']) / m,
    },
    squared(cases),
    squared(controls),
  );
}
