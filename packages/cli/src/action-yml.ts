import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const ActionYml = z.object({
  name: z.string(),
  description: z.string(),
  inputs: z
    .record(
      z.string(),
      z
        .object({
          description: z.string(),
          required: z.boolean().optional(),
          default: z.union([z.string(), z.number(), z.boolean()]).optional(),
        })
        .loose(),
    )
    .default({}),
  outputs: z.record(z.string(), z.object({ description: z.string() }).loose()).default({}),
  runs: z.object({ using: z.literal('node24'), main: z.string() }).loose(),
  branding: z.object({ icon: z.string(), color: z.string() }).optional(),
});
export type ActionYml = z.infer<typeof ActionYml>;

/** The repository root (where actions/ and dist/ are). */
export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

/** Reads and checks `actions/<name>/action.yml`. */
export function readActionYml(action: string, root = REPO_ROOT): ActionYml {
  const path = join(root, 'actions', action, 'action.yml');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`No action named '${action}' (no ${path}).`);
  }
  return ActionYml.parse(parse(text));
}
