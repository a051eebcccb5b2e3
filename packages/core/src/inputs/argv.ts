import { inputError } from '../errors.ts';

/**
 * Reads an input that names a program and its arguments (`command`, `serve-command`): a JSON array of strings
 * (the exact argv), or words separated by spaces where single quotes, double quotes and backslashes group as in
 * a POSIX shell. Nothing else is interpreted, no variables, globs, pipes or `;`: the result is spawned without a
 * shell, so an input can never inject a second command.
 */
export function parseArgv(raw: string, input: string): string[] {
  const text = raw.trim();
  const example = '["python", "serve.py", "--port", "8080"]';
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw inputError(input, `looks like a JSON array but is not valid JSON: ${text}; expected e.g. ${example}.`);
    }
    if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((a) => typeof a === 'string' && a !== '')) {
      throw inputError(input, `as JSON must be a non-empty array of non-empty strings, e.g. ${example}.`);
    }
    return parsed as string[];
  }
  const args = splitWords(text, input);
  if (!args.length) throw inputError(input, `is empty; expected a program and its arguments, e.g. ${example}.`);
  return args;
}

function splitWords(text: string, input: string): string[] {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else current += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) current += text[++i];
      else current += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) throw inputError(input, `has an unclosed ${quote} quote: ${text}`);
  if (inWord) args.push(current);
  return args;
}
