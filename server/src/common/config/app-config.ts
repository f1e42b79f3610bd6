import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsBooleanString,
  IsISO31661Alpha2,
  IsISO4217CurrencyCode,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Matches,
  Max,
  Min,
  MaxLength,
  MinLength,
  validateSync,
} from 'class-validator';
import { join, resolve } from 'node:path';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * Every environment variable the server reads. Validated once at boot; nothing else reads
 * `process.env`. docs/configuration.md is generated from the descriptions below
 * (`npm run docs:config`).
 */
export class EnvironmentVariables {
  /** TCP port the HTTP server listens on. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  PORT: number = 3000;

  /** Interface to bind; `0.0.0.0` serves the whole network, `127.0.0.1` only this machine. */
  @IsOptional() @IsString()
  HOST: string = '0.0.0.0';

  /** PostgreSQL 15+ connection URL. When absent the server starts its embedded PostgreSQL. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Folder for the embedded database, attachments and locally generated secrets. */
  @IsOptional() @IsString()
  CRM_DATA_DIR: string = './data';

  /** Folder for files attached to contacts and companies. Default: `attachments` inside CRM_DATA_DIR. */
  @IsOptional() @IsString()
  CRM_ATTACHMENTS_DIR?: string;

  /** Largest attachment accepted, in bytes (default 25 MiB); a bigger upload is refused with 413. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(2 ** 40)
  CRM_ATTACHMENT_MAX_BYTES: number = 25 * 1024 * 1024;

  /** Port of the embedded PostgreSQL (only used without DATABASE_URL), bound to 127.0.0.1. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  CRM_EMBEDDED_PG_PORT: number = 54329;

  /** Login of the administrator created on first start with an empty database. */
  @IsOptional() @IsString() @Matches(/^[a-zA-Z0-9._@-]{2,64}$/, { message: 'must be 2-64 letters, digits or . _ @ -' })
  CRM_ADMIN_LOGIN: string = 'admin';

  /** Password of that administrator; when absent a one-time password is printed to the log once. */
  @IsOptional() @IsString() @MinLength(10)
  CRM_ADMIN_PASSWORD?: string;

  /** Public URL users open (for links in e-mails; `https://` also marks cookies Secure). */
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  CRM_PUBLIC_URL?: string;

  /** SMTP server for outgoing mail, e.g. `smtp://user:pass@mail.example.az:587`. */
  @IsOptional() @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Log level of the JSON logs. */
  @IsOptional() @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Secret for signing access tokens (32+ characters). Absent: generated once into the data folder. Set it when several instances run. */
  @IsOptional() @IsString() @MinLength(32)
  CRM_JWT_SECRET?: string;

  /** Key of the audit hash chain (32+ characters), kept outside the database. Absent: generated once into the data folder. */
  @IsOptional() @IsString() @MinLength(32)
  CRM_AUDIT_KEY?: string;

  /** Size of the database connection pool; keep it near twice the database's cores. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200)
  CRM_DB_POOL_SIZE: number = 5;

  /**
   * Milliseconds an instance trusts its cached users, roles and teams before it checks the database's change stamp again.
   * Changes made through the same instance apply at once; through another instance or the CLI within this time. 0: check on every request.
   */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(60_000)
  CRM_AUTH_CACHE_MS: number = 1000;

  /** Comma-separated proxy addresses or CIDRs whose X-Forwarded-* headers are trusted. */
  @IsOptional() @IsString()
  CRM_TRUSTED_PROXIES?: string;

  /** Seconds between background sealing runs of the audit hash chain; 0 seals only on verify. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(3600)
  CRM_AUDIT_SEAL_INTERVAL: number = 10;

  /** Lifetime of an access token in seconds. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(60) @Max(3600)
  CRM_ACCESS_TOKEN_TTL: number = 900;

  /** Lifetime of a refresh token (a session) in days. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(365)
  CRM_REFRESH_TOKEN_DAYS: number = 14;

  /** Folder of the built web client (`npm run build:client`), served at `/`. */
  @IsOptional() @IsString()
  CRM_CLIENT_DIR: string = './dist/client/browser';

  /** Company name shown in the web client's top bar and sign-in page. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  CRM_COMPANY_NAME: string = 'CRM';

  /** Path to the company logo (PNG, SVG, JPEG or WebP, at most 512 KiB) shown beside the name. */
  @IsOptional() @IsString() @Matches(/\.(png|svg|jpe?g|webp)$/i, { message: 'must be a .png, .svg, .jpg or .webp file' })
  CRM_COMPANY_LOGO?: string;

  /** Region (ISO 3166-1 alpha-2) assumed for phone numbers written without a country code, e.g. `AZ` or `TR`. */
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value)) @IsISO31661Alpha2()
  CRM_DEFAULT_PHONE_REGION: string = 'AZ';

  /** Time zone (IANA name, e.g. `Asia/Baku` or `Europe/Istanbul`) that decides what "today" is for My day, reminders' e-mails and the calendar feed. */
  @IsOptional() @IsTimeZone()
  CRM_TIME_ZONE: string = 'Asia/Baku';

  /** Whether this instance runs background jobs (task reminders, removing old import files) with pg-boss in the database's `pgboss` schema. Every instance may; each job runs once. */
  @IsOptional() @IsBooleanString()
  CRM_BACKGROUND_JOBS: string = 'true';

  /** Seconds between an instance's checks for due jobs (0.5-60); a reminder arrives at most this late. */
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value)) @IsNumber() @Min(0.5) @Max(60)
  CRM_JOB_POLL_SECONDS: number = 2;
  /** Currency (ISO 4217, e.g. `AZN`, `TRY`, `EUR`) of new deals that do not name one. */
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value)) @IsISO4217CurrencyCode()
  CRM_DEFAULT_CURRENCY: string = 'AZN';

  /**
   * Days an uploaded import file (CSV, XLSX or vCard, with the customers' personal data) is kept. A nightly job
   * removes older ones; the import's counts and the reasons of its failed rows stay, the CSV of the failed rows goes.
   */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(3650)
  CRM_IMPORT_FILE_DAYS: number = 30;
}

