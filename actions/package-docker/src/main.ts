import type { ActionResult } from '@modelgate/core/action/run';
import { inputFields } from '@modelgate/core/docker/package-docker-inputs';
import { runPackageDocker } from '@modelgate/core/docker/run-package-docker';
import { readInputs } from '@modelgate/core/inputs/read';

/** package-docker: builds, smoke-tests and pushes a serving image (the work is docker/run-package-docker). */
export async function run(): Promise<ActionResult> {
  return runPackageDocker(readInputs(inputFields));
}
