// A real Docker registry (Debian's docker-registry, distribution 2.8) on a free loopback port with
// storage in a temp dir: the Docker engine treats 127.0.0.0/8 as an insecure registry, so plain HTTP works.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Test credentials: the hash is bcrypt (cost 5) of TEST_PASSWORD, as `htpasswd -B` writes it. */
export const TEST_USER = 'modelgate';
export const TEST_PASSWORD = 'modelgate-test-pass';
const TEST_HTPASSWD = `${TEST_USER}:$2b$05$6R2eW.QrnlFDAjmIO2evauwdP0zNWnpm9NbBHUKD52Sh3TUaOmt/2\n`;

export const REGISTRY_BINARY = process.env.REGISTRY_BINARY ?? '/usr/bin/docker-registry';

export interface TestRegistry {
  /** host:port, e.g. 127.0.0.1:41234 */
  host: string;
  storage: string;
  /** Bytes of every blob stored (what clients have uploaded, deduplicated by digest). */
  blobBytes(): number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(path) : entry.name === 'data' ? statSync(path).size : 0;
  }
  return total;
}

/** Starts a registry; with `auth` it requires the test user (htpasswd, as the Debian default config does). */
export async function startRegistry(options: { auth?: boolean } = {}): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-registry-'));
  const storage = join(dir, 'storage');
  const port = await freePort();
  const auth = options.auth
    ? `auth:\n  htpasswd:\n    realm: modelgate-test\n    path: ${join(dir, 'htpasswd')}\n`
    : '';
  if (options.auth) writeFileSync(join(dir, 'htpasswd'), TEST_HTPASSWD);
  writeFileSync(
    join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${storage}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`,
  );
  const child: ChildProcess = spawn(REGISTRY_BINARY, ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d));
  const host = `127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const status = await fetch(`http://${host}/v2/`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200 || status === 401) break;
    if (i > 100 || child.exitCode !== null) throw new Error(`docker-registry did not start on ${host}:\n${log}`);
    await sleep(100);
  }
  return {
    host,
    storage,
    blobBytes: () => {
      const blobs = join(storage, 'docker', 'registry', 'v2', 'blobs');
      try {
        return dirBytes(blobs);
      } catch {
        return 0;
      }
    },
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** A manifest read back through the registry's HTTP API v2, with its digest computed from the bytes. */
export interface FetchedManifest {
  digest: string;
  headerDigest: string | null;
  mediaType: string;
  manifest: { config?: { digest: string; size: number }; layers?: { digest: string; size: number }[] };
}

export async function fetchManifest(
  host: string,
  path: string,
  reference: string,
  basicAuth?: string,
): Promise<FetchedManifest> {
  const headers: Record<string, string> = { accept: MANIFEST_TYPES };
  if (basicAuth) headers.authorization = `Basic ${Buffer.from(basicAuth).toString('base64')}`;
  const response = await fetch(`http://${host}/v2/${path}/manifests/${reference}`, { headers });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200)
    throw new Error(`GET manifest ${path}:${reference} gave HTTP ${response.status}: ${body.toString()}`);
  return {
    digest: `sha256:${createHash('sha256').update(body).digest('hex')}`,
    headerDigest: response.headers.get('docker-content-digest'),
    mediaType: response.headers.get('content-type') ?? '',
    manifest: JSON.parse(body.toString()) as FetchedManifest['manifest'],
  };
}

/** The config blob (labels live in `config.Labels`). */
export async function fetchConfig(
  host: string,
  path: string,
  digest: string,
): Promise<{ config: { Labels?: Record<string, string>; User?: string } }> {
  const response = await fetch(`http://${host}/v2/${path}/blobs/${digest}`);
  return (await response.json()) as { config: { Labels?: Record<string, string>; User?: string } };
}

/** Tags the registry holds for a repository ([] when it has never seen it). */
export async function listTags(host: string, path: string): Promise<string[]> {
  const response = await fetch(`http://${host}/v2/${path}/tags/list`);
  if (response.status === 404) return [];
  const body = (await response.json()) as { tags?: string[] | null };
  return body.tags ?? [];
}
