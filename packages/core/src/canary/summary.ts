/** The deploy-canary report: outcome, a chart of the weights over time, and a table of the checks per step. */
import { fmt, Markdown, trusted, type Trusted } from '../report/markdown.ts';
import { queriesOf, type Check } from './analysis.ts';
import { showP } from './statistical.ts';
import type { RolloutResult } from './engine.ts';
import type { LeftBehind } from '../kube/target.ts';
import { planActions, type RolloutPlan } from './plan.ts';
import { describeRule, type Measurement } from './verdict.ts';

const OUTCOME: Record<RolloutResult['outcome'], string> = {
  promoted: '✅ promoted',
  'rolled-back': '❌ rolled back',
  'rollback-failed': '🚨 rollback failed',
  paused: '⏸️ paused',
  created: '🆕 created',
  'dry-run': '📝 dry run',
};

const value = (v: number | null) => (v === null ? 'no data' : String(Number(v.toPrecision(6))));
const VERDICT = { pass: '✅ pass', fail: '❌ fail', 'no-data': '⚠️ no data', error: '❌ error' } as const;

function planLine(c: RolloutPlan): Markdown {
  return new Markdown().paragraph(
    fmt.bold('Plan:'),
    ` ${c.namespace}/${c.name} → `,
    fmt.code(c.image),
    `, router ${c.router} (${c.target.routeObject}), ${
      c.strategy === 'blue-green'
        ? 'blue-green (preview, then one switch to 100%)'
        : `canary weights ${c.steps.map((s) => `${s}%`).join(' → ')}`
    }${c.mirror ? ', mirrored traffic first' : ''}, analysis ${c.intervalMs / 1000} s after each step.`,
  );
}

function checksTable(md: Markdown, checks: Check[]): void {
  if (checks.length === 0) {
    md.paragraph('No analysis checks: each step only waits its interval.');
    return;
  }
  md.table(
    ['Check', 'Query', 'Rule', 'On no data', 'Failure limit'],
    checks.map((c) => [
      c.name,
      fmt.join(...queriesOf(c).flatMap((q, i) => [i ? ' / ' : '', fmt.code(q.query)])),
      describeRule(c),
      c['on-no-data'],
      c['failure-limit'],
    ]),
  );
}

/** What a rollback left, then its commands in code spans, in order. */
function leftItem(left: LeftBehind): Trusted {
  return fmt.join(left.what, ' ', ...left.commands.flatMap((c, i) => [i ? ' then ' : '', fmt.code(c)]));
}

const verdictOf = (m: Measurement) => trusted(`${VERDICT[m.verdict]}${m.dryRun ? ' (dry run, not deciding)' : ''}`);

/** One row per check of a step; statistical checks add their sample sizes, statistic and p-value. */
function stepTable(md: Markdown, checks: Measurement[], version: 'Canary' | 'Green'): void {
  if (!checks.some((m) => m.stats)) {
    md.table(
      ['Check', version, 'Stable', 'Rule', 'Verdict', 'Why'],
      checks.map((m) => [m.name, value(m.canary), value(m.stable), m.rule, verdictOf(m), m.reason]),
      ['left', 'right', 'right', 'left', 'left', 'left'],
    );
    return;
  }
  md.table(
    [
      'Check',
      version,
      'Stable',
      `n (${version.toLowerCase()} / stable)`,
      'Statistic',
      'p-value',
      'Rule',
      'Verdict',
      'Why',
    ],
    checks.map((m) => {
      const st = m.stats;
      const centre = st ? ` (${st.centre})` : '';
      return [
        m.name,
        `${value(m.canary)}${centre}`,
        `${value(m.stable)}${centre}`,
        st ? `${st.canaryN} / ${st.stableN}` : '',
        st?.statistic == null ? '' : `${st.test === 'mann-whitney' ? 'U' : 'z'} = ${value(st.statistic)}`,
        st?.pValue == null ? '' : showP(st.pValue),
        m.rule,
        verdictOf(m),
        m.reason,
      ];
    }),
    ['left', 'right', 'right', 'right', 'right', 'right', 'left', 'left', 'left'],
  );
}

/** What the deploy-canary summary is made from. */
export interface RolloutSummaryInput {
  plan: RolloutPlan;
  result: RolloutResult;
}

/** The summary of a finished (or dry) rollout. */
export function rolloutSummary({ plan: c, result }: RolloutSummaryInput): Markdown {
  const md = new Markdown().heading(2, `deploy-canary: ${c.name}`);
  md.paragraph(fmt.bold(trusted(`Outcome: ${OUTCOME[result.outcome]}`)), result.reason ? ` — ${result.reason}` : '');
  md.append(planLine(c));
  if (result.notes.length) md.list(result.notes);
  if (result.outcome === 'rollback-failed') {
    md.paragraph(
      fmt.bold('The rollback failed:'),
      ' the cluster is not back as it was before the rollout, and retrying until the timeout did not change that. ' +
        'A canary that the route still sends traffic to is left running. What is left and what to do:',
    );
    md.list(result.leftBehind.map(leftItem));
  } else if (result.leftBehind.length) {
    md.paragraph(fmt.bold('Rollback could not undo:'));
    md.list(result.leftBehind.map(leftItem));
  }
  if (result.outcome === 'dry-run') {
    md.paragraph('Nothing was changed. The rollout would:');
    md.list(planActions(c));
    md.paragraph('The checks that would run after each step:');
    checksTable(md, c.checks);
    return md;
  }
  if (result.timeline.length > 1) {
    md.chart({
      title: 'Traffic weights (%)',
      x: { categories: result.timeline.map((t) => t.label) },
      y: { label: 'weight %', min: 0, max: 100 },
      series: [
        { kind: 'line', values: result.timeline.map((t) => t.weight) },
        { kind: 'line', values: result.timeline.map((t) => 100 - t.weight), role: 'reference' },
      ],
    });
    md.paragraph(`Lines: ${c.strategy === 'blue-green' ? 'green' : 'canary'} weight (blue), stable weight (orange).`);
  }
  for (const step of result.steps) {
    const approx = step.actualWeight !== step.weight ? ` (≈${step.actualWeight}% by replicas)` : '';
    const outcome = `${step.passed ? 'passed' : 'failed'} (t+${Math.round(step.at)} s)`;
    const title = {
      step: `Step ${step.step}: canary ${step.weight}%${approx}`,
      mirror: "Mirror: the canary sees a copy of stable's requests, users stay on stable",
      preview: 'Preview: green analysed, users on stable',
      switched: 'Switched: all traffic on green, compared with stable before the switch',
    }[step.phase ?? 'step'];
    md.heading(3, trusted(`${title}, ${outcome}`));
    if (step.checks.length === 0) {
      md.paragraph('No checks.');
      continue;
    }
    stepTable(md, step.checks, c.strategy === 'blue-green' ? 'Green' : 'Canary');
  }
  return md;
}
