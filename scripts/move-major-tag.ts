// Moves the major tag (v1) to a published release (v1.4.2), as GitHub's Marketplace convention for actions asks:
// users pin `@v1` and get every compatible release. Run by .github/workflows/release.yml; see CONTRIBUTING.md.
// Usage: node scripts/move-major-tag.ts <vX.Y.Z> [remote]   (in a clone with every tag fetched)
import { execFileSync } from 'node:child_process';

const RELEASE = /^v(\d+)\.(\d+)\.(\d+)$/;

function git(...args: string[]): string {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function fail(message: string): never {
  console.log(`::error::${message}`);
  process.exit(1);
}

const version = (tag: string): number[] => RELEASE.exec(tag)!.slice(1).map(Number);
const newer = (a: number[], b: number[]): boolean => {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
};

const [tag = '', remote = 'origin'] = process.argv.slice(2);
if (!RELEASE.test(tag)) fail(`release tag ${JSON.stringify(tag)} is not vMAJOR.MINOR.PATCH (e.g. v1.4.2).`);
const commit = git('rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`);
if (git('rev-parse', 'HEAD') !== commit)
  fail(`the checkout is not the commit of ${tag}: check out the tag, then build and check dist/ from it.`);

const [major] = version(tag);
const majorTag = `v${major}`;
// A patch of an older minor (v1.3.1 after v1.4.0) is a release, but v1 stays on the newest one.
const newest = git('tag', '--list', `${majorTag}.*`)
  .split('\n')
  .filter((t) => RELEASE.test(t))
  .reduce((best, t) => (newer(version(t), version(best)) ? t : best), tag);
if (newest !== tag) {
  console.log(`${majorTag} stays on ${newest}, which is newer than ${tag}.`);
  process.exit(0);
}
git('tag', '--force', majorTag, commit);
git('push', '--force', remote, `refs/tags/${majorTag}`);
console.log(`${majorTag} -> ${tag} (${commit.slice(0, 7)})`);
