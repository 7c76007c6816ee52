import type { Clock } from './clock.js';
import type { DB } from './db.js';
import type { EventBus } from './events.js';
import type { IdentityConfig, TokenVerifier } from './identity.js';
import type { Limits } from './limits.js';
import type { MailLinks } from './mail-links.js';
import type { RateLimits } from './rate-limit.js';
import type { UploadGate } from './uploads.js';

/** What route modules share; built once by createBackend. */
export interface Deps {
  db: DB;
  clock: Clock;
  events: EventBus;
  publicUrl: string;
  allowedOrigins: readonly string[];
  verifier: TokenVerifier;
  /** The signing configuration in use (the demo sign-in route signs with it outside production). */
  identity: IdentityConfig;
  production: boolean;
  /** Caps how many form bodies are read at once. */
  uploads: UploadGate;
  limits: Limits;
  rates: RateLimits;
  /** Signs and checks the unsubscribe links in mails. */
  mailLinks: MailLinks;
}

export const nowIso = (d: Deps): string => d.clock.now().toISOString();
