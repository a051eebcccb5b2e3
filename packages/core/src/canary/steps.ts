/** The `steps` input: canary weights in percent, strictly increasing, each in 1..100 (Flagger's stepWeights). */
import { inputError } from '../errors.ts';

/** Parses and checks the list of step weights; the error says which item is wrong and why. */
export function parseSteps(items: string[]): number[] {
  if (items.length === 0) throw inputError('steps', 'is empty: expected canary weights in percent, e.g. 10,25,50,100.');
  const weights: number[] = [];
  for (const [i, item] of items.entries()) {
    const text = item.replace(/%$/, '').trim();
    const weight = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(weight) || weight < 1 || weight > 100)
      throw inputError('steps', `item ${i + 1} is ${JSON.stringify(item)}: expected a whole percentage from 1 to 100.`);
    const previous = weights[weights.length - 1];
    if (previous !== undefined && weight <= previous)
      throw inputError(
        'steps',
        `item ${i + 1} (${weight}) does not increase on the one before it (${previous}): steps must increase, e.g. 10,25,50,100.`,
      );
    weights.push(weight);
  }
  return weights;
}
