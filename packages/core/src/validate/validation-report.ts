/**
 * The validation report of docs/formats.md (`report` input): every check with failing-row counts and examples, the
 * drift table and the skipped columns, and the verdict. `fail-on` says which check level fails the run;
 * drift changes the verdict only with `fail-on-drift`.
 */
import type { DataSchema } from '../contracts/schema.ts';
import type { CheckResult, ValidationReport } from '../contracts/validation-report.ts';
import type { DatasetDrift } from './drift-columns.ts';
import type { TableScan } from './scan.ts';

export type FailOn = 'error' | 'warning' | 'never';

/** Table-level checks: `present` for schema columns missing from the data (fail) and data columns the schema does not name (warn), and `rows`. */
export function tableChecks(scan: TableScan, schema: DataSchema): CheckResult[] {
  const out: CheckResult[] = [];
  const names = new Set(scan.columns.map((c) => c.name));
  for (const name of Object.keys(schema.columns)) {
    if (!names.has(name)) {
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
    }
  }
  for (const c of scan.columns) {
    if (!schema.columns[c.name]) {
      out.push({
        column: c.name,
        check: 'present',
        passed: false,
        level: 'warn',
        failing_rows: 0,
        expected: false,
        observed: true,
        examples: [],
        message: 'column is in the data but not in the schema',
      });
    }
  }
  if (schema.rows) {
    const { min, max } = schema.rows;
    const passed = (min === undefined || scan.rows >= min) && (max === undefined || scan.rows <= max);
    out.push({
      column: null,
      check: 'rows',
      passed,
      level: 'fail',
      failing_rows: 0,
      expected: { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) },
      observed: scan.rows,
      examples: [],
    });
  }
  return out;
}

/** Whether a failed check counts against the run under `fail-on`. */
export function counts(check: CheckResult, failOn: FailOn): boolean {
  if (check.passed) return false;
  return check.level === 'fail' || failOn === 'warning';
}

/**
 * The checks that make the verdict fail: those `fail-on` counts, and fail-level ones under `never` (the verdict
 * still says failed; `never` only keeps the step green).
 */
export function failedChecks(checks: CheckResult[], failOn: FailOn): CheckResult[] {
  const verdictLevel: FailOn = failOn === 'never' ? 'error' : failOn;
  return checks.filter((c) => counts(c, verdictLevel));
}

/** Assembles the report; `passed` is false when a check fails at a level `fail-on` counts (fail-level checks for `never`), or on dataset drift with `fail-on-drift`. */
export function buildReport(
  scan: TableScan,
  checks: CheckResult[],
  drift: DatasetDrift | null,
  failOn: FailOn,
  failOnDrift: boolean,
): ValidationReport & { drift_share?: number; dataset_drift?: boolean } {
  const passed = failedChecks(checks, failOn).length === 0 && !(failOnDrift && drift?.drifted);
  const report: ValidationReport & { drift_share?: number; dataset_drift?: boolean } = {
    passed,
    rows: scan.rows,
    checks,
    drift: (drift?.columns ?? []).map(({ bins: _bins, ...d }) => d),
  };
  if (drift) {
    report.skipped = drift.skipped;
    report.drift_share = drift.share;
    report.dataset_drift = drift.drifted;
  }
  return report;
}
