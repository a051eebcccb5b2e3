import { field } from '../inputs/fields.ts';
import type { InputValues } from '../inputs/read.ts';
import { monitoringFields } from '../publish/monitoring-inputs.ts';

/** evaluate-model's inputs, keyed by their action.yml names (a test checks the two match). */
export const inputFields = {
  predictions: field.string(),
  connection: field.connectionUrl().optional(),
  task: field.choice(['binary', 'multiclass', 'regression']).optional(),
  'label-column': field.string(),
  labels: field.string().optional(),
  'key-column': field.string().optional(),
  'prediction-column': field.string(),
  'score-column': field.string().optional(),
  'score-columns': field.string().optional(),
  classes: field.list().optional(),
  'positive-label': field.string(),
  'slice-columns': field.list().optional(),
  bootstrap: field.integer({ min: 0, max: 100_000 }),
  seed: field.integer({ min: 0, max: 4_294_967_295 }),
  thresholds: field.document().optional(),
  command: field.string().optional(),
  'model-name': field.string().optional(),
  'model-version': field.string().optional(),
  output: field.outputPath(),
  'github-token': field.secret().optional(),
  comment: field.boolean(),
  'comment-key': field.string().optional(),
  ...monitoringFields,
  'baseline-predictions': field.string().optional(),
};

/** evaluate-model's input values, typed, as the action's run function takes them. */
export type EvaluateModelInputs = InputValues<typeof inputFields>;
