// A base image with Node 24 made without network access: no public image can be pulled here, so the
// tests (and the demo) `docker import` a minimal root filesystem holding the node binary and the shared
// libraries `ldd` lists. Built once per engine and reused by tag.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const NODE_BASE_IMAGE = 'localhost/modelgate-test-base:node24';
const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** The Node 24 binary of this checkout (node_modules/node), the one the actions run with. */
export function node24Binary(): string {
  return realpathSync(join(REPO_ROOT, 'node_modules', 'node', 'bin', 'node'));
}

function sharedLibraries(binary: string): string[] {
  const out = execFileSync('ldd', [binary], { encoding: 'utf8' });
  const libs = new Set<string>();
  for (const line of out.split('\n')) {
    const m = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (m?.[1]) libs.add(m[1]);
  }
  return [...libs];
}

function imageExists(tag: string): boolean {
  try {
    execFileSync('docker', ['image', 'inspect', '--format', '{{.Id}}', tag], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes sure `tag` exists in the engine: a root filesystem with /usr/local/bin/node, its libraries
 * at the paths the dynamic loader expects, and an empty /tmp. No shell, no package manager.
 */
export function ensureNodeBaseImage(tag = NODE_BASE_IMAGE): string {
  if (imageExists(tag)) return tag;
  const work = mkdtempSync(join(tmpdir(), 'modelgate-base-'));
  try {
    const rootfs = join(work, 'rootfs');
    const node = node24Binary();
    mkdirSync(join(rootfs, 'usr', 'local', 'bin'), { recursive: true });
    mkdirSync(join(rootfs, 'tmp'), { recursive: true, mode: 0o1777 });
    copyFileSync(node, join(rootfs, 'usr', 'local', 'bin', 'node'));
    for (const lib of sharedLibraries(node)) {
      const target = join(rootfs, lib);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(realpathSync(lib), target);
    }
    const tar = join(work, 'rootfs.tar');
    execFileSync('tar', ['-cf', tar, '--owner=0', '--group=0', '-C', rootfs, '.']);
    execFileSync('docker', ['import', '--change', 'ENV PATH=/usr/local/bin:/usr/bin:/bin', tar, tag], {
      stdio: 'ignore',
    });
    return tag;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
