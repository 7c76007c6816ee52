/** One day in milliseconds: the rules' days (offer validity, reopening, link expiry) are 24-hour spans from a moment, not calendar days. */
export const DAY_MS = 86_400_000;
