import { describe, expect, it } from 'vitest';
import {
  generateDockerfile,
  modelTarget,
  parseServeCommand,
  type DockerfileSpec,
} from '@modelgate/core/docker/dockerfile';

const spec: DockerfileSpec = {
  baseImage: 'python:3.12-slim',
  requirements: 'requirements.txt',
  files: [
    { path: 'serve', directory: true },
    { path: 'app.py', directory: false },
  ],
  model: { path: 'model/model.json', directory: false },
  serveCommand: ['python', 'app.py'],
  port: 8080,
};
const lines = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));

describe('generated Dockerfile', () => {
  it('orders dependency, code and model layers, and only the labels follow the model COPY', () => {
    const l = lines(generateDockerfile({ ...spec, labels: { 'org.example.a': '1' } }));
    const firstCopy = l.findIndex((x) => x.startsWith('COPY'));
    expect(l[0]).toBe('FROM python:3.12-slim');
    // Metadata comes before the first layer with files: cached, never re-run after a model change.
    expect(l.slice(1, firstCopy).every((x) => /^(ENV|EXPOSE|CMD) /.test(x))).toBe(true);
    expect(l.slice(firstCopy, firstCopy + 7)).toEqual([
      'COPY ["requirements.txt","/tmp/modelgate/requirements.txt"]',
      'RUN ["python","-m","pip","install","--no-cache-dir","-r","/tmp/modelgate/requirements.txt"]',
      'USER 65532:65532',
      'COPY ["serve","/app/serve/"]',
      'COPY ["app.py","/app/app.py"]',
      'WORKDIR /app',
      'COPY ["model/model.json","/opt/ml/model/model.json"]',
    ]);
    expect(l.slice(firstCopy + 7)).toEqual(['LABEL "org.example.a"="1"']);
  });

  it('writes all labels as one LABEL instruction, escaping quotes, backslashes and $', () => {
    const text = generateDockerfile({ ...spec, labels: { a: 'say "hi" \\ $HOME', b: 'two\nlines' } });
    expect(text).toContain('LABEL "a"="say \\"hi\\" \\\\ \\$HOME" \\\n      "b"="two lines"');
    expect(text.match(/^LABEL /gm)).toHaveLength(1);
  });

  it('runs as the numeric non-root user, exposes the port and uses exec-form CMD', () => {
    const text = generateDockerfile(spec);
    expect(text).toContain('\nUSER 65532:65532\n');
    expect(text).toContain('\nEXPOSE 8080\n');
    expect(text).toContain('\nCMD ["python","app.py"]\n');
    expect(text).toContain('ENV MODEL_PATH="/opt/ml/model/model.json" PORT="8080"');
    expect(text).toContain('WORKDIR /app');
  });

  it('has no dependency layer without requirements and no HEALTHCHECK unless asked', () => {
    const text = generateDockerfile({ ...spec, requirements: undefined });
    expect(text).not.toContain('pip');
    expect(text).not.toContain('HEALTHCHECK');
    const withCheck = generateDockerfile({ ...spec, healthcheck: ['/bin/probe', '--port', '8080'] });
    expect(withCheck).toContain(
      'HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 CMD ["/bin/probe","--port","8080"]',
    );
  });

  it('copies a model directory to /opt/ml/model itself and points MODEL_PATH there', () => {
    const model = { path: 'artifacts/model/', directory: true };
    expect(modelTarget(model)).toBe('/opt/ml/model');
    const text = generateDockerfile({ ...spec, model });
    expect(text).toContain('COPY ["artifacts/model","/opt/ml/model/"]');
    expect(text).toContain('MODEL_PATH="/opt/ml/model"');
  });

  it('keeps paths with spaces and quotes as one JSON argument', () => {
    const text = generateDockerfile({ ...spec, files: [{ path: 'my "code" dir', directory: true }] });
    expect(text).toContain('COPY ["my \\"code\\" dir","/app/my \\"code\\" dir/"]');
  });
});

describe('serve-command', () => {
  it('accepts a JSON array exactly and splits plain text on spaces (no shell)', () => {
    expect(parseServeCommand('["node", "serve/server.mjs", "--port", "8080"]')).toEqual([
      'node',
      'serve/server.mjs',
      '--port',
      '8080',
    ]);
    expect(parseServeCommand('  uvicorn app:api  --port 8080 ')).toEqual(['uvicorn', 'app:api', '--port', '8080']);
  });
  it('rejects an empty, malformed or non-string array', () => {
    expect(parseServeCommand('[]')).toBeUndefined();
    expect(parseServeCommand('["node",')).toBeUndefined();
    expect(parseServeCommand('["node", 1]')).toBeUndefined();
    expect(parseServeCommand('   ')).toBeUndefined();
  });
});
