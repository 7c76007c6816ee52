/**
 * The statement as a printable PDF (pdfkit), laid out like a bank statement: the sender, the
 * customer and the period, the opening and closing balance, then one line per movement with its
 * running balance, a header repeated on every page and "page n of m" at the foot.
 *
 * The standard PDF fonts (Helvetica) need no font file but know only Windows-1252: text from tickets
 * is reduced to that (anything else becomes "?"), so a subject in another script cannot break the
 * document.
 */
import PDFDocument from 'pdfkit';
import type { Locale } from '../../src/i18n/index.js';
import type { Statement, StatementEntry } from '../types.js';
import { date, dateTime, plain, signed, statementWords } from './texts.js';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const CONTENT = A4.width - 2 * MARGIN;
const FOOT = A4.height - 60;
const INK = '#1f2933';
const MUTED = '#5b6773';
const ACCENT = '#1d4f91';
const RULE = '#c9d2dc';
const SHADE = '#f2f5f8';
const COLS = { date: 98, entry: 237, minutes: 75, balance: 85 };

// Windows-1252 beyond Latin-1: the characters pdfkit's standard fonts map (WIN_ANSI_MAP there).
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Text the standard fonts can show: minus signs and narrow spaces as their plain forms, the rest "?". */
export function winAnsi(text: string): string {
  return [...text.replace(/\u2212/g, '-').replace(/[\u202f\u2009]/g, ' ')]
    .map((ch) => (ch.charCodeAt(0) <= 0xff && !/[\u0000-\u001f\u007f-\u009f]/.test(ch)) || WIN_ANSI_EXTRA.has(ch) ? ch : '?')
    .join('');
}

