// Copies of the collector's limits in @revisit/schema. Importing them from there would pull
// zod into the script-tag build; test/limits.test.ts checks the copies stay equal.

/** Largest message the collector accepts, in UTF-8 bytes of its JSON. */
export const MAX_MESSAGE_BYTES = 32 * 1024;

/** Largest request body the collector accepts. */
export const MAX_BATCH_BYTES = 500 * 1024;

/** A batch stays this far under the collector's limit, leaving room for the envelope. */
export const BATCH_BYTES = 480 * 1024;

/**
 * Browsers allow 64 KB of keepalive requests in flight per page; an unload flush stays under
 * it with room for the envelope.
 */
export const UNLOAD_BUDGET_BYTES = 60 * 1024;
