/** English for `tickets.ts`, loaded only when an element shows English (see `catalog` in src/i18n/index.ts). */
import type { CategoryLabels } from './tickets.js';

const en: CategoryLabels = {
  concern: 'Concern',
  feature: 'Feature request',
  bug: 'Program bug',
  user_error: 'User error',
  training: 'Training request',
  error_handling: 'Error handling',
};

export default en;
