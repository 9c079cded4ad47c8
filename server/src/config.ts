import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  KEFU_BASE_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+(:\d+)?$/i, 'must be a bare domain such as kefu.example.com')
    .optional(),
  KEFU_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  KEFU_SIGNUP: z.enum(['open', 'closed']).default('closed'),
  KEFU_TRUST_PROXY: booleanFlag.default(false),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KEFU_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).default('Kefu <no-reply@kefu.local>'),
  KEFU_PROFILE_SQL: booleanFlag.default(false),
  KEFU_SQLITE_READ_WORKERS: z.coerce.number().int().min(0).max(8).default(1),
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  KEFU_SMTP_MAX_BYTES: z.coerce.number().int().min(1024).max(200 * 1024 * 1024).default(25 * 1024 * 1024),
  KEFU_ALLOW_PRIVATE_CIDRS: z
    .string()
    .regex(/^[\d.:a-fA-F/]+(\s*,\s*[\d.:a-fA-F/]+)*$/, 'must be a comma-separated list of IP addresses or CIDR ranges')
    .optional(),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  baseDomain: string | null;
  publicUrl: string | null;
  signupOpen: boolean;
  trustProxy: boolean;
  secretKey: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  mail: Readonly<{ smtpUrl: string | null; from: string }>;
  /** Sum SQL time by statement and log the top ones when the process stops (profiling). */
  profileSql: boolean;
  /** SQLite: worker threads that run heavy reads beside the one writing connection (0: none). */
  sqliteReadWorkers: number;
  /** Kefu's inbound SMTP receiver and the largest message it accepts. */
  smtp: Readonly<{ port: number; maxBytes: number }>;
  /** Private ranges Kefu may connect to for admin-given hosts anyway (a webhook receiver or mail server inside the company network). */
  allowPrivateCidrs: readonly string[];
}>;

export class ConfigError extends Error {}

const RENAMED: Record<string, string> = { MAIL_SMTP_URL: 'KEFU_SMTP_URL', KEFU_WEBHOOK_ALLOW_CIDRS: 'KEFU_ALLOW_PRIVATE_CIDRS' };

/** Reads the environment once; every bad variable is named in one message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  // Renamed settings: starting without them would quietly stop mail or webhooks.
  const renamed = Object.entries(RENAMED).filter(([old]) => old in present);
  if (renamed.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${renamed.map(([old, now]) => `  ${old}: renamed to ${now}; set ${now} instead`).join('\n')}`);
  }
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    baseDomain: e.KEFU_BASE_DOMAIN?.toLowerCase() ?? null,
    publicUrl: e.KEFU_PUBLIC_URL?.replace(/\/$/, '') ?? null,
    signupOpen: e.KEFU_SIGNUP === 'open',
    trustProxy: e.KEFU_TRUST_PROXY,
    secretKey: e.SECRET_KEY ?? readOrCreateSecretKey(dataDir),
    logLevel: e.LOG_LEVEL,
    mail: Object.freeze({ smtpUrl: e.KEFU_SMTP_URL ?? null, from: e.MAIL_FROM }),
    profileSql: e.KEFU_PROFILE_SQL,
    sqliteReadWorkers: e.KEFU_SQLITE_READ_WORKERS,
    smtp: Object.freeze({ port: e.SMTP_PORT, maxBytes: e.KEFU_SMTP_MAX_BYTES }),
    allowPrivateCidrs: Object.freeze(e.KEFU_ALLOW_PRIVATE_CIDRS?.split(',').map((c) => c.trim()) ?? []),
  });
}

// Several processes sharing one PostgreSQL must share SECRET_KEY; a single
// machine can keep a generated one beside its data.
function readOrCreateSecretKey(dataDir: string): string {
  const file = path.join(dataDir, 'secret_key');
  if (existsSync(file)) {
    return readFileSync(file, 'utf8').trim();
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
