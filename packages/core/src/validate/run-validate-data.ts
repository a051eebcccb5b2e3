/**
 * validate-data's work, from typed inputs to outputs: schema checks and drift in one streaming pass, the
 * validation report, the optional inferred schema and profile, and the published summary.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ActionResult } from '../action/run.ts';
import { parseDataSchema } from '../contracts/schema.ts';
import { openTable } from '../data/open.ts';
import { inputError } from '../errors.ts';
import { writeOutputFile } from '../fs/output-path.ts';
import * as log from '../log.ts';
import { inert, thousands } from '../log.ts';
import { monitoring } from '../publish/monitoring.ts';
import { publishReport } from '../publish/publish-report.ts';
import { checkDriftMethodColumns, parseDriftMethods } from './drift-methods.ts';
import { inferSchemaYaml } from './infer-schema.ts';
import { buildProfile } from './profile.ts';
import { validationSummary } from './summary.ts';
import type { ValidateDataInputs } from './validate-data-inputs.ts';
import { failedChecks } from './validation-report.ts';
import {
  driftColumns,
  readProfileIfAny,
  validateData,
  type Validation,
  type ValidateOptions,
} from './validate-data.ts';
import { parseConnection } from '../sql/connection.ts';
import { openEngine } from '../sql/engine.ts';
import { parseSource } from '../sql/source.ts';
import { type SqlValidateOptions, validateSql } from './sql/validate-sql.ts';

// Small batches: the scan keeps nothing per row, and 8,192-row batches of string cells stay in the young
// generation (65,536 rows: peak RSS 380 MiB against 205-235 MiB, and slower) on the 1M-row bench.
const SCAN_BATCH_ROWS = 8192;

/** The drift reference: a profile written by an earlier run, else a table like the data. */
async function openReference(path: string): Promise<ValidateOptions['reference']> {
  const profile = await readProfileIfAny(resolve(path)).catch(() => undefined);
  return profile
    ? { profile: resolve(path) }
    : { table: await openTable(path, { input: 'reference', batchSize: SCAN_BATCH_ROWS }) };
}

type Schema = ReturnType<typeof parseDataSchema> | undefined;
type Methods = ReturnType<typeof parseDriftMethods>;

/** File mode: one streaming pass over the data files (and the reference, maybe in a worker). */
async function validateFiles(
  inputs: ValidateDataInputs,
  schema: Schema,
  driftMethods: Methods,
  keyColumns: string[],
  workerScript: string,
): Promise<Validation> {
  const data = await openTable(inputs.data, { input: 'data', batchSize: SCAN_BATCH_ROWS });
  checkDriftMethodColumns(driftMethods, data.columns, inputs.data);
  const missing = keyColumns.filter((k) => !data.columns.includes(k));
  if (missing.length)
    throw inputError(
      'key-columns',
      `${missing.join(', ')} not in ${inputs.data} (its columns: ${data.columns.join(', ')}).`,
    );
  const reference = inputs.reference ? await openReference(inputs.reference) : undefined;
  return validateData({
    data,
    schema,
    reference,
    driftMethods,
    driftThreshold: inputs['drift-threshold'],
    driftShare: inputs['drift-share'],
    failOn: inputs['fail-on'],
    failOnDrift: inputs['fail-on-drift'],
    guessAll: Boolean(inputs['infer-schema']),
    skipIdQuantiles: !inputs.profile,
    keyColumns,
    referenceWorker:
      reference && 'table' in reference
        ? { script: workerScript, path: inputs.reference!, batchSize: SCAN_BATCH_ROWS }
        : undefined,
  });
}

/** SQL mode: the checks and summaries run in the engine `connection` names; only aggregates come back. */
async function validateInEngine(
  inputs: ValidateDataInputs,
  schema: Schema,
  driftMethods: Methods,
  keyColumns: string[],
): Promise<Validation> {
  const engine = await openEngine(parseConnection(inputs.connection!));
  try {
    const data = parseSource(inputs.data, engine.dialect, 'data');
    let reference: SqlValidateOptions['reference'];
    if (inputs.reference) {
      const local = /\.json$/i.test(inputs.reference) && existsSync(resolve(inputs.reference));
      reference = local
        ? { profile: resolve(inputs.reference) }
        : { source: parseSource(inputs.reference, engine.dialect, 'reference') };
    }
    log.info(`validate-data: checking ${inert(data.text)} in ${engine.name}`);
    const v = await validateSql({
      engine,
      data,
      reference,
      schema,
      driftMethods,
      driftThreshold: inputs['drift-threshold'],
      driftShare: inputs['drift-share'],
      failOn: inputs['fail-on'],
      failOnDrift: inputs['fail-on-drift'],
      keyColumns,
      summaries: Boolean(inputs.reference || inputs.profile || inputs['infer-schema']),
      profile: Boolean(inputs.profile),
    });
    checkDriftMethodColumns(
      driftMethods,
      v.scan.columns.map((c) => c.name),
      inputs.data,
    );
    log.info(`validate-data: ${thousands(engine.bytesReceived())} bytes received from ${engine.name}`);
    return v;
  } finally {
    await engine.close();
  }
}

