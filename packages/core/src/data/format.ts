/** Which reader a data file needs, from its name: `.csv`, `.tsv`, `.jsonl`/`.ndjson`, `.parquet`, each maybe `.gz`. */
import { fileError } from '../errors.ts';

export type DataFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet';

const EXTENSIONS: Record<string, DataFormat> = {
  csv: 'csv',
  tsv: 'tsv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  parquet: 'parquet',
};

/** The format of `file` by extension; an unknown extension is a UserError listing the known ones. */
export function formatOf(file: string, input?: string): DataFormat {
  const name = file.replace(/\.gz$/i, '');
  const dot = name.lastIndexOf('.');
  const ext = dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
  const format = EXTENSIONS[ext];
  if (!format) {
    throw fileError(
      `cannot tell the data format from the name: expected one of .csv, .tsv, .jsonl, .ndjson, .parquet ` +
        `(optionally followed by .gz)`,
      file,
      { input },
    );
  }
  return format;
}
