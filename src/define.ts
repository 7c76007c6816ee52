/** The all-in-one entry: registers every element (guarded, so a second copy never throws) and exports the API. */
import './register-all.js';

export * from './index.js';
