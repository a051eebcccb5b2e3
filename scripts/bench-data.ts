/**
 * Speed and memory of the data readers on a generated predictions file (never committed: written to /tmp).
 *   node scripts/bench-data.ts generate /tmp/preds.csv 2000000   # label,prediction,score,region
 *   node scripts/bench-data.ts stream /tmp/preds.csv             # every batch of cells (validate-data's pass)
 *   node scripts/bench-data.ts columns /tmp/preds.csv            # readColumns of the 4 columns (evaluate-model)
 * Compare under `/usr/bin/time -f '%e s %M KiB'` with
 *   /usr/bin/python3 -c 'import pandas; pandas.read_csv("/tmp/preds.csv")'
 */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { readColumns } from '../packages/core/src/data/columns.ts';
import { openTable } from '../packages/core/src/data/open.ts';

const [mode, fileArg, rowsArg] = process.argv.slice(2);
if (!mode || !fileArg) throw new Error('usage: bench-data.ts generate|stream|columns FILE [ROWS]');
const file: string = fileArg;

/** Kept free of top-level await so ncc can bundle it: the bench should time the JS users run, not type stripping. */
async function main(): Promise<void> {
  if (mode === 'generate') {
    const rows = Number(rowsArg ?? 2_000_000);
    const out = createWriteStream(file);
    const regions = ['eu', 'us', 'apac'];
    // A small LCG instead of Math.random: the same file on every run.
    let seed = 42;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    out.write('label,prediction,score,region\n');
    let text = '';
    for (let i = 0; i < rows; i++) {
      const score = random();
      text += `${random() < score ? 1 : 0},${score > 0.5 ? 1 : 0},${score.toFixed(6)},${regions[i % 3]}\n`;
      if (text.length > 1 << 20) {
        if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        text = '';
      }
    }
    out.end(text);
    await new Promise<void>((resolve) => out.on('finish', () => resolve()));
    console.log(`wrote ${rows} rows to ${file}`);
  } else {
    const started = performance.now();
    const table = await openTable(file);
    let rows = 0;
    if (mode === 'stream') {
      for await (const batch of table.batches()) rows += batch.length;
    } else {
      const names = ['label', 'prediction', 'score', 'region'];
      const typed = await readColumns(table, names, ['category', 'category', 'number', 'category']);
      rows = typed.rows;
    }
    const seconds = (performance.now() - started) / 1000;
    const megabytes = (await stat(file)).size / 1e6;
    console.log(
      `${mode}: ${rows} rows, ${megabytes.toFixed(1)} MB in ${seconds.toFixed(3)} s = ${(megabytes / seconds).toFixed(0)} MB/s`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
