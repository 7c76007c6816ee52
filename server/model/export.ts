/**
 * A person's own data as one ZIP archive (GDPR Art. 15 access, Art. 20 portability): their profile,
 * the tickets they filed with the thread (their own messages and the support team's — not those of
 * colleagues who wrote in the same ticket), their messages in colleagues' tickets, the files of those
 * messages, and the orders they placed. A JSON manifest (`manifest.json`, with size and SHA-256 of
 * every file) and a readable one (`LIESMICH.txt` / `README.txt`) say what is in it and what is not.
 *
 * Streamed: files go into the archive one by one (fflate's streaming `Zip`), an attachment's bytes
 * are read from the database only when the reader has taken what came before, so memory stays at
 * about one attachment whatever the archive's size (which the customer's upload quota bounds).
 */
import { createHash } from 'node:crypto';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { CustomerPrincipal } from '../auth.js';
import type { Conn } from '../db.js';
import { textIn, type Lang } from '../problem.js';
import { exportReadme } from '../mail-texts.js';

/** One file of the archive: its path and bytes, and whether deflating it helps (not for images or PDFs). */
interface ArchiveFile { path: string; data: Uint8Array; compress: boolean }

/** What a reader of the archive finds, for the manifests. */
export interface ExportSummary {
  contact: { id: string; name: string; email: string; role: string };
  customer: { number: string; name: string };
  createdAt: string;
  tickets: Array<{ number: string; subject: string; messages: number; files: number }>;
  otherMessages: number;
  orders: number;
  files: Array<{ path: string; bytes: number; sha256: string }>;
}

const encoder = new TextEncoder();
const jsonFile = (path: string, value: unknown): ArchiveFile => ({ path, data: encoder.encode(`${JSON.stringify(value, null, 2)}\n`), compress: true });

/** A name that is safe as one path segment in any unzip tool: no separators, no control characters, no dots only. */
export function safeSegment(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').replace(/^\.+/, '_').trim();
  return cleaned.slice(0, 120) || '_';
}

/** Rows of the person, in the order they are written into the archive; attachments' bytes on demand. */
async function* personalFiles(db: Conn, p: CustomerPrincipal, summary: ExportSummary, lang: Lang): AsyncGenerator<ArchiveFile> {
  const contact = await db.selectFrom('contacts').select(['id', 'name', 'email', 'role', 'locale', 'created_at', 'last_active_at'])
    .where('id', '=', p.contactId).executeTakeFirstOrThrow();
  yield jsonFile('profile.json', {
    id: contact.id, name: contact.name, email: contact.email, role: contact.role, locale: contact.locale,
    createdAt: contact.created_at, lastActiveAt: contact.last_active_at, customer: summary.customer,
  });

  // Only this customer's rows, also where the contact id alone would do: a second fence.
  const tickets = await db.selectFrom('tickets').selectAll().where('customer_number', '=', p.customerNumber).where('contact_id', '=', p.contactId)
    .orderBy('created_at').orderBy('id').execute();
  const own = new Set(tickets.map((t) => t.id));
  // The threads of their tickets without colleagues' messages, and their own messages anywhere else.
  const messages = await db.selectFrom('messages as m').innerJoin('tickets as t', 't.id', 'm.ticket_id')
    .select(['m.id', 'm.ticket_id', 'm.author', 'm.author_name', 'm.body', 'm.kind', 'm.created_at', 'm.contact_id', 't.number as ticket_number'])
    .where('t.customer_number', '=', p.customerNumber)
    .where((eb) => eb.or([
      eb('m.contact_id', '=', p.contactId),
      eb.and([eb('t.contact_id', '=', p.contactId), eb('m.author', '!=', 'customer')]),
    ]))
    .orderBy('m.created_at').orderBy('m.seq').execute();
  const attachments = messages.length
    ? await db.selectFrom('attachments').select(['id', 'message_id', 'file_name', 'content_type', 'size', 'created_at'])
      .where('customer_number', '=', p.customerNumber).where('message_id', 'in', messages.map((m) => m.id)).orderBy('seq').execute()
    : [];
  const diagnostics = tickets.length
    ? await db.selectFrom('ticket_diagnostics').selectAll().where('ticket_id', 'in', tickets.map((t) => t.id)).execute()
    : [];

  const folderOf = (m: { ticket_id: string; ticket_number: string }) => (own.has(m.ticket_id) ? `tickets/${safeSegment(m.ticket_number)}` : 'messages-in-other-tickets');
  const fileOf = new Map(attachments.map((a) => {
    const m = messages.find((x) => x.id === a.message_id)!;
    return [a.id, `${folderOf(m)}/files/${safeSegment(`${a.id}-${a.file_name}`)}`];
  }));
  const messageView = (m: (typeof messages)[number]) => ({
    id: m.id, at: m.created_at, author: m.contact_id === p.contactId ? 'you' : m.author, authorName: m.author_name, kind: m.kind, body: m.body,
    files: attachments.filter((a) => a.message_id === m.id).map((a) => ({ name: a.file_name, contentType: a.content_type, bytes: a.size, path: fileOf.get(a.id) })),
  });

  for (const t of tickets) {
    const thread = messages.filter((m) => m.ticket_id === t.id);
    const d = diagnostics.find((x) => x.ticket_id === t.id);
    yield jsonFile(`tickets/${safeSegment(t.number)}/ticket.json`, {
      id: t.id, number: t.number, subject: t.subject, category: t.category, status: t.status, urgency: t.urgency, createdAt: t.created_at,
      updatedAt: t.updated_at, description: t.description, program: t.program, programVersion: t.program_version, window: t.window,
      errorMessage: t.error_message, hangsAt: t.hangs_at, lastAction: t.last_action, calledBefore: t.called_before === 1, cc: t.cc,
      phone: t.phone, phoneAvailability: t.phone_availability, language: t.lang,
      diagnostics: d ? { program: d.program, programVersion: d.program_version, os: d.os, databaseVersion: d.database_version, log: d.log, createdAt: d.created_at } : null,
      messages: thread.map(messageView),
    });
    summary.tickets.push({ number: t.number, subject: t.subject, messages: thread.length, files: attachments.filter((a) => thread.some((m) => m.id === a.message_id)).length });
  }
  const elsewhere = messages.filter((m) => !own.has(m.ticket_id));
  summary.otherMessages = elsewhere.length;
  if (elsewhere.length) yield jsonFile('messages-in-other-tickets/messages.json', elsewhere.map((m) => ({ ticket: m.ticket_number, ...messageView(m) })));

  const orders = await db.selectFrom('orders').select(['id', 'name', 'name_en', 'minutes', 'price_amount', 'created_at', 'status', 'cancelled_at', 'cancel_note'])
    .where('customer_number', '=', p.customerNumber).where('contact_id', '=', p.contactId).orderBy('created_at').execute();
  summary.orders = orders.length;
  if (orders.length) {
    yield jsonFile('orders.json', orders.map((o) => ({
      id: o.id, name: textIn(lang, o.name, o.name_en), minutes: o.minutes, price: { amount: o.price_amount, currency: 'EUR' }, createdAt: o.created_at,
      status: o.status, cancelledAt: o.cancelled_at, cancelNote: o.cancel_note,
    })));
  }

  // The files last, one at a time: their bytes are the bulk of the archive.
  for (const a of attachments) {
    const blob = await db.selectFrom('attachment_blobs').select('bytes').where('attachment_id', '=', a.id).executeTakeFirst();
    if (!blob) continue;
    // Images, PDFs and ZIPs are compressed already; only text gains from deflating.
    yield { path: fileOf.get(a.id)!, data: new Uint8Array(blob.bytes), compress: a.content_type.startsWith('text/') };
  }
}

