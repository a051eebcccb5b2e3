import { describe, expect, it } from 'vitest';
import { parseConnection, withoutPassword } from '../../../packages/core/src/sql/connection.ts';
import { isUserError } from '../../../packages/core/src/errors.ts';

function error(value: string): string {
  try {
    parseConnection(value);
  } catch (e) {
    expect(isUserError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error(`${value} was accepted`);
}

describe('the connection input', () => {
  it('reads PostgreSQL URLs (both schemes) and never shows the password', () => {
    const c = parseConnection('postgresql://reader:s3cr%40t@db.internal:5433/analytics?sslmode=require');
    expect(c).toMatchObject({
      engine: 'postgresql',
      display: 'postgresql://reader:***@db.internal:5433/analytics?sslmode=require',
    });
    expect(parseConnection('postgres://u@localhost/db').engine).toBe('postgresql');
    expect(withoutPassword('postgres://u:p@w@rd@h/db')).toBe('postgres://u:***@h/db');
  });

  it('reads DuckDB in memory and database files', () => {
    expect(parseConnection('duckdb:')).toMatchObject({ engine: 'duckdb', path: undefined });
    expect(parseConnection('duckdb::memory:')).toMatchObject({ engine: 'duckdb', path: undefined });
    expect(parseConnection('duckdb:data/warehouse.duckdb')).toMatchObject({
      engine: 'duckdb',
      path: 'data/warehouse.duckdb',
    });
    expect(parseConnection('duckdb:///tmp/w.duckdb')).toMatchObject({ engine: 'duckdb', path: '/tmp/w.duckdb' });
  });

  it('reads BigQuery projects and locations, and refuses what is not one', () => {
    expect(parseConnection('bigquery://my-project-123?location=EU')).toMatchObject({
      engine: 'bigquery',
      project: 'my-project-123',
      location: 'EU',
    });
    expect(parseConnection('bigquery://example.com:my-project')).toMatchObject({ project: 'example.com:my-project' });
    expect(error('bigquery://My_Project')).toMatch(/does not name a Google Cloud project/);
    expect(error('bigquery://my-project?dataset=x')).toMatch(/unknown option "dataset"/);
    expect(error("bigquery://my-project?location=EU'; DROP")).toMatch(/not a BigQuery location/);
  });

  it('an unknown scheme lists the accepted ones and quotes only the scheme', () => {
    const m = error('mysql://root:hunter22@db/x');
    expect(m).toMatch(/"mysql:".*postgresql:\/\/.*duckdb:.*bigquery:\/\//);
    expect(m).not.toContain('hunter22');
    const libpq = error('host=db user=u password=hunter22');
    expect(libpq).toMatch(/not a URL/);
    expect(libpq).not.toContain('hunter22');
  });

  it('a PostgreSQL URL without a host is refused without its password', () => {
    const m = error('postgresql://u:hunter22@/db');
    expect(error('postgresql:///db?sslmode=require')).toMatch(/names no host/);
    expect(m).toMatch(/not a valid PostgreSQL URL|names no host/);
    expect(m).not.toContain('hunter22');
  });
});
