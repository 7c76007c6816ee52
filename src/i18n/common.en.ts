/** English for `common.ts`, loaded only when an element shows English (see `catalog` in src/i18n/index.ts). */
import type { CommonMessages } from './common.js';

const en: CommonMessages = {
  retry: 'Try again',
  loading: 'Loading …',
  close: 'Close',
  errors: {
    network: 'No connection to the server. Please check your internet connection.',
    timeout: 'The server is not answering right now.',
    parse: 'The server sent an unexpected answer.',
    server: 'Something went wrong on the server.',
    unauthorized: 'Your session has expired. Please log in again.',
    forbidden: 'You are not allowed to do this.',
    notFound: 'Not found.',
    rateLimited: (s) => `Too many requests. Please wait ${!s ? 'a moment' : s === 1 ? 'a second' : s < 120 ? s + ' seconds' : Math.ceil(s / 60) + ' minutes'}.`,
    validation: 'Please check the marked fields.',
    conflict: 'This has already been done.',
    unknown: 'Something went wrong.',
  },
};

export default en;
