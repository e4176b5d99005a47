// Settings from the environment, read once, with the defaults a newcomer gets.
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** Minutes of inactivity after which a session ends. */
  sessionIdleMinutes: number;
  /** Hours after login after which a session ends whatever the activity. */
  sessionMaxHours: number;
  /** Send cookies with Secure (behind HTTPS). */
  cookieSecure: boolean;
  /** Login attempts allowed per minute per client address and email. */
  loginRateMax: number;
  /** Shed load (503 + Retry-After) when the event loop lags more than this (ms); 0 turns it off. */
  maxEventLoopDelayMs: number;
  /** Jaccard similarity at or above which two submitted texts are flagged as duplicates (0 < t ≤ 1). */
  dedupThreshold: number;
  /** Server log level (pino): 'warn' by default, so development prints one line at start; 'info' logs every request. */
  logLevel: string;
  /** smtp://user:pass@host:port (or smtps://…); absent: mail is kept in the outbox the admin reads. */
  smtpUrl?: string;
  /** The From: of every mail, e.g. `揭榜平台 <noreply@jiebang.example>`. */
  mailFrom: string;
  /** The site's address as people reach it: links in mail point there. */
  publicUrl: string;
  /** Run the job queue's workers and schedules in this instance (JOBS=off to run none). */
  jobs: boolean;
  /** Run the recurring schedules (due-date scans, digests) from this instance (JOB_SCHEDULES=off: not). */
  jobSchedules: boolean;
  /** How often each job worker polls (s). */
  jobPollSeconds: number;
  /** A job still active after this many seconds is taken as dead (its instance stopped) and retried. */
  jobExpireSeconds: number;
  /** How often pg-boss expires and archives jobs (s). */
  jobMaintenanceSeconds: number;
  /** Bearer token that lets clients other than this machine read /metrics (absent: loopback only). */
  metricsToken?: string;
  /** On SIGTERM, answer /readyz with 503 for this long before closing the listener (s). */
  drainDelaySeconds: number;
  /** On SIGTERM, give in-flight requests and jobs this long to finish before exiting anyway (s). */
  shutdownTimeoutSeconds: number;
  /** Idempotency records are kept this many days (a retry with the same key within them replays). */
  retentionIdempotencyDays: number;
  /** Ended sessions are kept this many days, then purged. */
  retentionSessionDays: number;
  production: boolean;
}

/** A duplicate-detection threshold: a number with 0 < t ≤ 1; the error names where it came from. */
export function parseDedupThreshold(raw: string | undefined, name = 'DEDUP_THRESHOLD'): number {
  if (raw === undefined || raw.trim() === '') return 0.8;
  const t = Number(raw);
  if (!Number.isFinite(t) || t <= 0 || t > 1)
    throw new Error(`${name} must be a number greater than 0 and at most 1 (got "${raw}")`);
  return t;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir: env.JIEBANG_DATA_DIR ?? './data',
    databaseUrl: env.DATABASE_URL || undefined,
    sessionIdleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 30),
    sessionMaxHours: Number(env.SESSION_MAX_HOURS ?? 12),
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : production,
    loginRateMax: Number(env.LOGIN_RATE_MAX ?? 10),
    maxEventLoopDelayMs: Number(env.MAX_EVENT_LOOP_DELAY_MS ?? (production ? 1000 : 0)),
    dedupThreshold: parseDedupThreshold(env.DEDUP_THRESHOLD),
    logLevel: env.LOG_LEVEL || 'warn',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || '揭榜平台 Jiebang <noreply@jiebang.local>',
    publicUrl: (env.PUBLIC_URL || `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, ''),
    jobs: env.JOBS !== 'off',
    jobSchedules: env.JOB_SCHEDULES !== 'off',
    jobPollSeconds: Number(env.JOB_POLL_SECONDS ?? 2),
    jobExpireSeconds: Number(env.JOB_EXPIRE_SECONDS ?? 300),
    jobMaintenanceSeconds: Number(env.JOB_MAINTENANCE_SECONDS ?? 60),
    metricsToken: env.METRICS_TOKEN || undefined,
    drainDelaySeconds: Number(env.DRAIN_DELAY_SECONDS ?? 0),
    shutdownTimeoutSeconds: Number(env.SHUTDOWN_TIMEOUT_SECONDS ?? 30),
    retentionIdempotencyDays: Number(env.RETENTION_IDEMPOTENCY_DAYS ?? 7),
    retentionSessionDays: Number(env.RETENTION_SESSION_DAYS ?? 30),
    production,
  };
}
