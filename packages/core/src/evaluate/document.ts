/** The metrics document of docs/formats.md, validated against its zod schema before it is written. */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { digestRead } from '../data/file-digests.ts';
import { MetricsDocument } from '../contracts/metrics.ts';
import type { Task } from '../metrics/types.ts';
import type { Evaluation } from './compute.ts';
import type { LabelCounts } from './labels.ts';

/** SHA-256 of the predictions: of the file, or of the files of a glob one after the other. */
export async function sha256Of(files: string[]): Promise<string> {
  // taken beside the read of the predictions (data/file-digests), when one file was read
  const read = files.length === 1 ? await digestRead(files[0]!) : undefined;
  if (read) return read;
  const hash = createHash('sha256');
  // One buffer read into again and again: a stream's fresh 64 KB chunks were ~30 MB of the peak memory on a
  // 300 MB file (garbage that the allocator kept after the collector freed it).
  const buffer = Buffer.allocUnsafeSlow(1 << 20);
  for (const f of files) {
    const handle = await open(f);
    try {
      for (let n; (n = (await handle.read(buffer, 0, buffer.length, null)).bytesRead) > 0;)
        hash.update(buffer.subarray(0, n));
    } finally {
      await handle.close();
    }
  }
  return hash.digest('hex');
}

/** Assembles and validates the document. */
export function metricsDocument(input: {
  task: Task;
  rows: number;
  evaluation: Evaluation;
  predictions: string;
  sha256: string;
  commit?: string | undefined;
  model?: { name?: string | undefined; version?: string | undefined };
  labels?: LabelCounts | undefined;
}): MetricsDocument {
  const e = input.evaluation;
  const model = Object.fromEntries(Object.entries(input.model ?? {}).filter(([, v]) => v));
  const doc = {
    version: 1 as const,
    task: input.task,
    rows: input.rows,
    metrics: e.metrics,
    ...(e.intervals ? { intervals: e.intervals } : {}),
    ...(e.slices ? { slices: e.slices } : {}),
    ...(e.fairness ? { fairness: e.fairness } : {}),
    ...(e.confusion_matrix ? { confusion_matrix: e.confusion_matrix } : {}),
    ...(e.curves ? { curves: e.curves } : {}),
    ...(Object.keys(model).length ? { model } : {}),
    source: { predictions: input.predictions, sha256: input.sha256, ...(input.commit ? { commit: input.commit } : {}) },
    ...(input.labels ? { labels: input.labels } : {}),
  };
  return MetricsDocument.parse(doc);
}
