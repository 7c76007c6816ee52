/**
 * Verified identity: the JWT a host's server signs for the person using the page (HS256 with
 * `JWT_SECRET`, or RS256/ES256 from `JWT_JWKS_URL`), and the short-lived access tokens this
 * backend signs itself for the ERP (exchanged for an installation key, see installation-keys.ts).
 * Verification is `jose`'s; the rules on top (lifetime ≤ 1 h, claims, roles) are the contract's.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors as joseErrors, type JWTPayload, jwtVerify, SignJWT,
} from 'jose';
import type { Clock } from './clock.js';
import type { Conn } from './db.js';
import { newId } from './ids.js';
import { ApiError, type Localized } from './problem.js';

/** `aud` of every token (fixed by the contract). */
export const AUDIENCE = 'cadia-support';
/** `iss` of the access tokens this backend signs (installation-key exchange); never a host's issuer. */
export const OWN_ISSUER = 'cadia-support-backend';
/** The longest a token may live (`exp - iat`), and the clock skew forgiven on `exp`/`iat`. */
export const MAX_TOKEN_SECONDS = 3600;
export const CLOCK_SKEW_SECONDS = 60;
/** How long an access token from the installation-key exchange lives. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;

/**
 * The demo's signing configuration, used only outside production when nothing is configured: the
 * demo sign-in route signs with it. It is public (it is in this file), so production refuses it.
 */
export const DEMO_IDENTITY = { secret: 'cadia-demo-signing-secret-not-for-production-use', issuer: 'https://demo.cadia.example' } as const;

export type Role = 'admin' | 'member' | 'agent';
export const ROLES: readonly Role[] = ['admin', 'member', 'agent'];

export interface IdentityConfig {
  /** HS256 shared secret (`JWT_SECRET`). */
  secret?: string | undefined;
  /**
   * The secret before the last rotation (`JWT_SECRET_PREVIOUS`): still accepted for verification,
   * never used to sign, so the host can switch its signer after the backend knows the new secret.
   * Remove it once the host signs with the new one and an hour (the longest token life) has passed.
   */
  previousSecret?: string | undefined;
  /** JWKS URL for RS256/ES256 (`JWT_JWKS_URL`); keys are picked by `kid` and refetched on an unknown one. */
  jwksUrl?: string | undefined;
  /** The host's `iss` (`JWT_ISSUER`). */
  issuer: string;
  /**
   * Clock for `exp`/`iat`; default the backend's. The test harnesses move the backend's clock by
   * days (offers expiring) while a page keeps one token, so they check tokens against wall time.
   */
  clock?: Clock | undefined;
}

/** What a verified token says about its person. */
export interface Claims {
  sub: string;
  email: string;
  name: string;
  customer: string | null;
  role: Role;
  locale: string | null;
  /** Seconds since the epoch. */
  iat: number;
}

/** The configuration from the environment, or undefined when none is set (JWT_SECRET / JWT_JWKS_URL, JWT_ISSUER). */
export function identityFromEnv(env: Readonly<Record<string, string | undefined>>): IdentityConfig | undefined {
  const secret = env.JWT_SECRET || undefined;
  const previousSecret = env.JWT_SECRET_PREVIOUS || undefined;
  const jwksUrl = env.JWT_JWKS_URL || undefined;
  if (previousSecret && !secret) throw new Error('JWT_SECRET_PREVIOUS is only read together with JWT_SECRET (the secret tokens are signed with now)');
  if (previousSecret && previousSecret === secret) throw new Error('JWT_SECRET_PREVIOUS equals JWT_SECRET: set it to the secret before the rotation, or unset it');
  if (!secret && !jwksUrl && !env.JWT_ISSUER) return undefined;
  if (!env.JWT_ISSUER) throw new Error('JWT_ISSUER must be set with JWT_SECRET or JWT_JWKS_URL (the "iss" your sign-in puts in its tokens)');
  if (!secret && !jwksUrl) throw new Error('JWT_ISSUER is set but neither JWT_SECRET nor JWT_JWKS_URL: set one of them');
  return { secret, previousSecret, jwksUrl, issuer: env.JWT_ISSUER };
}

