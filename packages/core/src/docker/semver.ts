/** A parsed semantic version (https://semver.org), as node-semver's `parse` gives it. */
export interface SemVer {
  /** The text as written, e.g. `v1.2.3`. */
  raw: string;
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
  /** major.minor.patch[-prerelease], without a leading `v` or build metadata (node-semver's `version`). */
  version: string;
}

const NUM = '0|[1-9]\\d*';
const PRE_ID = `(?:${NUM}|\\d*[a-zA-Z-][a-zA-Z0-9-]*)`;
const SEMVER = new RegExp(
  `^[v=]?(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?$`,
);

/** Parses a version like node-semver's `parse` (a leading `v` or `=` allowed); undefined when not semver. */
export function parseSemver(raw: string): SemVer | undefined {
  const m = SEMVER.exec(raw.trim());
  if (!m) return undefined;
  const prerelease = m[4] ? m[4].split('.') : [];
  const core = `${m[1]}.${m[2]}.${m[3]}`;
  return {
    raw,
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease,
    version: prerelease.length ? `${core}-${prerelease.join('.')}` : core,
  };
}
