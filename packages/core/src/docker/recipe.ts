import { existsSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { inputError } from '../errors.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import { generateDockerfile, parseServeCommand, type ContextPath } from './dockerfile.ts';
import { stageContext, toContextPath } from './stage-context.ts';
import { runnerTemp } from '../runner/environment.ts';

/** What the build uses: a Dockerfile and a context directory. */
export interface Recipe {
  dockerfile: string;
  context: string;
  /** True when modelgate wrote the Dockerfile (then the base image is known and checked first). */
  generated: boolean;
}

/** The inputs that decide the Dockerfile. */
export interface RecipeInputs {
  model: string;
  context: string;
  dockerfile?: string | undefined;
  baseImage: string;
  requirements?: string | undefined;
  files?: string[] | undefined;
  serveCommand?: string | undefined;
  port: number;
  /** Written into the generated Dockerfile as one LABEL instruction. */
  labels: Record<string, string>;
}

/**
 * Uses the user's Dockerfile as is, or generates one and stages a context holding only what it
 * copies (in RUNNER_TEMP, so the workspace is left untouched).
 */
export async function prepareRecipe(request: RecipeInputs): Promise<Recipe> {
  if (!existsSync(request.context) || !statSync(request.context).isDirectory()) {
    throw inputError(
      'context',
      `${request.context} is not a directory; expected the build context (default: the working directory).`,
    );
  }
  if (request.dockerfile) {
    if (!existsSync(request.dockerfile))
      throw inputError('dockerfile', `${request.dockerfile} does not exist; expected the path of your Dockerfile.`);
    return { dockerfile: request.dockerfile, context: request.context, generated: false };
  }
  if (!request.serveCommand) {
    throw inputError(
      'serve-command',
      'is required when package-docker generates the Dockerfile (no dockerfile input): give the server command, e.g. ["python", "serve.py"].',
    );
  }
  const serveCommand = parseServeCommand(request.serveCommand);
  if (!serveCommand)
    throw inputError(
      'serve-command',
      `got ${JSON.stringify(request.serveCommand)}: expected a JSON array of strings or words separated by spaces.`,
    );

  const model = await toContextPath(request.context, { input: 'model', path: request.model });
  const requirements = request.requirements
    ? await toContextPath(request.context, { input: 'requirements', path: request.requirements })
    : undefined;
  if (requirements?.directory)
    throw inputError('requirements', `${request.requirements} is a directory; expected a pip requirements file.`);
  const files: ContextPath[] = [];
  for (const f of request.files ?? [])
    files.push(await toContextPath(request.context, { input: 'files', path: resolve(f) }));

  const work = await mkdtemp(join(runnerTemp(), 'modelgate-package-docker-'));
  const context = join(work, 'context');
  await stageContext(request.context, [...(requirements ? [requirements] : []), ...files, model], context);
  const dockerfile = join(work, 'Dockerfile');
  await writeFileAtomic(
    dockerfile,
    generateDockerfile({
      baseImage: request.baseImage,
      requirements: requirements?.path,
      files,
      model,
      serveCommand,
      port: request.port,
      labels: request.labels,
    }),
  );
  return { dockerfile, context, generated: true };
}
