// A customer table with defects planted in it, the same rows for the tests of validate-data against a file, a
// DuckDB table and a PostgreSQL table.

/** 300 rows in id order with a defect planted every few rows, each defect on its own id. */
export function defectsCsv(): string {
  const lines = ['id,age,score,plan,active,day,email,note'];
  for (let i = 0; i < 300; i++) {
    const row = {
      id: String(i === 50 || i === 120 ? i - 1 : i),
      age: String(20 + (i % 60)),
      score: ((i % 97) / 100).toFixed(2),
      plan: ['basic', 'pro', 'team'][i % 3]!,
      active: i % 2 ? 'true' : 'FALSE',
      day: `2021-0${1 + (i % 9)}-1${i % 10}`,
      email: `u${i}@example.${i % 2 ? 'com' : 'eu'}`,
      note: i % 7 ? `n${i % 11}` : '',
    };
    if (i % 23 === 3) row.age = ['abc', '', '17', '130', '45.5', '+40'][((i / 23) % 6) | 0]!;
    if (i % 29 === 5) row.score = ['1.5', '-0.1', 'x', '1e-3', '.5'][((i / 29) % 5) | 0]!;
    if (i % 31 === 7) row.plan = ['Gold', 'toolong', 'ab', 'pro2', ''][((i / 31) % 5) | 0]!;
    if (i % 37 === 11) row.active = ['yes', 'True', '0'][((i / 37) % 3) | 0]!;
    if (i % 41 === 13) row.day = ['2019-12-31', 'not-a-date', '2026-01-01', '2024-1-5'][((i / 41) % 4) | 0]!;
    if (i % 43 === 17) row.email = ['', 'someone@other.org', ''][((i / 43) % 3) | 0]!;
    lines.push(Object.values(row).join(','));
  }
  return `${lines.join('\n')}\n`;
}
