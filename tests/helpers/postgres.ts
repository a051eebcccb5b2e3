/**
 * The PostgreSQL cluster `.ci/postgres` starts for the SQL-source tests: loopback, SCRAM passwords, a database
 * owned by an admin role (loads the test tables) and a SELECT-only reader role (what the actions are given).
 * Override with MODELGATE_TEST_PG_URL / MODELGATE_TEST_PG_ADMIN_URL to point elsewhere.
 */
export const READER_PASSWORD = 'Reader-Secret-7f3a';
export const postgresReaderUrl =
  process.env['MODELGATE_TEST_PG_URL'] ?? `postgresql://modelgate_reader:${READER_PASSWORD}@127.0.0.1:55432/modelgate`;
export const postgresAdminUrl =
  process.env['MODELGATE_TEST_PG_ADMIN_URL'] ??
  'postgresql://modelgate_admin:modelgate-admin-pw@127.0.0.1:55432/modelgate';
