import { field } from '../inputs/fields.ts';

/**
 * The inputs of monitoring on a schedule, shared by validate-data, evaluate-model and compare-to-baseline (each
 * spreads them into its inputFields; action.yml declares them in each action, a test keeps the two in step).
 */
export const monitoringFields = {
  issue: field.boolean(),
  'issue-labels': field.list(),
  'dispatch-workflow': field.string().optional(),
  'dispatch-ref': field.string().optional(),
  'dispatch-inputs': field.document().optional(),
};
