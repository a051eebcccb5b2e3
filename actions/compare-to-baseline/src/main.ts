import type { ActionResult } from '@modelgate/core/action/run';
import { inputFields } from '@modelgate/core/compare/compare-to-baseline-inputs';
import { runCompareToBaseline } from '@modelgate/core/compare/run-compare-to-baseline';
import { readInputs } from '@modelgate/core/inputs/read';

/** compare-to-baseline: gates the metrics on the baseline (the work is compare/run-compare-to-baseline). */
export async function run(): Promise<ActionResult> {
  return runCompareToBaseline(readInputs(inputFields));
}
