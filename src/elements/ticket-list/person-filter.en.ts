/** English for `person-filter.ts`, loaded only when the list shows English. */
import type { PersonFilterMessages } from './person-filter.js';

const en: PersonFilterMessages = { label: 'Filed by', everybody: 'Anyone', you: (name) => `${name} (you)`, retry: 'Load people' };

export default en;
