import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const INPUTS_START = '<!-- action-docs:inputs -->';
export const INPUTS_END = '<!-- action-docs:end-inputs -->';
export const OUTPUTS_START = '<!-- action-docs:outputs -->';
export const OUTPUTS_END = '<!-- action-docs:end-outputs -->';

interface Spec {
  description: string;
  required?: boolean;
  default?: string | number | boolean;
}

const cell = (text: string) =>
  text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();

/** The inputs and outputs tables of an action's README, generated from its action.yml. */
export function actionTables(root: string, action: string): { inputs: string; outputs: string } {
  const yml = parse(readFileSync(join(root, 'actions', action, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, Spec>;
    outputs?: Record<string, Spec>;
  };
  const inputs = Object.entries(yml.inputs ?? {}).map(
    ([name, s]) =>
      `| \`${name}\` | ${s.required ? 'yes' : 'no'} | ${s.default === undefined || s.default === '' ? '' : `\`${cell(String(s.default))}\``} | ${cell(s.description)} |`,
  );
  const outputs = Object.entries(yml.outputs ?? {}).map(([name, s]) => `| \`${name}\` | ${cell(s.description)} |`);
  return {
    inputs: ['| Input | Required | Default | Description |', '| --- | --- | --- | --- |', ...inputs].join('\n'),
    outputs: ['| Output | Description |', '| --- | --- |', ...outputs].join('\n'),
  };
}

/** Replaces the text between two markers; returns undefined when the markers are missing. */
export function replaceBetween(text: string, start: string, end: string, body: string): string | undefined {
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return undefined;
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
}

/** An action README with its tables regenerated. */
export function renderReadme(root: string, action: string, readme: string): string | undefined {
  const t = actionTables(root, action);
  const withInputs = replaceBetween(readme, INPUTS_START, INPUTS_END, t.inputs);
  return withInputs && replaceBetween(withInputs, OUTPUTS_START, OUTPUTS_END, t.outputs);
}
