import type { Field } from './fields.ts';
import { maskSecrets } from './secrets.ts';

/** The typed values of a field map. */
export type InputValues<F extends Record<string, Field<unknown>>> = { [K in keyof F]: ReturnType<F[K]['parse']> };

/** The environment variable the runner sets for an input (upper case, spaces to `_`, hyphens kept). */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Reads every input of a field map from the environment, failing on the first bad one with its name. The
 * credentials of every credential-bearing input are masked first, before any input is parsed (issue #10).
 */
export function readInputs<F extends Record<string, Field<unknown>>>(
  fields: F,
  env: NodeJS.ProcessEnv = process.env,
): InputValues<F> {
  for (const [name, f] of Object.entries(fields)) {
    const raw = env[inputEnvName(name)];
    if (raw && f.secrets) maskSecrets(f.secrets(raw));
  }
  const values: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(fields)) values[name] = f.parse(env[inputEnvName(name)], name);
  return values as InputValues<F>;
}
