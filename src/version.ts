/** The SDK version, shown in warnings when two copies meet on one page (a test keeps it in step with package.json). */
export const VERSION = '0.1.0';
