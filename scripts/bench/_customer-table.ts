// The customer table validate-data's bench runs on, as users' tables really are: 20 columns of integer ids,
// full-precision floats (shortest round-trip text, nearly every value distinct), strings with 3-50 categories,
// an email, a phone number, dates and datetimes, 1-5% nulls in several columns and a few planted defects. The
// generator is seeded (a 32-bit LCG), so every run writes the same bytes; `shift` moves the distributions a
// little, as a month of new customers would.
import { createWriteStream } from 'node:fs';

export const COLUMNS = [
  'customer_id',
  'signup_date',
  'last_login',
  'age',
  'country',
  'plan',
  'city',
  'email',
  'phone',
  'monthly_spend',
  'lifetime_value',
  'balance',
  'credit_score',
  'tenure_months',
  'churn_probability',
  'sessions_30d',
  'discount_rate',
  'segment',
  'is_active',
  'referral_code',
] as const;

const PLANS = ['basic', 'pro', 'enterprise'];
const COUNTRIES = Array.from({ length: 20 }, (_, i) => `C${String.fromCharCode(65 + i)}`);
const CITIES = Array.from({ length: 50 }, (_, i) => `city-${i}`);
const SEGMENTS = [
  'consumer',
  'small-business',
  'mid-market',
  'enterprise',
  'public',
  'education',
  'nonprofit',
  'other',
];
const DAY = 86_400_000;
const SIGNUP_FROM = Date.UTC(2015, 0, 1);
const LOGIN_FROM = Date.UTC(2024, 0, 1);

/** The schema: every check kind of CONTRACTS (type, nullable, max-null-fraction, unique, min, max, allowed,
 * pattern, min-length, max-length) on some column. */
export const SCHEMA = `columns:
  customer_id: { type: integer, unique: true, nullable: false }
  signup_date: { type: date, min: 2015-01-01, max: 2025-12-31 }
  last_login: { type: datetime, min: 2024-01-01, max-null-fraction: 0.05 }
  age: { type: integer, nullable: false, min: 18, max: 120 }
  country: { type: string, allowed: [${COUNTRIES.join(', ')}] }
  plan: { type: string, nullable: false, allowed: [basic, pro, enterprise] }
  city: { type: string, max-null-fraction: 0.03 }
  email: { type: string, unique: true, pattern: '^[^@ ]+@[^@ ]+\\.[a-z]+$', max-length: 64 }
  phone: { type: string, pattern: '^\\+1-[0-9]{3}-[0-9]{3}-[0-9]{4}$', min-length: 15 }
  monthly_spend: { type: number, min: 0 }
  lifetime_value: { type: number, min: 0, max: 1000000 }
  balance: { type: number, max-null-fraction: 0.05 }
  credit_score: { type: integer, min: 300, max: 850 }
  tenure_months: { type: integer, min: 0, max: 240 }
  churn_probability: { type: number, min: 0, max: 1 }
  sessions_30d: { type: integer, min: 0 }
  discount_rate: { type: number, min: 0, max: { value: 0.5, level: warn } }
  segment: { type: string, max-null-fraction: 0.02 }
  is_active: { type: boolean }
  referral_code: { type: string, min-length: 8, max-length: 8 }
`;

/** Non-default drift tests on some columns (the rest get Evidently's defaults: Wasserstein and Jensen-Shannon). */
export const DRIFT_METHODS = `{ sessions_30d: psi, tenure_months: jensen_shannon, credit_score: ks, plan: chi2, is_active: z, discount_rate: psi }`;

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function isoDate(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

function isoDatetime(t: number): string {
  const d = new Date(t);
  return `${isoDate(t)} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
}

/** Writes `rows` rows (plus the header) to `file`. */
export async function writeCustomerTable(file: string, rows: number, seed: number, shift: number): Promise<void> {
  let s = seed >>> 0;
  const u = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  // a standard normal from two uniforms (Box-Muller)
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const out = createWriteStream(file);
  out.write(`${COLUMNS.join(',')}\n`);
  const idBase = 4_000_000_000 + seed * 100_000_000;
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const id = i % 250_007 === 11 ? idBase + i - 1 : idBase + i; // a few duplicate ids
    const signup = SIGNUP_FROM + Math.floor(u() * 3650) * DAY;
    const login =
      u() < 0.04 ? '' : isoDatetime(LOGIN_FROM + (Math.floor(u() * (365 + shift * 10) * DAY) / 1000) * 1000);
    const age = i % 100_003 === 7 ? 150 : 18 + Math.floor(u() * u() * 70 + shift);
    const country = i % 333_331 === 5 ? 'ZZ' : COUNTRIES[Math.floor(u() * u() * COUNTRIES.length)]!;
    const plan = PLANS[u() < 0.6 + shift * 0.01 ? 0 : u() < 0.7 ? 1 : 2]!;
    const city = u() < 0.02 ? '' : CITIES[Math.floor(u() * CITIES.length)]!;
    const email = i % 50_000 === 3 ? 'not-an-email' : `user${seed}.${i}@example.com`;
    const phone =
      u() < 0.015
        ? ''
        : `+1-${200 + Math.floor(u() * 800)}-${100 + Math.floor(u() * 900)}-${1000 + Math.floor(u() * 9000)}`;
    const spend = Math.exp(3 + 0.8 * normal()) * (1 + shift * 0.02);
    const ltv = spend * (1 + u() * 60);
    const balance = u() < 0.03 ? '' : String(normal() * 250 + 40 * shift);
    const credit =
      i % 200_003 === 9 ? 'unknown' : String(Math.min(850, Math.max(300, Math.round(680 + 60 * normal()))));
    const tenure = Math.floor(u() * 120 + shift * 2);
    const churn = 1 / (1 + Math.exp(-(normal() - 1.5 + shift * 0.05)));
    const sessions = Math.min(15, Math.floor(-Math.log(1 - u()) * (4 + shift * 0.1)));
    const discount = u() < 0.05 ? '' : (Math.floor(u() * u() * 6000) / 10_000).toFixed(4);
    const segment = u() < 0.01 ? '' : SEGMENTS[Math.floor(u() * SEGMENTS.length)]!;
    const active = u() < 0.8 - shift * 0.01 ? 'true' : 'false';
    const referral = (46_656 + Math.floor(u() * u() * 5_000)).toString(36).padStart(8, 'r');
    chunk +=
      `${id},${isoDate(signup)},${login},${age},${country},${plan},${city},${email},${phone},${spend},${ltv},` +
      `${balance},${credit},${tenure},${churn},${sessions},${discount},${segment},${active},${referral}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((r) => out.end(r));
}
