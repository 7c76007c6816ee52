/**
 * The real server (`server/main.ts`) as a child process, for the tests that drive the demo pages
 * and the built `dist/` in a browser (launch it with `launchChromium` from scripts/screens/browser.mjs).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_IDENTITY } from './helpers.js';

export interface MainProcess {
  /** `http://localhost:<port>`, read from the server's start-up line. */
  base: string;
  /** Its throw-away data folder (`cadia.sqlite` inside); `stop()` removes it. */
  dataDir: string;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** Sends a signal (e.g. SIGTERM for a graceful stop). */
  signal(name: NodeJS.Signals): void;
  /** The exit code once the process has ended. */
  exited: Promise<number | null>;
  stop(): void;
}

/**
 * Starts main.ts in development mode on a fresh data folder. `env` is laid over the inherited
 * environment (a key set to `undefined` is removed); PORT is 0, any free port, unless `env` sets one.
 */
export async function startMain(env: NodeJS.ProcessEnv = {}, prefix = 'cadia-main-'): Promise<MainProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  // Browser-driven suites sign in and create a lot from one address; rate-limits.test.ts tests the defaults.
  const generous = { RATE_LIMIT_AUTH: '100000/1m', RATE_LIMIT_TICKETS: '100000/1m', RATE_LIMIT_REPLIES: '100000/1m', RATE_LIMIT_ORDERS: '100000/1m' };
  // The tests' signing configuration, so tokens from helpers.ts (POS, NEG, AGENT) work on it too —
  // and the demo sign-in route signs with it, as `npm start` does with a host's JWT_SECRET/JWT_ISSUER.
  const identity = { JWT_SECRET: TEST_IDENTITY.secret, JWT_ISSUER: TEST_IDENTITY.issuer, MAIL_LINK_SECRET: 'test-mail-link-secret-0123456789abcdef' };
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...generous, ...identity, PORT: '0', DATA_DIR: dataDir, NODE_ENV: 'development', ...env };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const stop = () => {
    child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
      const onData = () => {
        const m = /backend on (http:\/\/localhost:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited (${code}):\n${out}`));
      });
    });
    return { base, dataDir, output: () => out, signal: (name) => child.kill(name), exited, stop };
  } catch (err) {
    stop();
    throw err;
  }
}

/** A port free right now: for a server that must know its address before it starts (PUBLIC_URL). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
