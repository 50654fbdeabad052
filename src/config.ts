// The only reader of process.env. Everything else receives a Config.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/gongkai.db')
    .refine((v) => v.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(v), {
      message: 'DATABASE_URL 必须是 sqlite:路径 或 postgres://…',
    }),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  GONGKAI_SECRET: z.string().min(32).optional(),
  GONGKAI_SECRET_FILE: z.string().optional(),
  GONGKAI_AUDIT_KEY: z.string().min(32).optional(),
  GONGKAI_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  GONGKAI_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  GONGKAI_PORTAL_ORGAN: z.string().optional(),
  /** The public address of the portal (https://gk.example.gov.cn): absolute links in canonical
   * links, feeds and the sitemap. Unset, they are built from the request's Host. */
  GONGKAI_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+\/?$/, 'GONGKAI_PUBLIC_URL 须为 http(s)://主机名，不带路径，如 https://gk.example.gov.cn。')
    .transform((v) => v.replace(/\/$/, ''))
    .optional(),
  GONGKAI_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  GONGKAI_API_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** `false`, the number of proxies in front of the app, or their addresses/CIDRs (comma-separated).
   * Never `true`: trusting every hop lets a client choose its own address. */
  GONGKAI_TRUST_PROXY: z
    .string()
    .default('false')
    .refine((v) => v !== 'true', 'GONGKAI_TRUST_PROXY 请填写代理层数（如 1）或代理地址（如 10.0.0.1,10.0.0.0/8），不能为 true。')
    .transform((v): false | number | string[] =>
      v === 'false' || v === ''
        ? false
        : /^\d+$/.test(v)
          ? Number(v)
          : v
              .split(',')
              .map((x) => x.trim())
              .filter(Boolean),
    ),
  GONGKAI_SECURE_COOKIES: z.enum(['true', 'false', 'auto']).default('auto'),
  /** Outgoing mail: `smtp://user:pass@host:587` or `smtps://…:465`. Unset = mail disabled. */
  GONGKAI_SMTP_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^smtps?:\/\/[^/\s]+/.test(v), 'GONGKAI_SMTP_URL 必须是 smtp://主机:端口 或 smtps://主机:端口'),
  /** Sender of outgoing mail, e.g. `某局政府信息公开 <gongkai@example.gov.cn>`. Required with GONGKAI_SMTP_URL. */
  GONGKAI_MAIL_FROM: z.string().optional(),
  /** SMS gateway (src/platform/sms/sms.ts): base address, bearer token and signature. Unset = SMS disabled. */
  GONGKAI_SMS_URL: z.string().url('GONGKAI_SMS_URL 必须是 http(s):// 地址').optional(),
  GONGKAI_SMS_TOKEN: z.string().optional(),
  GONGKAI_SMS_SIGN_NAME: z.string().optional(),
  /** Where attachments are stored; beside a SQLite database (`uploads/`), else ./data/uploads. */
  GONGKAI_UPLOAD_DIR: z.string().optional(),
  /** The Chromium that prints annual reports as PDF (Debian: /usr/bin/chromium). */
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  GONGKAI_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(1024).default(20),
  GONGKAI_WECHAT_BASE_URL: z
    .string()
    .url('GONGKAI_WECHAT_BASE_URL 应为完整网址')
    .default('https://api.weixin.qq.com')
    .transform((v) => v.replace(/\/+$/, '')),
  GONGKAI_WECHAT_APPID: z.string().trim().optional(),
  GONGKAI_WECHAT_SECRET: z.string().trim().optional(),
  /** The permanent media id of the cover image every article uses (uploaded once in the WeChat console). */
  GONGKAI_WECHAT_THUMB_MEDIA_ID: z.string().trim().optional(),
  /** The cache of anonymous public pages (ADR 0013): `on` (default) or `off` (e.g. when a proxy caches). */
  GONGKAI_PAGE_CACHE: z.enum(['on', 'off']).default('on'),
  /** PostgreSQL: the reads of item pages asked for in the same moment sent as one statement (ADR 0020). */
  GONGKAI_DB_BATCH: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  /** 32+ bytes of key material: cookie signing, CSRF, identity-number encryption. */
  secret: string;
  /** Key of the audit chain's HMAC; derived from `secret` when unset. Keep it outside the database. */
  auditKey?: string | undefined;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Code of the organ whose portal is served at `/`; the first root organ when unset. */
  portalOrgan: string | undefined;
  /** Origin of absolute public links (no trailing slash); from the request's Host when unset,
   * and links sent out (WeChat articles, mail) are then relative. */
  publicUrl?: string | undefined;
  /** Reverse proxies whose X-Forwarded-For is believed: none, a hop count, or their addresses. */
  trustProxy: false | number | string[];
  /** Sign-in attempts per minute per IP address. */
  loginRatePerMinute: number;
  /** JSON API requests per minute per token (modules/tokens); 300 when unset. */
  apiRatePerMinute?: number | undefined;
  secureCookies: boolean;
  logLevel: string;
  /** SMTP server of outgoing mail; undefined = mail disabled (sending throws MailDisabledError). */
  smtpUrl?: string | undefined;
  /** The From address of outgoing mail. */
  mailFrom?: string | undefined;
  /** SMS gateway; undefined = SMS disabled (sending throws SmsDisabledError). */
  sms?: { baseUrl: string; token: string; signName: string } | undefined;
  /** Directory of attachment files (created on first upload). */
  uploadDir: string;
  /** The Chromium executable used to print PDF (annual reports). */
  chromiumPath: string;
  /** Largest attachment accepted, in bytes. */
  uploadMaxBytes: number;
  /** The WeChat official account (微信公众号); the channel is off while any setting is missing. */
  wechat?: WechatConfig | undefined;
  /** The cache of anonymous public pages in the server (ADR 0013); on unless false. */
  pageCache?: boolean | undefined;
  /** PostgreSQL: hot reads of one key asked for at once go as one statement (ADR 0020). */
  batchReads?: boolean | undefined;
}

