import { field } from '../inputs/fields.ts';
import type { InputValues } from '../inputs/read.ts';
import { monitoringFields } from '../publish/monitoring-inputs.ts';

/** compare-to-baseline's inputs, keyed by their action.yml names (a test checks the two match). */
export const inputFields = {
  // Required except in the post-report job, which posts a saved report and compares nothing.
  metrics: field.path().optional(),
  baseline: field.string(),
  thresholds: field.document().optional(),
  'fail-on-regression': field.boolean(),
  'require-significance': field.boolean(),
  // Checked as above 0 and below 1 by runCompareToBaseline (a range here includes its ends).
  significance: field.number({ min: 0, max: 1 }),
  params: field.list().optional(),
  'github-token': field.secret().optional(),
  comment: field.boolean(),
  'comment-key': field.string().optional(),
  ...monitoringFields,
  'comment-mode': field.choice(['update', 'recreate', 'off']),
  title: field.string(),
  history: field.integer({ min: 0, max: 100 }),
  'post-report': field.path().optional(),
};

/** compare-to-baseline's input values, typed, as the action's run function takes them. */
export type CompareToBaselineInputs = InputValues<typeof inputFields>;
