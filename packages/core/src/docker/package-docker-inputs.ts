import { field } from '../inputs/fields.ts';
import type { InputValues } from '../inputs/read.ts';

/** package-docker's inputs, keyed by their action.yml names (a test checks the two match). */
export const inputFields = {
  model: field.path(),
  image: field.string(),
  'base-image': field.string(),
  requirements: field.path().optional(),
  files: field.list().optional(),
  'serve-command': field.string().optional(),
  port: field.integer({ min: 1, max: 65535 }),
  'health-path': field.string(),
  dockerfile: field.path().optional(),
  context: field.path(),
  tags: field.string().optional(),
  metrics: field.path().optional(),
  push: field.boolean(),
  username: field.string().optional(),
  password: field.secret().optional(),
  platforms: field.list().optional(),
  cache: field.boolean(),
  provenance: field.string().optional(),
  sbom: field.string().optional(),
  'smoke-test': field.boolean(),
  'smoke-request': field.path().optional(),
  'predict-path': field.string().optional(),
  'expect-status': field.integer({ min: 100, max: 599 }),
  'smoke-timeout': field.duration(),
  'parity-data': field.path().optional(),
  'parity-outputs': field.string().optional(),
  'parity-features': field.list().optional(),
  'parity-rows': field.integer({ min: 1 }),
  'parity-batch': field.integer({ min: 1, max: 100_000 }),
  'parity-tolerance': field.number({ min: 0 }),
  'parity-min-agreement': field.number({ min: 0, max: 1 }),
  'load-concurrency': field.integer({ min: 1, max: 256 }),
  'max-latency-p95': field.duration().optional(),
  'max-ready-time': field.duration().optional(),
  'max-image-size': field.bytes().optional(),
};

/** package-docker's input values, typed, as the action's run function takes them. */
export type PackageDockerInputs = InputValues<typeof inputFields>;