/** The directory beside a SQLite database, else ./data: where the secret and uploads live by default. */
function dataDir(databaseUrl: string): string {
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length);
    if (path !== ':memory:') return dirname(resolve(path));
  }
  return resolve('data');
}

export interface WechatConfig {
  baseUrl: string;
  appId?: string | undefined;
  secret?: string | undefined;
  thumbMediaId?: string | undefined;
}

/** Where the secret lives when GONGKAI_SECRET is not given: beside a SQLite database, else ./data. */
function defaultSecretFile(databaseUrl: string): string {
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length);
    if (path !== ':memory:') return resolve(dirname(path), 'secret.key');
  }
  return resolve('data', 'secret.key');
}

function loadOrCreateSecret(file: string): string {
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < 32) throw new Error(`配置错误：${file} 中的密钥少于 32 个字符。`);
    return secret;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`配置错误：${first?.path.join('.')}：${first?.message}`);
  }
  const e = parsed.data;
  if (e.GONGKAI_SMTP_URL && !e.GONGKAI_MAIL_FROM?.trim()) {
    throw new Error('配置错误：GONGKAI_MAIL_FROM：设置了 GONGKAI_SMTP_URL 时必须设置发件人地址。');
  }
  if (e.GONGKAI_SMS_URL && (!e.GONGKAI_SMS_TOKEN?.trim() || !e.GONGKAI_SMS_SIGN_NAME?.trim())) {
    throw new Error('配置错误：GONGKAI_SMS_TOKEN / GONGKAI_SMS_SIGN_NAME：设置了 GONGKAI_SMS_URL 时必须一并设置。');
  }
  const secret = e.GONGKAI_SECRET ?? loadOrCreateSecret(e.GONGKAI_SECRET_FILE ?? defaultSecretFile(e.DATABASE_URL));
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    secret,
    auditKey: e.GONGKAI_AUDIT_KEY,
    sessionIdleMinutes: e.GONGKAI_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.GONGKAI_SESSION_MAX_HOURS,
    portalOrgan: e.GONGKAI_PORTAL_ORGAN,
    publicUrl: e.GONGKAI_PUBLIC_URL,
    trustProxy: e.GONGKAI_TRUST_PROXY,
    loginRatePerMinute: e.GONGKAI_LOGIN_RATE_PER_MINUTE,
    apiRatePerMinute: e.GONGKAI_API_RATE_PER_MINUTE,
    secureCookies: e.GONGKAI_SECURE_COOKIES === 'true',
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.GONGKAI_SMTP_URL || undefined,
    mailFrom: e.GONGKAI_MAIL_FROM?.trim() || undefined,
    sms: e.GONGKAI_SMS_URL
      ? { baseUrl: e.GONGKAI_SMS_URL, token: e.GONGKAI_SMS_TOKEN!.trim(), signName: e.GONGKAI_SMS_SIGN_NAME!.trim() }
      : undefined,
    chromiumPath: e.CHROMIUM_PATH,
    uploadDir: resolve(e.GONGKAI_UPLOAD_DIR ?? resolve(dataDir(e.DATABASE_URL), 'uploads')),
    uploadMaxBytes: e.GONGKAI_UPLOAD_MAX_MB * 1024 * 1024,
    wechat: {
      baseUrl: e.GONGKAI_WECHAT_BASE_URL,
      appId: e.GONGKAI_WECHAT_APPID || undefined,
      secret: e.GONGKAI_WECHAT_SECRET || undefined,
      thumbMediaId: e.GONGKAI_WECHAT_THUMB_MEDIA_ID || undefined,
    },
    pageCache: e.GONGKAI_PAGE_CACHE === 'on',
    batchReads: e.GONGKAI_DB_BATCH === 'on',
  };
}
