import { inputError } from '../errors.ts';
import type { GitContext } from './git-context.ts';
import { parseSemver } from './semver.ts';
import type { TagRule } from './tag-rules.ts';

/** The computed tags: `version` is the first (highest priority) one, used for the OCI version label. */
export interface ComputedTags {
  version: string | undefined;
  /** Tag names (no repository), in order, without duplicates; `latest` last when it applies. */
  tags: string[];
}

const HEADS = /^refs\/heads\//;
const TAGS = /^refs\/tags\//;
const PULL = /^refs\/pull\//;

/** Docker tags allow [A-Za-z0-9_.-], at most 128 characters: metadata-action replaces the rest with `-`. */
export function sanitizeTag(tag: string): string {
  return tag.replace(/[^a-zA-Z0-9._-]+/g, '-').slice(0, 128);
}

/** metadata-action's global expressions, usable in value, prefix, suffix and enable. */
function expand(text: string, ctx: GitContext): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const branch = HEADS.test(ctx.ref) ? ctx.ref.replace(HEADS, '') : '';
    switch (name) {
      case 'branch':
        return branch;
      case 'tag':
        return TAGS.test(ctx.ref) ? ctx.ref.replace(TAGS, '') : '';
      case 'sha':
        return ctx.sha.slice(0, 7);
      case 'is_default_branch':
        return String(branch !== '' && branch === ctx.defaultBranch);
      default:
        throw inputError(
          'tags',
          `unknown expression ${whole}: expected {{branch}}, {{tag}}, {{sha}} or {{is_default_branch}}.`,
        );
    }
  });
}

function withAffixes(value: string, rule: TagRule, ctx: GitContext): string {
  return `${expand(rule.attrs.prefix ?? '', ctx)}${value}${expand(rule.attrs.suffix ?? '', ctx)}`;
}

/** Fills a semver pattern ({{raw}}, {{version}}, {{major}}, {{minor}}, {{patch}}). */
function semverPattern(pattern: string, v: NonNullable<ReturnType<typeof parseSemver>>): string {
  const values: Record<string, string> = {
    raw: v.raw,
    version: v.version,
    major: String(v.major),
    minor: String(v.minor),
    patch: String(v.patch),
  };
  return pattern.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw inputError('tags', `unknown expression ${whole} in a semver pattern.`);
    return value;
  });
}

/** One rule's tag for this context and whether it asks for `latest`; undefined when it does not apply. */
function evaluate(rule: TagRule, ctx: GitContext): { value: string; latest: boolean } | undefined {
  const { attrs } = rule;
  switch (rule.type) {
    case 'sha':
      if (!ctx.sha) return undefined;
      return { value: withAffixes(attrs.format === 'long' ? ctx.sha : ctx.sha.slice(0, 7), rule, ctx), latest: false };
    case 'raw': {
      const value = expand(attrs.value ?? '', ctx);
      return value ? { value: withAffixes(value, rule, ctx), latest: false } : undefined;
    }
    case 'ref':
      if (attrs.event === 'branch' && HEADS.test(ctx.ref))
        return { value: withAffixes(ctx.ref.replace(HEADS, ''), rule, ctx), latest: false };
      if (attrs.event === 'tag' && TAGS.test(ctx.ref))
        return { value: withAffixes(ctx.ref.replace(TAGS, ''), rule, ctx), latest: true };
      if (attrs.event === 'pr' && PULL.test(ctx.ref)) {
        return { value: withAffixes(ctx.ref.replace(PULL, '').replace(/\/merge$/, ''), rule, ctx), latest: false };
      }
      return undefined;
    case 'semver': {
      const given = attrs.value ? expand(attrs.value, ctx) : '';
      if (!given && !TAGS.test(ctx.ref)) return undefined;
      const raw = given || ctx.ref.replace(TAGS, '').replace(/\//g, '-');
      const version = parseSemver(raw);
      if (!version) return undefined;
      // Pre-releases only get {{version}} (or {{raw}}): metadata-action keeps `1.2` and `1` for releases.
      if (version.prerelease.length > 0) {
        const pattern = /^\{\{\s*raw\s*\}\}$/.test(attrs.pattern ?? '') ? '{{raw}}' : '{{version}}';
        return { value: withAffixes(semverPattern(pattern, version), rule, ctx), latest: false };
      }
      return { value: withAffixes(semverPattern(attrs.pattern ?? '{{version}}', version), rule, ctx), latest: true };
    }
  }
}

/**
 * Computes the image tags from rules (highest priority first) the way docker/metadata-action does:
 * the first tag is the version, duplicates are dropped, and `latest` is added when the first rule
 * that produced a tag was a release (type=ref,event=tag or a non-prerelease semver), as its
 * flavor `latest=auto` does.
 */
export function computeTags(rules: TagRule[], ctx: GitContext): ComputedTags {
  const tags: string[] = [];
  let latest: boolean | undefined;
  for (const rule of rules) {
    if (rule.attrs.enable !== undefined) {
      const enable = expand(rule.attrs.enable, ctx);
      if (enable !== 'true' && enable !== 'false')
        throw inputError('tags', `enable must be true or false, got ${JSON.stringify(enable)}.`);
      if (enable === 'false') continue;
    }
    const result = evaluate(rule, ctx);
    if (!result || result.value === '') continue;
    const tag = sanitizeTag(result.value);
    if (!tags.includes(tag)) tags.push(tag);
    latest ??= result.latest;
  }
  if (latest && tags.length > 0 && !tags.includes('latest')) tags.push('latest');
  return { version: tags[0], tags };
}