/** Throws (a one-line reason) when a configuration may not be used in production. */
export function checkProductionIdentity(config: IdentityConfig | undefined): void {
  if (!config) throw new Error('Refusing to start in production without a signing configuration: set JWT_ISSUER and JWT_SECRET (at least 32 characters) or JWT_JWKS_URL.');
  for (const [name, value] of [['JWT_SECRET', config.secret], ['JWT_SECRET_PREVIOUS', config.previousSecret]] as const) {
    if (value === DEMO_IDENTITY.secret) throw new Error(`Refusing to start in production with the public demo signing secret (${name}).`);
    if (value && value.length < 32) throw new Error(`${name} is too short for production: use at least 32 random characters (e.g. \`npm run admin -- new-secret\`).`);
  }
  if (config.jwksUrl && !/^https:\/\//.test(config.jwksUrl)) throw new Error('JWT_JWKS_URL must be an https:// URL in production.');
}

/** A refused token: 401 with a reason a person (or the host's developer) can act on — never a key or the token. */
export const refused = (detail: Localized) => new ApiError(401, 'unauthorized', { detail, headers: { 'WWW-Authenticate': 'Bearer realm="cadia", error="invalid_token"' } });

const R = {
  invalid: { de: 'Die Anmeldung ist ungültig (kein gültig signiertes Token).', en: 'The sign-in is not valid (not a validly signed token).' },
  expired: { de: 'Die Anmeldung ist abgelaufen.', en: 'The sign-in has expired.' },
  iat: { de: 'Die Anmeldung ist in der Zukunft ausgestellt oder zu alt.', en: 'The token was issued in the future or is too old.' },
  iss: { de: 'Die Anmeldung stammt von einem Aussteller, dem dieser Server nicht vertraut.', en: 'The token is from an issuer this backend does not trust.' },
  aud: { de: `Die Anmeldung ist nicht für ${AUDIENCE} bestimmt.`, en: `The token is not meant for ${AUDIENCE}.` },
  signature: { de: 'Die Signatur der Anmeldung stimmt nicht.', en: 'The token signature does not verify.' },
  kid: { de: 'Die Anmeldung ist mit einem unbekannten Schlüssel signiert.', en: 'The token is signed with a key this backend does not know.' },
  alg: { de: 'Die Anmeldung nutzt ein nicht zugelassenes Signaturverfahren.', en: 'The token uses a signing algorithm that is not accepted.' },
  jwks: { de: 'Die Signaturschlüssel konnten nicht geladen werden.', en: 'The signing keys could not be fetched.' },
  lifetime: { de: `Die Anmeldung gilt länger als ${MAX_TOKEN_SECONDS / 60} Minuten.`, en: `The token lives longer than ${MAX_TOKEN_SECONDS / 60} minutes (exp - iat).` },
} satisfies Record<string, Localized>;
const claimReason = (claim: string, what: { de: string; en: string } = { de: 'fehlt oder ist ungültig', en: 'is missing or not valid' }): Localized =>
  ({ de: `Die Angabe „${claim}“ der Anmeldung ${what.de}.`, en: `The token's "${claim}" claim ${what.en}.` });

/** Why jose refused a token. */
function reasonOf(err: unknown): Localized {
  if (err instanceof joseErrors.JWTExpired) return R.expired;
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'iat') return R.iat;
    if (err.claim === 'iss') return R.iss;
    if (err.claim === 'aud') return R.aud;
    return claimReason(err.claim);
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return R.signature;
  if (err instanceof joseErrors.JWKSNoMatchingKey) return R.kid;
  if (err instanceof joseErrors.JOSEAlgNotAllowed || err instanceof joseErrors.JOSENotSupported) return R.alg;
  if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid) return R.jwks;
  return R.invalid;
}

