import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';

/** The contexts a step's expressions can read, as plain JSON (github, env, secrets, inputs, steps, runner...). */
export type Contexts = Record<string, unknown>;

/** The job's status so far, for `success()`, `failure()`, `always()` and `cancelled()` in `if:`. */
export type JobStatus = 'success' | 'failure';

const CONTEXT_NAMES = [
  'github',
  'env',
  'secrets',
  'inputs',
  'steps',
  'runner',
  'job',
  'vars',
  'matrix',
  'needs',
  'strategy',
];

function statusFunctions(status: JobStatus): FunctionDefinition[] {
  const fn = (name: string, value: boolean): FunctionDefinition => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(value),
  });
  return [
    fn('success', status === 'success'),
    fn('failure', status === 'failure'),
    fn('always', true),
    fn('cancelled', false),
  ];
}

/** Evaluates one expression (the text inside `${{ }}`) with GitHub's own parser and evaluator. */
export function evaluateExpression(
  expression: string,
  contexts: Contexts,
  status: JobStatus = 'success',
): data.ExpressionData {
  const functions = statusFunctions(status);
  const lexed = new Lexer(expression).lex();
  const parsed = new Parser(lexed.tokens, CONTEXT_NAMES, functions).parse();
  const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
  return new Evaluator(parsed, context, new Map(functions.map((f) => [f.name, f]))).evaluate();
}

/** A value with every `${{ }}` replaced by its string value, as the runner does for `with:`, `env:` and `run:`. */
export function interpolate(text: string, contexts: Contexts, status: JobStatus = 'success'): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) =>
    evaluateExpression(expression.trim(), contexts, status).coerceString(),
  );
}

/**
 * An `if:` condition: with or without `${{ }}`, and with the implicit `success() &&` GitHub adds when the
 * condition calls none of the status functions.
 */
export function condition(text: string | boolean | undefined, contexts: Contexts, status: JobStatus): boolean {
  if (text === undefined) return status === 'success';
  if (typeof text === 'boolean') return text && status === 'success';
  let expression = text.trim();
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(expression);
  if (wrapped) expression = wrapped[1]!.trim();
  if (!/\b(success|failure|always|cancelled)\s*\(/.test(expression)) expression = `success() && (${expression})`;
  return truthy(evaluateExpression(expression, contexts, status));
}
