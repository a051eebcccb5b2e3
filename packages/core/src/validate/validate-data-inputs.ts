import { field } from '../inputs/fields.ts';
import type { InputValues } from '../inputs/read.ts';

/** validate-data's inputs, keyed by their action.yml names (a test checks the two match). */
export const inputFields = {
  data: field.string(),
  connection: field.connectionUrl().optional(),
  'key-columns': field.list().optional(),
  schema: field.document().optional(),
  'infer-schema': field.outputPath().optional(),
  reference: field.string().optional(),
  profile: field.outputPath().optional(),
  'drift-methods': field.document().optional(),
  'drift-threshold': field.number({ min: 0 }).optional(),
  'drift-share': field.number({ min: 0, max: 1 }),
  'fail-on': field.choice(['error', 'warning', 'never']),
  'fail-on-drift': field.boolean(),
  report: field.outputPath(),
  'github-token': field.secret().optional(),
  comment: field.boolean(),
  'comment-key': field.string().optional(),
};

/** validate-data's input values, typed, as the action's run function takes them. */
export type ValidateDataInputs = InputValues<typeof inputFields>;
