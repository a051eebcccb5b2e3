/**
 * Runs every check of one step against Prometheus: the new version's and the stable track's value (threshold
 * checks), their samples over the interval (mann-whitney) or their success counts (proportion), then the verdict.
 */
import { inputError } from '../errors.ts';
import { queryRange, queryValue, QueryError, type PrometheusClient } from '../prometheus/query.ts';
import { renderQuery, type QueryVariables } from '../prometheus/template.ts';
import { queriesOf, resolutionSecondsOf, type Check } from './analysis.ts';
import { judgeMannWhitney, judgeProportion } from './statistical.ts';
import { describeRule, judge, type Measurement } from './verdict.ts';

export interface Subject {
  name: string;
  namespace: string;
  /** The `{{track}}` of the new version: `canary`, or `green` for blue-green. Default canary. */
  track?: 'canary' | 'green';
}

const vars = (subject: Subject, track: QueryVariables['track']): QueryVariables => ({
  name: subject.name,
  namespace: subject.namespace,
  track,
});

/**
 * When the tracks are measured: the interval that just ended, and for stable the interval ending at `stableAt`
 * (Unix seconds) when given. After a blue-green switch stable serves nobody, so it is judged as it was just
 * before the switch.
 */
export interface MeasureWindow {
  intervalMs: number;
  stableAt?: number;
}

async function measureOnce(
  client: PrometheusClient,
  check: Check,
  subject: Subject,
  when: MeasureWindow,
): Promise<Measurement> {
  const candidate = subject.track ?? 'canary';
  const now = Math.floor(Date.now() / 1000);
  const at = { [candidate]: undefined, stable: when.stableAt } as Record<string, number | undefined>;
  const tracks = [candidate, 'stable'] as const;
  if (check.compare === 'mann-whitney') {
    const stepSeconds = resolutionSecondsOf(check);
    const span = Math.max(stepSeconds, Math.round(when.intervalMs / 1000));
    const windowOf = (end: number) => ({ start: end - span, end, stepSeconds });
    const [canary, stable] = await Promise.all(
      tracks.map((t) => queryRange(client, renderQuery(check.query!, vars(subject, t)), windowOf(at[t] ?? now))),
    );
    return judgeMannWhitney(
      check,
      canary!,
      stable!,
      windowOf(now),
      when.stableAt ? windowOf(when.stableAt) : undefined,
    );
  }
  if (check.compare === 'proportion') {
    const [canary, stable] = await Promise.all(
      tracks.map(async (t) => ({
        successes: await queryValue(client, renderQuery(check['success-query']!, vars(subject, t)), at[t]),
        total: await queryValue(client, renderQuery(check['total-query']!, vars(subject, t)), at[t]),
      })),
    );
    return judgeProportion(check, canary!, stable!);
  }
  const canary = await queryValue(client, renderQuery(check.query!, vars(subject, candidate)));
  const stable = await queryValue(client, renderQuery(check.query!, vars(subject, 'stable')), at['stable']);
  return judge(check, canary, stable);
}

/**
 * Measures one check over the interval that just ended; a query error is a failed measurement with verdict
 * `error`. A `dry-run: true` check is measured and reported the same way but always passes: it never decides.
 */
export async function measure(
  client: PrometheusClient,
  check: Check,
  subject: Subject,
  when: MeasureWindow,
): Promise<Measurement> {
  let m: Measurement;
  try {
    m = await measureOnce(client, check, subject, when);
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
    m = {
      name: check.name,
      canary: null,
      stable: null,
      rule: describeRule(check),
      verdict: 'error',
      passed: false,
      reason: e.message,
    };
  }
  return check['dry-run'] ? { ...m, passed: true, dryRun: true } : m;
}

/** Measures every check of a step, one after the other (a handful of queries). */
export async function measureAll(
  client: PrometheusClient,
  checks: Check[],
  subject: Subject,
  when: MeasureWindow,
): Promise<Measurement[]> {
  const out: Measurement[] = [];
  for (const check of checks) out.push(await measure(client, check, subject, when));
  return out;
}

/**
 * Before any traffic moves: Prometheus answers and every query is valid. Runs each query for the stable track;
 * no data is fine here (the canary does not exist yet), an error is a UserError naming the input and check.
 */
export async function preflightQueries(client: PrometheusClient, checks: Check[], subject: Subject): Promise<void> {
  for (const check of checks) {
    for (const { field, query } of queriesOf(check)) {
      try {
        await queryValue(client, renderQuery(query, vars(subject, 'stable')));
      } catch (e) {
        if (!(e instanceof QueryError)) throw e;
        if (e.kind === 'unreachable')
          throw inputError('prometheus-url', `${e.message}. Nothing was changed in the cluster.`);
        const which = field === 'query' ? '' : ` (${field})`;
        throw inputError(
          'analysis',
          `check '${check.name}'${which}: ${e.message}. Nothing was changed in the cluster.`,
        );
      }
    }
  }
}
