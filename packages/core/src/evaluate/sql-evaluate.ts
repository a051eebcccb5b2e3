/**
 * evaluate-model with `connection` set: `predictions` is a table or a SELECT/WITH query in that engine, and the
 * metrics are computed there (sql/metrics/evaluate-sql.ts); only aggregates cross the wire. The document records
 * the engine and the predictions' text, and the SHA-256 of that text (the rows themselves are never read).
 */
import { createHash } from 'node:crypto';
import { inputError } from '../errors.ts';
import { parseConnection } from '../sql/connection.ts';
import { openEngine, type SqlColumn } from '../sql/engine.ts';
import { evaluateInEngine, type SqlEvaluation } from '../sql/metrics/evaluate-sql.ts';
import { metricDialect } from '../sql/metrics/sql-dialect.ts';
import { parseSource } from '../sql/source.ts';
import type { Warn } from '../metrics/types.ts';
import type { LabelCounts } from './labels.ts';
import type { LoadSpec } from './load.ts';
import { joinLabelsInEngine } from './sql-labels.ts';
import { positiveIndex } from './validate.ts';
import { comparePairedInEngine, pairInEngine, requireKeyColumn } from './sql-paired.ts';
import type { Comparison } from '../contracts/metrics.ts';
import type { Evaluation } from './compute.ts';

export interface SqlEvaluated extends SqlEvaluation {
  engine: string;
  /** SHA-256 of the predictions' text (a table name or a query). */
  sha256: string;
  /** Bytes the engine sent back over the whole evaluation. */
  bytesReceived: number;
  /** With `labels`: how the predictions met the labels joined in the engine. */
  labelCounts?: LabelCounts;
  /** With a baseline: its evaluation and the paired comparison. */
  baseline?: { evaluation: Evaluation; comparison: Comparison };
}

/** evaluate-model's `baseline-predictions` in SQL mode: a table or query on the same connection. */
export interface SqlBaseline {
  predictions: string;
  keyColumn: string | undefined;
}

/**
 * Refused in SQL mode: resampling needs a weight per row, and pulling the rows is what this mode exists to avoid.
 * (A Poisson bootstrap in the engine, weights from a hash of a key and the resample index, is the way to add it.)
 */
export function refuseBootstrap(bootstrap: number): void {
  if (bootstrap > 0)
    throw inputError(
      'bootstrap',
      `is ${bootstrap}, but bootstrap intervals are not computed when connection is set (resampling would need the rows in the runner); set bootstrap: 0, or export the predictions to a file to get intervals.`,
    );
}

/** Evaluates `spec.predictions` in the engine `connection` names. */
export async function evaluateInDatabase(
  connection: string,
  spec: LoadSpec,
  warn: Warn,
  baselineInput?: SqlBaseline,
): Promise<SqlEvaluated> {
  if (baselineInput) {
    requireKeyColumn(baselineInput.keyColumn);
    if (spec.labels)
      throw inputError(
        'baseline-predictions',
        'is not paired with late labels when connection is set: join the labels to both tables in WITH queries, or give files.',
      );
  }
  const conn = parseConnection(connection);
  const engine = await openEngine(conn);
  try {
    const source = parseSource(spec.predictions, engine.dialect, 'predictions');
    const query = (sql: string, params: unknown[]) => engine.query(sql, params);
    const describe = async (s: { selectAll: string }) => (await engine.describe(s.selectAll)).map((c) => c.name);
    const d = metricDialect(engine.dialect);
    // what every metric query runs on: the dialect, the engine's queries, and its row stream where it has one
    const engineContext = { dialect: d, query, ...(engine.stream ? { stream: engine.stream.bind(engine) } : {}) };
    // late labels: the predictions joined with the labels table or query in the engine, the join read as the source
    const joined = spec.labels
      ? await (async () => {
          const labels = parseSource(spec.labels!.path, engine.dialect, 'labels');
          return joinLabelsInEngine({
            dialect: engine.dialect,
            query,
            predictions: source,
            predictionColumns: await describe(source),
            labels,
            labelColumns: await describe(labels),
            keyColumn: spec.labels!.keyColumn,
            labelColumn: spec.labelColumn,
          });
        })()
      : undefined;
    const result = await evaluateInEngine(
      {
        ...engineContext,
        from: joined ? joined.relation : source.relation,
        columns: async () => joined?.columns ?? (await describe(source)),
      },
      spec,
      warn,
    );
    const baseline = baselineInput
      ? await (async () => {
          const b = parseSource(baselineInput.predictions, engine.dialect, 'baseline-predictions');
          const [currentColumns, baselineColumns] = [
            await engine.describe(source.selectAll),
            await engine.describe(b.selectAll),
          ];
          const isInteger = (columns: SqlColumn[]) =>
            columns.find((c) => c.name === baselineInput.keyColumn)?.kind === 'integer';
          const pairing = await pairInEngine({
            dialect: d,
            query,
            current: source,
            currentColumns: currentColumns.map((c) => c.name),
            baseline: b,
            baselineColumns: baselineColumns.map((c) => c.name),
            keyColumn: baselineInput.keyColumn,
            integerKeys: isInteger(currentColumns) && isInteger(baselineColumns),
            labelColumn: spec.labelColumn,
            predictionColumn: spec.predictionColumn,
            scoreColumn: result.task === 'binary' ? spec.scoreColumn : undefined,
          });
          const baselineResult = await evaluateInEngine(
            { ...engineContext, from: b.relation, columns: () => describe(b) },
            { ...spec, task: result.task, sliceColumns: [], labels: undefined },
            (w) => warn(`baseline: ${w}`),
          );
          const labels = result.evaluation.confusion_matrix?.labels;
          const comparison = await comparePairedInEngine(
            {
              dialect: d,
              query,
              relation: pairing.relation,
              task: result.task,
              positive:
                result.task === 'binary' && labels ? labels[positiveIndex(labels, spec.positiveLabel)] : undefined,
              scores: !!spec.scoreColumn,
              currentMetrics: result.evaluation.metrics,
              baselineMetrics: baselineResult.evaluation.metrics,
              baseline: {
                predictions: b.text,
                sha256: createHash('sha256').update(b.text).digest('hex'),
              },
            },
            warn,
          );
          return { evaluation: baselineResult.evaluation, comparison };
        })()
      : undefined;
    return {
      ...result,
      ...(baseline ? { baseline } : {}),
      ...(joined ? { labelCounts: joined.counts } : {}),
      engine: engine.name,
      sha256: createHash('sha256').update(source.text).digest('hex'),
      bytesReceived: engine.bytesReceived(),
    };
  } finally {
    await engine.close();
  }
}
