/**
 * The vendor's command line for production onboarding, without the demo: customers, their
 * contacts, support agents, the ERP's installation keys, the support packages (and which one each
 * occasion's loyalty offer is for), the FAQ articles the ticket form suggests, and this backend's
 * own signing key.
 *
 *   npm run admin -- <command> [arguments] [--option value]
 *
 * It works on the database the server uses: DATABASE_URL (PostgreSQL) or DATA_DIR/cadia.sqlite
 * (default ./data), migrating it first. Secrets come from the environment (JWT_SECRET, JWT_JWKS_URL,
 * JWT_ISSUER for the server); an installation key is printed once and stored only as a hash.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type DB, isPostgresUrl, migrate, openDatabase, transact } from './db.js';
import { rotateOwnKey } from './identity.js';
import { createKey, listKeys, revokeKey } from './model/keys.js';
import { findPackage, listPackages, savePackage } from './model/offers.js';
import { CURRENCY } from './model/customers.js';
import { ApiError } from './problem.js';
import { addContact, contactByEmail } from './model/contacts.js';
import { ROLES } from './rules/desk.js';
import { asciiEmail } from '../src/domain/categories.js';
import { safeHref } from '../src/domain/safe-url.js';

export const USAGE = `Usage: npm run admin -- <command> [arguments] [options]

  customer add <number> --name <company> --email <address> [--credit <minutes>] [--visibility own|company]
  customer list
  customer visibility <number> own|company      members see their own tickets, or the company's
  contact add <customer> --email <address> --name <name> [--role admin|member]
  contact list <customer>
  agent add --email <address> --name <name>     a support agent (role agent)
  key add <customer> [--label <text>] [--role member|admin]
                                                an installation key for the ERP: printed once, stored as a hash
  key list <customer>
  key revoke <key id>                           refused at once, with every token it minted
  package add <id> --name <name> --minutes <n> --price <euros> [--description <text>]
              [--name-en <name>] [--description-en <text>] [--offer renewal|credit-exhausted|none]
                                                a support package, last in the shop; --offer makes it the
                                                loyalty offer (15% off) at a licence renewal or when the
                                                credit is used up (one package each; none: no offer then)
  package set <id> [the options of package add]  changes a package; orders and offers made keep theirs
  package list
  faq add <id> --title <title> --url <https://…> [--body <text>]
                                                an article of your help pages: the ticket form suggests it
                                                when what the customer types matches its title or text
  faq list
  faq remove <id>
  rotate-signing-key                            a new key for the ERP access tokens; the old one ends
                                                when the tokens it signed have run out (about an hour)
  new-secret                                    prints a random value for JWT_SECRET. To rotate it with
                                                nobody signed out: 1) restart the backend with
                                                JWT_SECRET=<new> JWT_SECRET_PREVIOUS=<old> (both verify);
                                                2) let your sign-in sign with <new>; 3) an hour later
                                                (the longest token life) unset JWT_SECRET_PREVIOUS, restart

Database: DATABASE_URL (postgres://…) or DATA_DIR/cadia.sqlite (default ./data).`;

export class UsageError extends Error {}

const need = (v: string | undefined, what: string): string => {
  if (!v) throw new UsageError(`missing ${what}`);
  return v;
};
const email = (v: string | undefined): string => {
  const e = asciiEmail(need(v, '--email'));
  if (!e || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) throw new UsageError(`not an email address: ${v}`);
  return e;
};
/** `1679`, `1679.00` or `1679,00` (euros) → 167900 cents. */
const cents = (v: string): number => {
  const m = /^(\d{1,6})(?:[.,](\d{1,2}))?$/.exec(v.trim());
  const amount = m ? Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0')) : NaN;
  if (!(amount > 0)) throw new UsageError(`--price must be euros like 1679.00, more than 0: ${v}`);
  return amount;
};
const oneOf = <T extends string>(v: string | undefined, allowed: readonly T[], what: string, fallback?: T): T => {
  const x = v ?? fallback;
  if (!x || !(allowed as readonly string[]).includes(x)) throw new UsageError(`${what} must be one of ${allowed.join(', ')}`);
  return x as T;
};

