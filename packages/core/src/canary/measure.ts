/** Runs every check of one step against Prometheus: the canary's and the stable track's value, then the verdict. */
import { inputError } from '../errors.ts';
import { queryValue, QueryError, type PrometheusClient } from '../prometheus/query.ts';
import { renderQuery } from '../prometheus/template.ts';
import type { Check } from './analysis.ts';
import { describeRule, judge, type Measurement } from './verdict.ts';

export interface Subject {
  name: string;
  namespace: string;
}

/** Measures one check; a query error is a failed measurement with verdict `error`. */
export async function measure(client: PrometheusClient, check: Check, subject: Subject): Promise<Measurement> {
  try {
    const canary = await queryValue(client, renderQuery(check.query, { ...subject, track: 'canary' }));
    const stable = await queryValue(client, renderQuery(check.query, { ...subject, track: 'stable' }));
    return judge(check, canary, stable);
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
    return {
      name: check.name,
      canary: null,
      stable: null,
      rule: describeRule(check),
      verdict: 'error',
      passed: false,
      reason: e.message,
    };
  }
}

/** Measures every check of a step, one after the other (a handful of instant queries). */
export async function measureAll(client: PrometheusClient, checks: Check[], subject: Subject): Promise<Measurement[]> {
  const out: Measurement[] = [];
  for (const check of checks) out.push(await measure(client, check, subject));
  return out;
}

/**
 * Before any traffic moves: Prometheus answers and every query is valid. Runs each query for the stable track;
 * no data is fine here (the canary does not exist yet), an error is a UserError naming the input and check.
 */
export async function preflightQueries(client: PrometheusClient, checks: Check[], subject: Subject): Promise<void> {
  for (const check of checks) {
    try {
      await queryValue(client, renderQuery(check.query, { ...subject, track: 'stable' }));
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      if (e.kind === 'unreachable')
        throw inputError('prometheus-url', `${e.message}. Nothing was changed in the cluster.`);
      throw inputError('analysis', `check '${check.name}': ${e.message}. Nothing was changed in the cluster.`);
    }
  }
}