/** The PDF's bytes. `now` is the issue date printed in the header. */
export async function statementPdf(s: Statement, lang: Locale, now: Date): Promise<Buffer> {
  const t = await statementWords(lang);
  const doc = new PDFDocument({
    size: 'A4', margin: MARGIN, bufferPages: true,
    info: { Title: `${t.title} ${s.month}`, Author: 'Cadia Support', Subject: `${s.customer.name} (${s.customer.number})`, CreationDate: now },
    lang: lang === 'de' ? 'de-DE' : 'en-GB',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const text = (value: string, x: number, y: number, opts: PDFKit.Mixins.TextOptions = {}) => doc.text(winAnsi(value), x, y, { lineBreak: false, ...opts });
  const unit = (n: string) => `${n} ${t.minutesUnit}`;

  // The sender: a brand line and rule, as on the vendor's letters.
  doc.rect(MARGIN, MARGIN, 6, 30).fill(ACCENT);
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(20);
  text('Cadia', MARGIN + 14, MARGIN + 2);
  doc.font('Helvetica').fontSize(9).fillColor(MUTED);
  text(lang === 'de' ? 'Kundensupport · Supportguthaben' : 'Customer support · Support credit', MARGIN + 14, MARGIN + 24);
  text(`${t.issued}: ${date(now, lang)}`, MARGIN, MARGIN + 6, { width: CONTENT, align: 'right' });

  doc.font('Helvetica-Bold').fontSize(16).fillColor(INK);
  text(t.title, MARGIN, MARGIN + 60);

  // Who and when, as label: value pairs.
  const last = new Date(Date.parse(s.to) - 1);
  const facts: Array<[string, string]> = [
    [t.customer, s.customer.name],
    [t.customerNumber, s.customer.number],
    [t.period, `${date(s.from, lang)} – ${date(last, lang)}`],
  ];
  let y = MARGIN + 88;
  for (const [label, value] of facts) {
    doc.font('Helvetica').fontSize(9).fillColor(MUTED);
    text(label, MARGIN, y);
    doc.font('Helvetica-Bold').fontSize(10).fillColor(INK);
    text(value, MARGIN + 95, y - 1, { width: CONTENT - 95, ellipsis: true });
    y += 16;
  }

  // The four numbers a reader looks for first.
  y += 10;
  const boxes: Array<[string, string]> = [
    [t.opening, unit(plain(s.openingMinutes, lang))],
    [t.credited, unit(signed(s.totals.creditedMinutes, lang))],
    [t.charged, unit(signed(-s.totals.chargedMinutes, lang))],
    [t.closing, unit(plain(s.closingMinutes, lang))],
  ];
  const boxW = (CONTENT - 3 * 8) / 4;
  boxes.forEach(([label, value], i) => {
    const x = MARGIN + i * (boxW + 8);
    const isClosing = i === boxes.length - 1;
    doc.roundedRect(x, y, boxW, 44, 4).fillAndStroke(isClosing ? ACCENT : SHADE, isClosing ? ACCENT : RULE);
    doc.font('Helvetica').fontSize(8.5).fillColor(isClosing ? '#ffffff' : MUTED);
    text(label, x + 8, y + 8, { width: boxW - 16 });
    doc.font('Helvetica-Bold').fontSize(13).fillColor(isClosing ? '#ffffff' : INK);
    text(value, x + 8, y + 22, { width: boxW - 16 });
  });
  y += 62;

  const header = (at: number): number => {
    doc.font('Helvetica-Bold').fontSize(8.5).fillColor(MUTED);
    let x = MARGIN;
    text(t.columns.date, x + 4, at);
    text(t.columns.entry, (x += COLS.date) + 4, at);
    text(t.columns.minutes, (x += COLS.entry), at, { width: COLS.minutes - 4, align: 'right' });
    text(t.columns.balance, (x += COLS.minutes), at, { width: COLS.balance - 4, align: 'right' });
    doc.moveTo(MARGIN, at + 13).lineTo(MARGIN + CONTENT, at + 13).lineWidth(0.8).strokeColor(INK).stroke();
    return at + 19;
  };
  y = header(y);

  const line = (values: { date: string; title: string; detail: string; minutes: string; balance: string; bold?: boolean }, shaded: boolean) => {
    doc.font(values.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5);
    const titleH = doc.heightOfString(winAnsi(values.title), { width: COLS.entry - 8 });
    doc.fontSize(8.5);
    const detailH = values.detail ? doc.heightOfString(winAnsi(values.detail), { width: COLS.entry - 8 }) + 1 : 0;
    const h = Math.max(titleH + detailH, 12) + 8;
    if (y + h > FOOT - 10) {
      doc.addPage();
      y = header(MARGIN);
    }
    if (shaded) doc.rect(MARGIN, y - 3, CONTENT, h).fill(SHADE);
    let x = MARGIN;
    doc.font(values.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5).fillColor(INK);
    text(values.date, x + 4, y);
    doc.text(winAnsi(values.title), (x += COLS.date) + 4, y, { width: COLS.entry - 8 });
    if (values.detail) {
      doc.font('Helvetica').fontSize(8.5).fillColor(MUTED);
      doc.text(winAnsi(values.detail), x + 4, y + titleH + 1, { width: COLS.entry - 8 });
    }
    doc.font(values.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5).fillColor(INK);
    text(values.minutes, (x += COLS.entry), y, { width: COLS.minutes - 4, align: 'right' });
    text(values.balance, (x += COLS.minutes), y, { width: COLS.balance - 4, align: 'right' });
    y += h;
  };

  line({ date: date(s.from, lang), title: t.opening, detail: '', minutes: '', balance: plain(s.openingMinutes, lang), bold: true }, false);
  s.entries.forEach((e, i) => line(entryLine(e, t, lang), i % 2 === 0));
  if (!s.entries.length) line({ date: '', title: t.noEntries, detail: '', minutes: '', balance: '' }, true);
  doc.moveTo(MARGIN, y).lineTo(MARGIN + CONTENT, y).lineWidth(0.8).strokeColor(INK).stroke();
  y += 6;
  const closingDate = date(new Date(Math.min(last.getTime(), now.getTime())), lang);
  line({ date: closingDate, title: t.closing, detail: '', minutes: '', balance: plain(s.closingMinutes, lang), bold: true }, false);

  // Footnote and page numbers on every page, once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.moveTo(MARGIN, FOOT).lineTo(MARGIN + CONTENT, FOOT).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.font('Helvetica').fontSize(7.5).fillColor(MUTED);
    // The foot lies inside the bottom margin: without lowering it for this text pdfkit would start a new page.
    doc.page.margins.bottom = 0;
    text(t.footnote, MARGIN, FOOT + 6, { width: CONTENT - 150, lineBreak: true });
    text(`${s.customer.number} · ${s.month} · ${t.page(i - range.start + 1, range.count)}`, MARGIN, FOOT + 6, { width: CONTENT, align: 'right' });
  }
  doc.end();
  return done;
}

function entryLine(e: StatementEntry, t: Awaited<ReturnType<typeof statementWords>>, lang: Locale) {
  const reference = e.ticketNumber ? `${t.ticket} ${e.ticketNumber}` : e.orderId ? `${t.order} ${e.orderId}` : '';
  const about = e.ticketSubject ?? e.orderName ?? e.note;
  const worked = e.workedMinutes !== null && e.kind !== 'order' ? t.worked(`${plain(e.workedMinutes, lang)} ${t.minutesUnit}`) : '';
  return {
    date: dateTime(e.at, lang),
    title: about ? `${t.kinds[e.kind]}: ${about}` : t.kinds[e.kind],
    detail: [reference, e.contact ? t.by(e.contact.name) : '', worked].filter(Boolean).join(' · '),
    minutes: e.minutes === 0 ? t.free : signed(e.minutes, lang),
    balance: plain(e.balanceAfter, lang),
  };
}