/** A text claim: present, a string, at most `max` characters. */
function text(payload: JWTPayload, name: string, max: number, required: boolean): string | null {
  const v = payload[name];
  if (v === undefined || v === null || v === '') {
    if (required) throw refused(claimReason(name));
    return null;
  }
  if (typeof v !== 'string' || v.length > max) throw refused(claimReason(name));
  return v;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The contract's claims, or 401 naming the first that is missing or wrong. */
export function readClaims(payload: JWTPayload): Claims {
  const sub = text(payload, 'sub', 200, true)!;
  const email = text(payload, 'email', 254, true)!;
  if (!EMAIL.test(email)) throw refused(claimReason('email', { de: 'ist keine E-Mail-Adresse', en: 'is not an email address' }));
  const name = text(payload, 'name', 200, true)!;
  const role = text(payload, 'role', 20, true) as Role;
  if (!ROLES.includes(role)) throw refused(claimReason('role', { de: 'muss admin, member oder agent sein', en: 'must be admin, member or agent' }));
  const customer = text(payload, 'customer', 40, false);
  if (role !== 'agent' && !customer) throw refused(claimReason('customer', { de: 'fehlt (nötig für admin und member)', en: 'is missing (required for admin and member)' }));
  if (role === 'agent' && customer) throw refused(claimReason('customer', { de: 'darf bei agent nicht gesetzt sein', en: 'must not be set for an agent' }));
  const locale = text(payload, 'locale', 35, false);
  return { sub, email, name, customer, role, locale, iat: payload.iat! };
}

/** Verifies tokens; one per backend (it holds the JWKS cache). */
export class TokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  /** The current HS256 secret, then the previous one while a rotation overlaps (JWT_SECRET_PREVIOUS). */
  private readonly secrets: Uint8Array[];

  constructor(private readonly config: IdentityConfig, private readonly clock: Clock, private readonly db: Conn) {
    this.secrets = [config.secret, config.previousSecret].filter((s): s is string => !!s).map((s) => new TextEncoder().encode(s));
    this.jwks = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 }) : undefined;
  }

  /** Now, as token lifetimes are judged (also the instant "sign out everywhere" is recorded at). */
  now(): Date {
    return (this.config.clock ?? this.clock).now();
  }

  /**
   * The token's claims, or 401. A token of this backend's own (`iss` = OWN_ISSUER) is checked with
   * its own keys; any other must carry the host's issuer and verify with the host's key.
   */
  async verify(token: string): Promise<Claims & { own: boolean; installationKey: string | null }> {
    let own: boolean;
    let kid: string | undefined;
    try {
      const header = decodeProtectedHeader(token);
      kid = header.kid;
      own = decodeJwt(token).iss === OWN_ISSUER;
    } catch {
      throw refused(R.invalid);
    }
    const now = this.now();
    const common = { audience: AUDIENCE, clockTolerance: CLOCK_SKEW_SECONDS, currentDate: now, maxTokenAge: MAX_TOKEN_SECONDS, requiredClaims: ['iat', 'exp', 'sub'] };
    let payload: JWTPayload;
    try {
      if (own) {
        const secret = kid ? await ownSecret(this.db, kid) : undefined;
        if (!secret) throw refused(R.kid);
        payload = (await jwtVerify(token, secret, { ...common, issuer: OWN_ISSUER, algorithms: ['HS256'] })).payload;
      } else if (this.secrets.length) {
        payload = await this.verifyHs256(token, { ...common, issuer: this.config.issuer, algorithms: ['HS256'] });
      } else if (this.jwks) {
        payload = (await jwtVerify(token, this.jwks, { ...common, issuer: this.config.issuer, algorithms: ['RS256', 'ES256'] })).payload;
      } else {
        throw refused(R.invalid);
      }
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw refused(reasonOf(err));
    }
    // jose checks exp and that iat is not in the future; the contract also caps the lifetime.
    if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number' || payload.exp - payload.iat > MAX_TOKEN_SECONDS) {
      throw refused(R.lifetime);
    }
    return { ...readClaims(payload), own, installationKey: own && typeof payload.ikey === 'string' ? payload.ikey : null };
  }

  /**
   * With the current secret; during a rotation a token whose signature does not verify with it is
   * tried with the previous one (HS256 tokens carry no `kid` to pick by). Every other refusal —
   * expired, wrong `iss` — is the current secret's answer.
   */
  private async verifyHs256(token: string, options: Parameters<typeof jwtVerify>[2]): Promise<JWTPayload> {
    for (const [i, secret] of this.secrets.entries()) {
      try {
        return (await jwtVerify(token, secret, options)).payload;
      } catch (err) {
        if (!(err instanceof joseErrors.JWSSignatureVerificationFailed) || i === this.secrets.length - 1) throw err;
      }
    }
    throw refused(R.invalid);
  }
}