export interface ValidateDataOptions {
  /** The script a worker thread runs to read a table reference alongside the data (the action's own bundle). */
  workerScript: string;
}

/** Validates the data; fails (as a gate, not an error) when checks at the `fail-on` level or drift fail it. */
export async function runValidateData(
  inputs: ValidateDataInputs,
  { workerScript }: ValidateDataOptions,
): Promise<ActionResult> {
  const schema = inputs.schema ? parseDataSchema(inputs.schema) : undefined;
  const driftMethods = inputs['drift-methods'] ? parseDriftMethods(inputs['drift-methods']) : {};
  if (!schema && !inputs.reference && !inputs['infer-schema'] && !inputs.profile) {
    throw inputError('schema', 'nothing to check: give a schema, a reference (for drift), infer-schema or profile.');
  }
  const monitor = monitoring('validate-data', inputs);
  const failOn = inputs['fail-on'];
  const failOnDrift = inputs['fail-on-drift'];
  const keyColumns = inputs['key-columns'] ?? [];
  const v = inputs.connection
    ? await validateInEngine(inputs, schema, driftMethods, keyColumns)
    : await validateFiles(inputs, schema, driftMethods, keyColumns, workerScript);
  if (v.scan.rows === 0)
    throw inputError(
      'data',
      `${inputs.data} has no data rows (only a header, or nothing): expected at least one row to validate.`,
    );

  await writeOutputFile('report', inputs.report, `${JSON.stringify(v.report, null, 2)}\n`);
  if (inputs['infer-schema']) {
    await writeOutputFile('infer-schema', inputs['infer-schema'], inferSchemaYaml(v.scan, inputs.data));
    log.info(`Wrote the inferred schema to ${inert(inputs['infer-schema'])}`);
  }
  if (inputs.profile) {
    await writeOutputFile(
      'profile',
      inputs.profile,
      `${JSON.stringify(buildProfile(v.scan.rows, driftColumns(v.scan)))}\n`,
    );
    log.info(`Wrote the profile to ${inert(inputs.profile)}`);
  }

  const failed = failedChecks(v.checks, failOn);
  const drifted = v.drift?.columns.filter((d) => d.drifted).map((d) => d.column) ?? [];
  const outputs = {
    passed: String(v.report.passed),
    'failed-checks': String(failed.length),
    'drifted-columns': JSON.stringify(drifted),
    report: inputs.report,
    'issue-url': '',
  };
  for (const c of v.checks.filter((x) => !x.passed && x.level === 'warn'))
    log.warning(`${inert(c.column ?? 'table')}: ${c.check} failed on ${c.failing_rows} rows (warn level)`);
  if (v.drift?.drifted && !failOnDrift)
    log.warning(
      `dataset drift: ${drifted.length} of ${v.drift.columns.length} columns drifted (${drifted.map(inert).join(', ')})`,
    );

  const report = validationSummary({ validation: v, failOn, failOnDrift });
  await publishReport({
    action: 'validate-data',
    markdown: report,
    comment: inputs.comment,
    commentKey: inputs['comment-key'],
    token: inputs['github-token'],
  });
  const gateFailed = failOn !== 'never' && !v.report.passed;
  const checksFailed = failed.length ? `${failed.length} check(s) failed` : '';
  const driftSeen = v.drift?.drifted ? `dataset drift (${drifted.length} of ${v.drift.columns.length} columns)` : '';
  // Monitoring counts drift whether or not it fails the step: a drifting production sample is what it watches.
  const watched = await monitor.publish({
    markdown: report,
    failing: gateFailed || Boolean(v.drift?.drifted),
    reason: `validate-data: ${[checksFailed, driftSeen].filter(Boolean).join(' and ') || 'passed'}`,
    driftedColumns: drifted,
  });
  outputs['issue-url'] = watched.issueUrl;
  const reasons = [checksFailed, failOnDrift && v.drift?.drifted ? 'dataset drift' : ''].filter(Boolean);
  const failure = [
    gateFailed ? `validate-data: ${reasons.join(' and ')}; see the job summary and ${inputs.report}.` : '',
    ...watched.problems,
  ].filter(Boolean);
  return failure.length ? { outputs, report, failure: failure.join(' ') } : { outputs, report };
}
