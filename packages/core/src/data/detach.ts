/**
 * A copy of a cell string that shares no memory with the reader. CSV cells are slices of a decoded span of the
 * file (at most SPAN_BYTES, see data/csv-cells): a string kept for long (top values, examples) keeps that span
 * alive. Detach the few strings you keep; never needed for strings you drop after the batch.
 */

/** A copy of `text` that owns its characters (lossless for any JS string, lone surrogates included). */
export function detach(text: string): string {
  // V8 copies strings shorter than 13 characters when slicing, so they never share memory.
  return text.length < 13 ? text : Buffer.from(text, 'utf16le').toString('utf16le');
}