// ---------------------------------------------------------------------------------------------
// This backend's own signing keys (for ERP access tokens). Kept in the database so every instance
// signs and verifies with the same ones; `npm run admin -- rotate-signing-key` adds a new one and
// keeps the previous one only as long as tokens signed with it can live.

async function ownSecret(db: Conn, kid: string): Promise<Uint8Array | undefined> {
  const row = await db.selectFrom('signing_keys').select('secret').where('kid', '=', kid).executeTakeFirst();
  return row ? Buffer.from(row.secret, 'base64url') : undefined;
}

/** The newest own signing key, created on first use. */
async function currentOwnKey(db: Conn, now: Date): Promise<{ kid: string; secret: Uint8Array }> {
  const row = await db.selectFrom('signing_keys').selectAll().orderBy('created_at', 'desc').orderBy('kid', 'desc').executeTakeFirst();
  if (row) return { kid: row.kid, secret: Buffer.from(row.secret, 'base64url') };
  return rotateOwnKey(db, now);
}

/** A new own signing key; keys older than the longest token life are dropped. */
export async function rotateOwnKey(db: Conn, now: Date): Promise<{ kid: string; secret: Uint8Array }> {
  const secret = randomBytes(32);
  const kid = newId('key');
  await db.insertInto('signing_keys').values({ kid, secret: secret.toString('base64url'), created_at: now.toISOString() }).execute();
  const cutoff = new Date(now.getTime() - (MAX_TOKEN_SECONDS + CLOCK_SKEW_SECONDS) * 1000).toISOString();
  await db.deleteFrom('signing_keys').where('kid', '!=', kid).where('created_at', '<', cutoff).execute();
  return { kid, secret };
}

/** An access token for a contact, signed by this backend (the installation-key exchange). */
export async function signOwnToken(db: Conn, now: Date, c: Omit<Claims, 'iat'> & { installationKey: string }): Promise<{ token: string; expiresAt: Date }> {
  const key = await currentOwnKey(db, now);
  const iat = Math.floor(now.getTime() / 1000);
  const expiresAt = new Date((iat + ACCESS_TOKEN_SECONDS) * 1000);
  const token = await new SignJWT({ email: c.email, name: c.name, role: c.role, ...(c.customer ? { customer: c.customer } : {}), ...(c.locale ? { locale: c.locale } : {}), ikey: c.installationKey })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(OWN_ISSUER).setAudience(AUDIENCE).setSubject(c.sub).setIssuedAt(iat).setExpirationTime(iat + ACCESS_TOKEN_SECONDS)
    .sign(key.secret);
  return { token, expiresAt };
}

/** Signs a host token (the demo sign-in route and tests; a real host signs on its own server). */
export async function signHostToken(config: { secret: string; issuer: string }, claims: Omit<Claims, 'iat' | 'locale'> & { locale?: string | null }, now: Date, seconds = MAX_TOKEN_SECONDS): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const { sub, iat: _iat, ...rest } = { ...claims, iat };
  const body = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== undefined));
  return new SignJWT(body).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer(config.issuer).setAudience(AUDIENCE)
    .setSubject(sub).setIssuedAt(iat).setExpirationTime(iat + seconds).sign(new TextEncoder().encode(config.secret));
}

/** SHA-256 of a secret (session ids, installation keys): the database never holds the secret itself. */
export const sha256 = (secret: string): string => createHash('sha256').update(secret).digest('base64url');
