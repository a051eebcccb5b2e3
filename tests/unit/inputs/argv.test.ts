import { describe, expect, it } from 'vitest';
import { UserError } from '@modelgate/core/errors';
import { parseArgv } from '@modelgate/core/inputs/argv';

describe('parseArgv (command, serve-command)', () => {
  it('takes a JSON array as the exact argument vector', () => {
    expect(parseArgv('["python", "predict.py", "--out", "a b.csv"]', 'command')).toEqual([
      'python',
      'predict.py',
      '--out',
      'a b.csv',
    ]);
  });

  it('splits words with shell-like quoting but interprets nothing else', () => {
    expect(parseArgv(`python 'my script.py' "--name=\\"x\\"" a\\ b`, 'command')).toEqual([
      'python',
      'my script.py',
      '--name="x"',
      'a b',
    ]);
    expect(parseArgv('echo $HOME; rm -rf / | cat', 'command')).toEqual([
      'echo',
      '$HOME;',
      'rm',
      '-rf',
      '/',
      '|',
      'cat',
    ]);
  });

  it('names the input on malformed JSON, an empty array and an unclosed quote', () => {
    const message = (raw: string) => {
      try {
        parseArgv(raw, 'serve-command');
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
        return (e as UserError).describe();
      }
      throw new Error('expected an error');
    };
    expect(message('["node",')).toMatch(/^input 'serve-command': looks like a JSON array but is not valid JSON/);
    expect(message('[]')).toContain('non-empty array');
    expect(message('["node", 1]')).toContain('non-empty array');
    expect(message("python 'oops")).toContain("unclosed ' quote");
    expect(message('   ')).toContain('is empty');
  });
});
