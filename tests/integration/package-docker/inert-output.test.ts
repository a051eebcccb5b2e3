import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureNodeBaseImage, NODE_BASE_IMAGE } from '../../helpers/docker-base.ts';
import { dockerTestsEnabled } from '../../helpers/docker-gate.ts';
import { HOSTILE, injectedCommands } from '../../helpers/workflow-commands.ts';
import { churnInputs, churnWorkspace, packageDocker } from './harness.ts';

const enabled = dockerTestsEnabled('package-docker integration (build and container output stays inert)');

// Issue #10 point 1: what a Dockerfile's steps and the model server print is another program's output; the
// action prints it between ::stop-commands:: and a random token, so none of it runs as a workflow command.
describe.runIf(enabled)('package-docker: build and container output never becomes a workflow command', () => {
  beforeAll(() => ensureNodeBaseImage(), 120_000);

  it('a RUN step and a failing server that print commands', async () => {
    const workspace = churnWorkspace();
    const say = (line: string) => `console.log(${JSON.stringify(line)})`;
    writeFileSync(
      join(workspace, 'Dockerfile'),
      [
        `FROM ${NODE_BASE_IMAGE}`,
        // A fresh layer each run (the step's text differs), so the build prints what it runs.
        // Exec form: the base image has no shell.
        `RUN ["node", "-e", ${JSON.stringify([HOSTILE.stop, HOSTILE.error, HOSTILE.legacy, randomUUID()].map(say).join(';'))}]`,
        'COPY model /model',
        `CMD ["node", "-e", ${JSON.stringify(`${say(HOSTILE.mask)};${say(HOSTILE.error)};process.exit(3)`)}]`,
        '',
      ].join('\n'),
    );
    const r = await packageDocker(workspace, {
      ...churnInputs('127.0.0.1:1', { push: 'false', 'smoke-timeout': '10s' }),
      dockerfile: 'Dockerfile',
    });
    expect(r.exitCode, r.stdout).toBe(1);
    expect(r.stdout).toContain(HOSTILE.error);
    expect(r.stdout).toContain(`Container logs`);
    expect(injectedCommands(r.stdout)).toEqual([]);
  }, 240_000);
});
