/**
 * The unsubscribe links in mails (issue 17, RFC 8058). A link carries a token that says one thing:
 * "this recipient of this customer may stop this kind of mail" — signed by this backend (HS256 with
 * MAIL_LINK_SECRET, through jose, as identity.ts verifies sign-in tokens), with its own audience so
 * it is never a sign-in token, and expiring (a mail older than LINK_DAYS has to be answered through
 * the settings in the portal). It needs no sign-in because it can do nothing but that one stop.
 *
 * Secrets follow identity.ts: from the environment, a public demo secret outside production only,
 * refused in production when missing, the demo one or short. MAIL_LINK_SECRET_PREVIOUS keeps the
 * links of mails already sent working for a rotation (verified, never used to sign).
 */
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { isMailKind, type MailKind, UNSUBSCRIBE_LINK_DAYS as LINK_DAYS } from '../src/domain/notifications.js';
import { DAY_MS } from './clock.js';
import { OWN_ISSUER } from './identity.js';
import type { Lang } from './problem.js';

const AUDIENCE = 'cadia-unsubscribe';

/** Public (it is in this file), so production refuses it. */
export const DEMO_MAIL_LINK_SECRET = 'cadia-demo-mail-link-secret-not-for-production-use';

export interface MailLinkConfig {
  secret: string;
  /** The secret before the last rotation: its links still verify until they expire. */
  previous?: string | undefined;
}

/** From MAIL_LINK_SECRET / MAIL_LINK_SECRET_PREVIOUS; undefined when not set. */
export function mailLinksFromEnv(env: Readonly<Record<string, string | undefined>>): MailLinkConfig | undefined {
  if (!env.MAIL_LINK_SECRET) return undefined;
  return { secret: env.MAIL_LINK_SECRET, previous: env.MAIL_LINK_SECRET_PREVIOUS || undefined };
}

/** Throws (a one-line reason) when the configuration may not be used in production. */
export function checkProductionMailLinks(config: MailLinkConfig | undefined): void {
  if (!config) throw new Error('Refusing to start in production without MAIL_LINK_SECRET (signs the unsubscribe links in mails; at least 32 random characters).');
  if (config.secret === DEMO_MAIL_LINK_SECRET) throw new Error('Refusing to start in production with the public demo MAIL_LINK_SECRET.');
  if (config.secret.length < 32) throw new Error('MAIL_LINK_SECRET is too short for production: use at least 32 random characters (e.g. `openssl rand -base64 48`).');
}

/** What an unsubscribe link may do: stop `kind` for `recipient` of `customer`; `lang`: the mail's language, for the page. */
export interface Unsubscribe {
  customer: string;
  recipient: string;
  kind: MailKind;
  lang: Lang;
}

export type LinkCheck = { ok: true; link: Unsubscribe } | { ok: false; reason: 'expired' | 'invalid' };

export class MailLinks {
  /** The current secret first (it signs), then the previous one (it only verifies). */
  private readonly keys: [Uint8Array, ...Uint8Array[]];

  /** `base`: where this backend's routes are reachable from outside (e.g. https://portal.example/api). */
  constructor(config: MailLinkConfig, private readonly base: string) {
    const enc = new TextEncoder();
    this.keys = [enc.encode(config.secret), ...(config.previous ? [enc.encode(config.previous)] : [])];
  }

  /**
   * The link for one mail, valid LINK_DAYS from `now`. Signed when the mail is delivered (the outbox
   * relay, outside any transaction): jose signs through WebCrypto, whose promise yields the event
   * loop, which must never happen while a transaction holds SQLite's write lock.
   */
  async url(u: Unsubscribe, now: Date): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({ cus: u.customer, knd: u.kind, lng: u.lang })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer(OWN_ISSUER).setAudience(AUDIENCE).setSubject(u.recipient)
      .setIssuedAt(iat).setExpirationTime(iat + (LINK_DAYS * DAY_MS) / 1000)
      .sign(this.keys[0]);
    return `${this.base.replace(/\/$/, '')}/unsubscribe/${token}`;
  }

  /** Whether `token` is one of ours, unchanged and not expired (jose checks the signature before `exp`, so `expired` means authentic). */
  async check(token: string, now: Date): Promise<LinkCheck> {
    let expired = false;
    for (const key of this.keys) {
      try {
        const { payload: p } = await jwtVerify(token, key, { audience: AUDIENCE, issuer: OWN_ISSUER, algorithms: ['HS256'], currentDate: now, requiredClaims: ['sub', 'exp'] });
        if (typeof p.cus !== 'string' || !isMailKind(p.knd) || typeof p.sub !== 'string') return { ok: false, reason: 'invalid' };
        return { ok: true, link: { customer: p.cus, recipient: p.sub, kind: p.knd, lang: p.lng === 'en' ? 'en' : 'de' } };
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) expired = true;
      }
    }
    return { ok: false, reason: expired ? 'expired' : 'invalid' };
  }
}