/**
 * The archive as a stream of bytes: pulled by the response, so nothing is read ahead of the network.
 * The manifests go last, when every file's size and checksum is known.
 */
export function personalDataArchive(db: Conn, p: CustomerPrincipal, customer: { number: string; name: string }, lang: Lang, now: Date): ReadableStream<Uint8Array> {
  const summary: ExportSummary = {
    contact: { id: p.contactId, name: p.name, email: p.email, role: p.role }, customer, createdAt: now.toISOString(),
    tickets: [], otherMessages: 0, orders: 0, files: [],
  };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const out: Uint8Array[] = [];
    let failure: Error | null = null;
    const zip = new Zip((err, chunk) => {
      if (err) failure = err;
      else out.push(chunk);
    });
    const add = (f: ArchiveFile) => {
      const entry = f.compress ? new ZipDeflate(f.path, { level: 6 }) : new ZipPassThrough(f.path);
      entry.mtime = now;
      zip.add(entry);
      entry.push(f.data, true);
      summary.files.push({ path: f.path, bytes: f.data.byteLength, sha256: createHash('sha256').update(f.data).digest('hex') });
    };
    for await (const f of personalFiles(db, p, summary, lang)) {
      add(f);
      if (failure) throw failure;
      while (out.length) yield out.shift()!;
    }
    const files = [...summary.files];
    add(jsonFile('manifest.json', {
      format: 'cadia-personal-data-export', version: 1, createdAt: summary.createdAt, contact: summary.contact, customer: summary.customer,
      counts: { tickets: summary.tickets.length, messagesInOtherTickets: summary.otherMessages, orders: summary.orders, files: files.length },
      tickets: summary.tickets, files,
    }));
    add({ path: lang === 'de' ? 'LIESMICH.txt' : 'README.txt', data: encoder.encode(exportReadme(lang, { ...summary, files })), compress: true });
    zip.end();
    if (failure) throw failure;
    while (out.length) yield out.shift()!;
  }
  // Pulled: the next file is read only when the response has taken the bytes before it.
  const it = chunks();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await it.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await it.return(undefined);
    },
  });
}
