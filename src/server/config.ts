// The only reader of process.env. Everything else receives a validated Config.
import path from 'node:path';

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; poolSize: number };

export interface Config {
  env: 'production' | 'development' | 'test';
  host: string;
  port: number;
  dataDir: string;
  attachmentsDir: string;
  database: DatabaseConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  admin: { email: string; password: string } | null;
  sessionTtlHours: number;
  secureCookies: boolean;
  trustProxy: boolean;
  /** Background job workers; off for one-shot CLI commands. */
  jobWorkers: boolean;
  jobPollMs: number;
  auditSealIntervalMs: number;
  login: { maxFailuresPerAccount: number; lockMinutes: number; maxFailuresPerAddress: number };
  /** Outgoing email: `smtpUrl` null means "write messages to the log" (development). */
  mail: { smtpUrl: string | null; from: string };
  /** Base of the links in emails and surveys, without a trailing slash. */
  publicUrl: string;
  surveyExpiryDays: number;
  /** Largest attachment accepted, in bytes (MERIDIAN_MAX_ATTACHMENT_MB). */
  maxAttachmentBytes: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function database(env: Env, dataDir: string): DatabaseConfig {
  const url = env.DATABASE_URL;
  if (!url) return { kind: 'sqlite', file: path.join(dataDir, 'meridian.db') };
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return { kind: 'postgres', url, poolSize: integer(env, 'MERIDIAN_DB_POOL_SIZE', 10, 1, 500) };
  }
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) throw new ConfigError('DATABASE_URL', 'names no SQLite file after "sqlite:"');
    return { kind: 'sqlite', file: path.resolve(file) };
  }
  throw new ConfigError('DATABASE_URL', 'must start with postgres://, postgresql:// or sqlite:');
}

function smtpUrl(env: Env): string | null {
  const raw = env.MERIDIAN_SMTP_URL;
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('MERIDIAN_SMTP_URL', 'is not a valid URL (smtp://user:pass@host:587)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(
      'MERIDIAN_SMTP_URL',
      `must start with smtp:// or smtps://, got "${url.protocol}"`,
    );
  }
  if (!url.hostname) throw new ConfigError('MERIDIAN_SMTP_URL', 'names no host');
  return raw;
}

function mailFrom(env: Env): string {
  const raw = env.MERIDIAN_MAIL_FROM;
  if (raw === undefined || raw === '') return 'Meridian <meridian@localhost>';
  // "Name <address>" or a bare address.
  if (!/^(?:[^<>@]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/.test(raw.trim())) {
    throw new ConfigError(
      'MERIDIAN_MAIL_FROM',
      `must be an address or "Name <address>", got "${raw}"`,
    );
  }
  return raw.trim();
}

function publicUrl(env: Env, host: string, port: number): string {
  const raw = env.MERIDIAN_PUBLIC_URL;
  if (raw === undefined || raw === '')
    return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('MERIDIAN_PUBLIC_URL', `is not a valid URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(
      'MERIDIAN_PUBLIC_URL',
      `must start with http:// or https://, got "${raw}"`,
    );
  }
  if (url.search || url.hash) {
    throw new ConfigError('MERIDIAN_PUBLIC_URL', 'must not carry a query or a fragment');
  }
  return raw.replace(/\/+$/, '');
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['production', 'development', 'test'], 'production');
  const dataDir = path.resolve(env.MERIDIAN_DATA_DIR || './data');
  const host = env.HOST || '127.0.0.1';
  const adminEmail = env.MERIDIAN_ADMIN_EMAIL;
  const adminPassword = env.MERIDIAN_ADMIN_PASSWORD;
  if (adminEmail !== undefined && adminEmail !== '' && !/^[^@\s]+@[^@\s]+$/.test(adminEmail)) {
    throw new ConfigError('MERIDIAN_ADMIN_EMAIL', `is not an email address: "${adminEmail}"`);
  }
  if (adminPassword && adminPassword.length < 12) {
    throw new ConfigError('MERIDIAN_ADMIN_PASSWORD', 'must be at least 12 characters long');
  }
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new ConfigError(
      adminEmail ? 'MERIDIAN_ADMIN_PASSWORD' : 'MERIDIAN_ADMIN_EMAIL',
      'must be set together with its pair (MERIDIAN_ADMIN_EMAIL and MERIDIAN_ADMIN_PASSWORD)',
    );
  }
  const port = integer(env, 'PORT', 8080, 0, 65535);
  return {
    env: nodeEnv,
    host,
    port,
    dataDir,
    attachmentsDir: path.join(dataDir, 'attachments'),
    database: database(env, dataDir),
    logLevel: oneOf(
      env,
      'MERIDIAN_LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : null,
    sessionTtlHours: integer(env, 'MERIDIAN_SESSION_TTL_HOURS', 12, 1, 24 * 30),
    secureCookies: bool(env, 'MERIDIAN_SECURE_COOKIES', false),
    trustProxy: bool(env, 'MERIDIAN_TRUST_PROXY', false),
    jobWorkers: bool(env, 'MERIDIAN_JOB_WORKERS', true),
    jobPollMs: integer(env, 'MERIDIAN_JOB_POLL_MS', 1000, 10, 60_000),
    auditSealIntervalMs: integer(env, 'MERIDIAN_AUDIT_SEAL_INTERVAL_MS', 10_000, 100, 3_600_000),
    login: {
      maxFailuresPerAccount: integer(env, 'MERIDIAN_LOGIN_MAX_FAILURES', 5, 1, 1000),
      lockMinutes: integer(env, 'MERIDIAN_LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
      maxFailuresPerAddress: integer(
        env,
        'MERIDIAN_LOGIN_MAX_FAILURES_PER_ADDRESS',
        30,
        1,
        100_000,
      ),
    },
    mail: { smtpUrl: smtpUrl(env), from: mailFrom(env) },
    publicUrl: publicUrl(env, host, port),
    surveyExpiryDays: integer(env, 'MERIDIAN_SURVEY_EXPIRY_DAYS', 14, 1, 365),
    maxAttachmentBytes: integer(env, 'MERIDIAN_MAX_ATTACHMENT_MB', 10, 1, 1024) * 1024 * 1024,
  };
}
