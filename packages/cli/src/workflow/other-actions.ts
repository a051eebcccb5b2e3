/** Our actions, as a workflow names them: `modelgate/modelgate/actions/<name>@ref` or `./actions/<name>`. */
const OURS = /^(?:\.\/|modelgate\/modelgate\/)actions\/([\w-]+)(?:@[\w./-]+)?$/;

/** The modelgate action a `uses:` names, if it names one. */
export function modelgateAction(uses: string): string | undefined {
  return OURS.exec(uses)?.[1];
}

/**
 * Why a step that uses someone else's action is skipped, in the words of what it would have done. The job runs
 * in a working directory that already is the checkout, with this machine's tools.
 */
export function skippedActionNote(uses: string, withInputs: Record<string, unknown>): string {
  const name = uses.replace(/@.*$/, '');
  switch (name) {
    case 'actions/checkout':
      return withInputs.ref !== undefined || withInputs.repository !== undefined
        ? `the working directory is used as it is (checking out ${String(withInputs.repository ?? '')}${withInputs.ref ? `@${String(withInputs.ref)}` : ''} is up to you)`
        : 'the working directory is the checkout';
    case 'actions/setup-node':
    case 'actions/setup-python':
    case 'actions/setup-go':
    case 'actions/setup-java':
      return "this machine's own tools are used";
    case 'actions/upload-artifact':
      return 'nothing is uploaded; the files stay in the working directory';
    case 'actions/download-artifact':
      return 'nothing is downloaded without a GitHub API (--github-api) and a token; put the files where the next steps read them';
    case 'actions/cache':
      return 'nothing is cached';
    default:
      return 'run-workflow runs only run: steps and modelgate actions';
  }
}
