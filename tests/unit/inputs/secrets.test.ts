import { describe, expect, it } from 'vitest';
import { headerSecrets, kubeconfigSecrets, urlPasswordSecrets } from '@modelgate/core/inputs/secrets';

describe('credentials found before parsing', () => {
  it("a connection URL's password, as written and decoded, even when the URL does not parse", () => {
    expect(urlPasswordSecrets('postgresql://ci:p%40ss%2Fw0rd@db.internal:5432/features')).toEqual([
      'p%40ss%2Fw0rd',
      'p@ss/w0rd',
    ]);
    expect(urlPasswordSecrets('postgres://ci:s3cret@[::1:5432/x')).toEqual(['s3cret']);
    expect(urlPasswordSecrets('postgres://ci@db/x')).toEqual([]);
    expect(urlPasswordSecrets('duckdb:///data.db')).toEqual([]);
  });

  it('kubeconfig tokens, passwords and keys in YAML and JSON, malformed or not', () => {
    const yaml =
      'users:\n- name: u\n  user:\n    token: abc.DEF-123\n    password: "p@ss w"\n    client-key-data: LS0tS0VZ # k\n   bad: [\n';
    expect(kubeconfigSecrets(yaml)).toEqual(['abc.DEF-123', 'p@ss w', '"p@ss w"', 'LS0tS0VZ']);
    expect(kubeconfigSecrets('{"users":[{"user":{"token":"tok-123"}}]}')).toEqual(['tok-123', '"tok-123"']);
    expect(kubeconfigSecrets('clusters:\n- cluster: {server: "https://k8s"}\n')).toEqual([]);
  });

  it('header values, the bearer credential alone, and a line without a colon whole', () => {
    expect(headerSecrets('Authorization: Bearer xyz\n# comment\nno-colon-line\nX-Key:  k1 \n')).toEqual([
      'Bearer xyz',
      'xyz',
      'no-colon-line',
      'k1',
    ]);
  });
});
