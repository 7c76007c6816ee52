/**
 * What one caller may do in a while: the rate limits and the daily cap on mails to CC addresses.
 * Defaults suit a support portal used by people; each can be changed through the environment
 * (docs/security.md lists them with what a refusal looks like) or per backend (tests, benches).
 *
 *   RATE_LIMIT_AUTH      failed sign-ins / wrong tokens per client address   default 30/15m
 *   RATE_LIMIT_TICKETS   new tickets per customer                            default 20/1h
 *   RATE_LIMIT_REPLIES   replies per customer                                default 60/1h
 *   RATE_LIMIT_ORDERS    orders per customer                                 default 10/1h
 *   RATE_LIMIT_EXPORTS   downloads of one's own data per person              default 3/1h
 *   CC_MAILS_PER_DAY     tickets mailed to a CC address per customer in 24 h default 10
 *   UPLOAD_QUOTA_MB      files stored per customer, in MB                    default 1024
 *
 * A rate is `N/duration` with s, m, h or d (`30/15m`).
 */

export interface Rate {
  points: number;
  /** Seconds. */
  per: number;
}

export interface Limits {
  auth: Rate;
  tickets: Rate;
  replies: Rate;
  orders: Rate;
  /** A person's data export (GDPR Art. 15/20): a heavy read, so few per hour, counted per contact. */
  exports: Rate;
  ccMailsPerDay: number;
  /** Bytes of files one customer may have stored in all. */
  uploadQuotaBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  auth: { points: 30, per: 15 * 60 },
  tickets: { points: 20, per: 3600 },
  replies: { points: 60, per: 3600 },
  orders: { points: 10, per: 3600 },
  exports: { points: 3, per: 3600 },
  ccMailsPerDay: 10,
  uploadQuotaBytes: 1024 * 1024 * 1024,
};

const UNIT = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

export function parseRate(text: string): Rate {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*([smhd])\s*$/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new Error(`Not a rate (like 30/15m): ${JSON.stringify(text)}`);
  return { points: Number(m[1]), per: Number(m[2]) * UNIT[m[3] as keyof typeof UNIT] };
}

/** The defaults with whatever the environment sets; throws on a malformed value (so a typo stops the start). */
export function limitsFromEnv(env: Readonly<Record<string, string | undefined>>): Limits {
  const rate = (name: string, fallback: Rate) => {
    try {
      return env[name] ? parseRate(env[name]) : fallback;
    } catch (err) {
      throw new Error(`${name}: ${(err as Error).message}`);
    }
  };
  const cc = env.CC_MAILS_PER_DAY;
  if (cc !== undefined && !/^\d+$/.test(cc)) throw new Error(`CC_MAILS_PER_DAY must be a whole number (got ${JSON.stringify(cc)})`);
  const quota = env.UPLOAD_QUOTA_MB;
  if (quota !== undefined && !/^\d+$/.test(quota)) throw new Error(`UPLOAD_QUOTA_MB must be a whole number (got ${JSON.stringify(quota)})`);
  return {
    auth: rate('RATE_LIMIT_AUTH', DEFAULT_LIMITS.auth),
    tickets: rate('RATE_LIMIT_TICKETS', DEFAULT_LIMITS.tickets),
    replies: rate('RATE_LIMIT_REPLIES', DEFAULT_LIMITS.replies),
    orders: rate('RATE_LIMIT_ORDERS', DEFAULT_LIMITS.orders),
    exports: rate('RATE_LIMIT_EXPORTS', DEFAULT_LIMITS.exports),
    ccMailsPerDay: cc === undefined ? DEFAULT_LIMITS.ccMailsPerDay : Number(cc),
    uploadQuotaBytes: quota === undefined ? DEFAULT_LIMITS.uploadQuotaBytes : Number(quota) * 1024 * 1024,
  };
}
