/** The metrics document of docs/formats.md, validated against its zod schema before it is written. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { MetricsDocument } from '../contracts/metrics.ts';
import type { Task } from '../metrics/types.ts';
import type { Evaluation } from './compute.ts';

/** SHA-256 of the predictions: of the file, or of the files of a glob one after the other. */
export async function sha256Of(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const f of files) for await (const chunk of createReadStream(f)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Assembles and validates the document. */
export function metricsDocument(o: {
  task: Task;
  rows: number;
  evaluation: Evaluation;
  predictions: string;
  sha256: string;
  commit?: string | undefined;
  model?: { name?: string | undefined; version?: string | undefined };
}): MetricsDocument {
  const e = o.evaluation;
  const model = Object.fromEntries(Object.entries(o.model ?? {}).filter(([, v]) => v));
  const doc = {
    version: 1 as const,
    task: o.task,
    rows: o.rows,
    metrics: e.metrics,
    ...(e.intervals ? { intervals: e.intervals } : {}),
    ...(e.slices ? { slices: e.slices } : {}),
    ...(e.fairness ? { fairness: e.fairness } : {}),
    ...(e.confusion_matrix ? { confusion_matrix: e.confusion_matrix } : {}),
    ...(e.curves ? { curves: e.curves } : {}),
    ...(Object.keys(model).length ? { model } : {}),
    source: { predictions: o.predictions, sha256: o.sha256, ...(o.commit ? { commit: o.commit } : {}) },
  };
  return MetricsDocument.parse(doc);
}
