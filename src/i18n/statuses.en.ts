/** English for `statuses.ts`, loaded with the English texts of the element that shows statuses. */
import type { StatusLabels } from './statuses.js';

const en: StatusLabels = {
  new: 'New',
  in_progress: 'In progress',
  waiting_for_customer: 'Waiting for your reply',
  closed: 'Closed',
};

export default en;
