/** The help text's rules, pure and shared by the widgets and the reference backend. */
export * from './billing.js';
export * from './categories.js';
export * from './images.js';
export * from './closing.js';
export * from './offers.js';
export * from './statement.js';