/** Runs one command on `db`; returns what to print. */
export async function runAdmin(db: DB, argv: readonly string[], now = new Date()): Promise<string> {
  const { values: o, positionals: [group, verb, ...rest] } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      name: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, label: { type: 'string' },
      credit: { type: 'string' }, visibility: { type: 'string' },
      minutes: { type: 'string' }, price: { type: 'string' }, description: { type: 'string' },
      'name-en': { type: 'string' }, 'description-en': { type: 'string' }, offer: { type: 'string' },
      title: { type: 'string' }, url: { type: 'string' }, body: { type: 'string' },
    },
  });
  const at = now.toISOString();
  const customerOf = async (number: string | undefined) => {
    const c = await db.selectFrom('customers').selectAll().where('number', '=', need(number, 'the customer number')).executeTakeFirst();
    if (!c) throw new UsageError(`no customer ${number} (create it with: customer add ${number} --name … --email …)`);
    return c;
  };
  switch (`${group ?? ''} ${verb ?? ''}`.trim()) {
    case 'customer add': {
      const number = need(verb && rest[0], 'the customer number');
      if (!/^[\w-]{1,40}$/.test(number)) throw new UsageError(`not a customer number: ${number}`);
      const credit = Number(o.credit ?? 0);
      if (!Number.isInteger(credit)) throw new UsageError('--credit must be whole minutes');
      if (await db.selectFrom('customers').select('number').where('number', '=', number).executeTakeFirst()) throw new UsageError(`customer ${number} exists already`);
      await db.insertInto('customers').values({
        number, name: need(o.name, '--name'), email: email(o.email), credit_minutes: credit, credit_updated_at: at,
        ticket_visibility: oneOf(o.visibility, ['own', 'company'] as const, '--visibility', 'own'),
      }).execute();
      return `customer ${number} created`;
    }
    case 'customer list': {
      const rows = await db.selectFrom('customers').selectAll().orderBy('number').execute();
      return rows.map((c) => `${c.number}\t${c.name}\t${c.email}\t${c.credit_minutes} min\ttickets: ${c.ticket_visibility}`).join('\n') || '(no customers)';
    }
    case 'customer visibility': {
      const c = await customerOf(rest[0]);
      const v = oneOf(rest[1], ['own', 'company'] as const, 'visibility');
      await db.updateTable('customers').set({ ticket_visibility: v }).where('number', '=', c.number).execute();
      return `customer ${c.number}: members see ${v === 'own' ? 'their own tickets' : "the company's tickets"}`;
    }
    case 'contact add': {
      const c = await customerOf(rest[0]);
      const address = email(o.email);
      if (await contactByEmail(db, c.number, address)) throw new UsageError(`customer ${c.number} has a contact ${address} already`);
      const row = await addContact(db, { customer: c.number, role: oneOf(o.role, ROLES, '--role', 'member'), email: address, name: need(o.name, '--name') }, now);
      return `contact ${row.id} (${row.role}) created for customer ${c.number}; the host's first token with this email takes it over`;
    }
    case 'contact list': {
      const c = await customerOf(rest[0]);
      const rows = await db.selectFrom('contacts').selectAll().where('customer_number', '=', c.number).orderBy('name').execute();
      return rows.map((r) => `${r.id}\t${r.role}\t${r.name}\t${r.email}\t${r.subject}`).join('\n') || '(no contacts)';
    }
    case 'agent add': {
      const address = email(o.email);
      const row = await addContact(db, { customer: null, role: 'agent', email: address, name: need(o.name, '--name') }, now);
      return `agent ${row.id} created; sign them in with a role "agent" token (email ${address})`;
    }
    case 'key add': {
      const c = await customerOf(rest[0]);
      const { key, secret } = await createKey(db, { customerNumber: c.number, label: o.label ?? '', role: oneOf(o.role, ROLES, '--role', 'member') }, now);
      return `installation key ${key.id} for customer ${c.number} (shown only now — store it in the ERP installation):\n${secret}`;
    }
    case 'key list': {
      const c = await customerOf(rest[0]);
      const rows = await listKeys(db, c.number);
      return rows.map((k) => `${k.id}\t${k.role}\t${k.label || '-'}\tcreated ${k.createdAt}\tlast used ${k.lastUsedAt ?? 'never'}${k.revokedAt ? `\trevoked ${k.revokedAt}` : ''}`).join('\n') || '(no keys)';
    }
    case 'key revoke': {
      const id = need(rest[0], 'the key id');
      try {
        await revokeKey(db, id, now);
      } catch (e) {
        if (e instanceof ApiError) throw new UsageError(`no active key ${id}`);
        throw e;
      }
      return `key ${id} revoked: refused from now on, and so is every token it minted`;
    }
    case 'package add':
    case 'package set': {
      const id = need(rest[0], 'the package id');
      if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(id)) throw new UsageError(`not a package id (a-z, 0-9, -): ${id}`);
      const old = await findPackage(db, id);
      if (verb === 'add' && old) throw new UsageError(`package ${id} exists already (change it with: package set ${id} …)`);
      if (verb === 'set' && !old) throw new UsageError(`no package ${id} (create it with: package add ${id} --name … --minutes … --price …)`);
      const text = (v: string | undefined, what: string, max: number, fallback: string | null) => {
        if (v === undefined) return fallback;
        if (v.trim().length > max) throw new UsageError(`${what} is longer than ${max} characters`);
        return v.trim() || null;
      };
      const minutes = o.minutes === undefined ? old?.minutes : Number(o.minutes);
      if (!Number.isInteger(minutes) || minutes! < 1 || minutes! > 100_000) throw new UsageError('--minutes must be whole minutes, 1 to 100000');
      const offer = o.offer === undefined ? old?.offer_for ?? null : oneOf(o.offer, ['renewal', 'credit-exhausted', 'none'] as const, '--offer');
      const saved = await transact(db, (trx) => savePackage(trx, {
        id,
        name: need(text(o.name, '--name', 100, old?.name ?? null) ?? undefined, '--name'),
        description: text(o.description, '--description', 500, old?.description ?? '') ?? '',
        nameEn: text(o['name-en'], '--name-en', 100, old?.name_en ?? null),
        descriptionEn: text(o['description-en'], '--description-en', 500, old?.description_en ?? null),
        minutes: minutes!,
        priceAmount: o.price === undefined && old ? old.price_amount : cents(need(o.price, '--price')),
        offerFor: offer === 'none' ? null : offer === 'credit-exhausted' ? 'credit_exhausted' : offer,
      }));
      return `package ${id} ${saved}`;
    }
    case 'package list': {
      const rows = await listPackages(db);
      // The occasion as --offer takes it.
      return rows.map((p) => `${p.id}\t${p.name}${p.name_en ? ` / ${p.name_en}` : ''}\t${p.minutes} min\t${(p.price_amount / 100).toFixed(2)} ${CURRENCY}${p.offer_for ? `\tloyalty offer: ${p.offer_for.replace('_', '-')}` : ''}`).join('\n') || '(no packages)';
    }
    case 'faq add': {
      const id = need(rest[0], 'the article id');
      if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(id)) throw new UsageError(`not an article id (a-z, 0-9, -): ${id}`);
      const title = need(o.title?.trim(), '--title');
      const body = (o.body ?? '').trim();
      if (title.length > 200 || body.length > 5000) throw new UsageError('--title is at most 200 characters, --body 5000');
      // The widget links to it: the widget's own rule, a web address only (never javascript: or data:).
      const url = safeHref(need(o.url, '--url'), 'about:blank');
      if (!url) throw new UsageError(`--url must be an http(s) address: ${o.url}`);
      if (await db.selectFrom('faq_articles').select('id').where('id', '=', id).executeTakeFirst()) throw new UsageError(`article ${id} exists already (remove it first)`);
      await db.insertInto('faq_articles').values({ id, title, body, url }).execute();
      return `article ${id} added`;
    }
    case 'faq list': {
      const rows = await db.selectFrom('faq_articles').selectAll().orderBy('id').execute();
      return rows.map((a) => `${a.id}\t${a.title}\t${a.url}`).join('\n') || '(no articles)';
    }
    case 'faq remove': {
      const id = need(rest[0], 'the article id');
      const gone = await db.deleteFrom('faq_articles').where('id', '=', id).executeTakeFirst();
      if (!Number(gone.numDeletedRows)) throw new UsageError(`no article ${id}`);
      return `article ${id} removed`;
    }
    case 'rotate-signing-key': {
      const { kid } = await rotateOwnKey(db, now);
      return `new signing key ${kid}; ERP access tokens are signed with it from now on`;
    }
    case 'new-secret':
      return randomBytes(48).toString('base64url');
    default:
      throw new UsageError(group ? `unknown command: ${[group, verb].filter(Boolean).join(' ')}` : 'no command');
  }
}

/** The command line: the database of the server's environment, one command, exit code 0/1/2. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv.includes('--help')) {
    console.log(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  const dataDir = resolve(env.DATA_DIR ?? './data');
  if (!isPostgresUrl(databaseUrl)) mkdirSync(dataDir, { recursive: true });
  const opened = await openDatabase({ databaseUrl, sqlitePath: join(dataDir, 'cadia.sqlite') });
  try {
    await migrate(opened.db);
    console.log(await runAdmin(opened.db, argv));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  } finally {
    await opened.close();
  }
}

// `npm run admin -- …` runs this file.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  process.exitCode = await main(process.argv.slice(2), process.env);
}
