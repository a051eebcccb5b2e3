// The mutation score of each gate domain and file, from Stryker's JSON report (reports/mutation/mutation.json).
// Stryker's `thresholds.break` judges the whole run; the target is per domain (a weak domain must not hide behind
// a strong one), so this fails when any domain with mutants is below it.
// Usage: node scripts/mutation-scores.ts [report.json]   (after `npm run test:mutation`)
import { existsSync, readFileSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Report {
  files: Record<string, { mutants: { status: string }[] }>;
}
interface Config {
  gateDomains: Record<string, string[]>;
  default: { thresholds: { break: number } };
}

const root = join(import.meta.dirname, '..');
const reportFile = process.argv[2] ?? join(root, 'reports', 'mutation', 'mutation.json');
if (!existsSync(reportFile)) {
  console.error(
    `No mutation report at ${reportFile}: run \`npm run test:mutation\` first (it writes the JSON report).`,
  );
  process.exit(1);
}
const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
const config = (await import(pathToFileURL(join(root, 'stryker.config.mjs')).href)) as Config;
const target = config.default.thresholds.break;

/** The domain whose patterns take a file last (a later glob re-adds what an earlier `!` removed, as in Stryker). */
function domainOf(file: string): string | undefined {
  let found: string | undefined;
  for (const [domain, patterns] of Object.entries(config.gateDomains)) {
    for (const p of patterns) {
      if (p.startsWith('!')) {
        if (matchesGlob(file, p.slice(1))) found = undefined;
      } else if (matchesGlob(file, p)) found = domain;
    }
  }
  return found;
}

interface Tally {
  detected: number;
  undetected: number;
  ignored: number;
}
const tally = (): Tally => ({ detected: 0, undetected: 0, ignored: 0 });
const score = (t: Tally) => (t.detected + t.undetected ? (100 * t.detected) / (t.detected + t.undetected) : NaN);
const byDomain = new Map<string, Tally>();
const lines: string[] = [];
for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const t = tally();
  for (const m of mutants) {
    if (m.status === 'Killed' || m.status === 'Timeout') t.detected++;
    else if (m.status === 'Survived' || m.status === 'NoCoverage') t.undetected++;
    else if (m.status === 'Ignored') t.ignored++;
  }
  const domain = domainOf(file) ?? '(none)';
  const d = byDomain.get(domain) ?? tally();
  d.detected += t.detected;
  d.undetected += t.undetected;
  d.ignored += t.ignored;
  byDomain.set(domain, d);
  lines.push(`| ${domain} | ${file} | ${mutants.length} | ${t.ignored} | ${score(t).toFixed(1)}% |`);
}
console.log('| Domain | File | Mutants | Marked equivalent | Killed |\n| --- | --- | ---: | ---: | ---: |');
console.log(lines.join('\n'));
console.log('\n| Domain | Killed |\n| --- | ---: |');
const below: string[] = [];
for (const [domain, t] of byDomain) {
  console.log(`| ${domain} | ${score(t).toFixed(1)}% |`);
  if (score(t) < target) below.push(`${domain} ${score(t).toFixed(1)}%`);
}
if (below.length) {
  console.error(`Below the ${target}% target: ${below.join(', ')}.`);
  process.exitCode = 1;
}
