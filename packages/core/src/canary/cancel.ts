/**
 * A cancelled workflow run: the runner sends the step SIGINT, then SIGTERM 7.5 s later, then kills it
 * (https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-workflow-runs/canceling-a-workflow#steps-github-takes-to-cancel-a-workflow-run).
 * While a rollout runs, either signal ends it like a failed step (rollback, or pause): it is acted on at once
 * during the analysis interval, else as soon as the cluster operation under way returns.
 */

export class Cancelled extends Error {
  constructor(signal: string) {
    super(`the workflow run was cancelled (${signal})`);
    this.name = 'Cancelled';
  }
}

/** Listens for the runner's signals until disposed; a second signal during the rollback is ignored. */
export function cancellation(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (!controller.signal.aborted) controller.abort(new Cancelled(name));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