export const ENV_KEYS = [
  'CRM_CLIENT_DIR', 'CRM_COMPANY_NAME', 'CRM_COMPANY_LOGO',
  'PORT', 'HOST', 'DATABASE_URL', 'CRM_DATA_DIR', 'CRM_ATTACHMENTS_DIR', 'CRM_ATTACHMENT_MAX_BYTES', 'CRM_EMBEDDED_PG_PORT', 'CRM_ADMIN_LOGIN', 'CRM_ADMIN_PASSWORD',
  'CRM_PUBLIC_URL', 'SMTP_URL', 'LOG_LEVEL', 'CRM_JWT_SECRET', 'CRM_AUDIT_KEY', 'CRM_DB_POOL_SIZE', 'CRM_AUTH_CACHE_MS',
  'CRM_TRUSTED_PROXIES', 'CRM_AUDIT_SEAL_INTERVAL', 'CRM_ACCESS_TOKEN_TTL', 'CRM_REFRESH_TOKEN_DAYS',
  'CRM_DEFAULT_PHONE_REGION', 'CRM_DEFAULT_CURRENCY', 'CRM_TIME_ZONE', 'CRM_BACKGROUND_JOBS', 'CRM_JOB_POLL_SECONDS',
  'CRM_IMPORT_FILE_DAYS',
] as const satisfies readonly (keyof EnvironmentVariables)[];

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  attachmentsDir: string;
  attachmentMaxBytes: number;
  embeddedPgPort: number;
  adminLogin: string;
  adminPassword?: string;
  publicUrl?: string;
  smtpUrl?: string;
  logLevel: LogLevel;
  jwtSecret?: string;
  auditKey?: string;
  dbPoolSize: number;
  /** How long the cached sign-in state (ActorCache) is trusted without reading the change stamp. */
  authCacheMs: number;
  trustedProxies: string[];
  auditSealIntervalSeconds: number;
  accessTokenTtlSeconds: number;
  refreshTokenDays: number;
  clientDir: string;
  companyName: string;
  companyLogo?: string;
  /** Default region of phone numbers without a country code. */
  defaultPhoneRegion: string;
  /** IANA time zone of "today" (My day) and of e-mailed times. */
  timeZone: string;
  /** Whether this instance runs pg-boss (reminders, removing old import files). */
  backgroundJobs: boolean;
  jobPollSeconds: number;
  /** Currency of new deals that do not name one (ISO 4217). */
  defaultCurrency: string;
  /** Days an uploaded import file is kept. */
  importFileDays: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of ENV_KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') {
      raw[key] = value;
    }
  }
  const vars = plainToInstance(EnvironmentVariables, raw);
  const errors = validateSync(vars, { forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => `${e.property}=${JSON.stringify(raw[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  return {
    port: vars.PORT,
    host: vars.HOST,
    databaseUrl: vars.DATABASE_URL,
    dataDir: resolve(vars.CRM_DATA_DIR),
    attachmentsDir: resolve(vars.CRM_ATTACHMENTS_DIR ?? join(vars.CRM_DATA_DIR, 'attachments')),
    attachmentMaxBytes: vars.CRM_ATTACHMENT_MAX_BYTES,
    embeddedPgPort: vars.CRM_EMBEDDED_PG_PORT,
    adminLogin: vars.CRM_ADMIN_LOGIN,
    adminPassword: vars.CRM_ADMIN_PASSWORD,
    publicUrl: vars.CRM_PUBLIC_URL,
    smtpUrl: vars.SMTP_URL,
    logLevel: vars.LOG_LEVEL,
    jwtSecret: vars.CRM_JWT_SECRET,
    auditKey: vars.CRM_AUDIT_KEY,
    dbPoolSize: vars.CRM_DB_POOL_SIZE,
    authCacheMs: vars.CRM_AUTH_CACHE_MS,
    trustedProxies: (vars.CRM_TRUSTED_PROXIES ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    auditSealIntervalSeconds: vars.CRM_AUDIT_SEAL_INTERVAL,
    accessTokenTtlSeconds: vars.CRM_ACCESS_TOKEN_TTL,
    refreshTokenDays: vars.CRM_REFRESH_TOKEN_DAYS,
    clientDir: resolve(vars.CRM_CLIENT_DIR),
    companyName: vars.CRM_COMPANY_NAME,
    companyLogo: vars.CRM_COMPANY_LOGO === undefined ? undefined : resolve(vars.CRM_COMPANY_LOGO),
    defaultPhoneRegion: vars.CRM_DEFAULT_PHONE_REGION,
    timeZone: vars.CRM_TIME_ZONE,
    backgroundJobs: ['true', '1'].includes(vars.CRM_BACKGROUND_JOBS.toLowerCase()),
    jobPollSeconds: vars.CRM_JOB_POLL_SECONDS,
    defaultCurrency: vars.CRM_DEFAULT_CURRENCY,
    importFileDays: vars.CRM_IMPORT_FILE_DAYS,
  };
}

/** Injection token of the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
