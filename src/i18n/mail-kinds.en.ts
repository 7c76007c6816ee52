/** English for `mail-kinds.ts`. */
import type { MailKindLabels } from './mail-kinds.js';

const en: MailKindLabels = {
  ticketConfirmation: { label: 'Confirmation of new tickets', hint: 'With the ticket number, as soon as your ticket has arrived.' },
  supportReplied: { label: 'Replies from support', hint: 'When the Cadia team replies to your ticket.' },
  statusChanged: { label: 'Status changes', hint: 'When the status or billing of your ticket changes, or a known issue you follow is fixed.' },
  lowCredit: { label: 'Credit running low', hint: 'Once when the support credit falls below the threshold, and once at zero.' },
  offers: { label: 'Loyalty offers', hint: 'Personal offers at licence renewal or when the credit is used up.' },
  orders: { label: 'Orders', hint: 'Order confirmations and automatic top-ups.' },
};

export default en;
