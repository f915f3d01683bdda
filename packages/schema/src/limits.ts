/** Largest accepted message, in UTF-8 bytes of its JSON: Segment's limit, for compatibility. */
export const MAX_MESSAGE_BYTES = 32 * 1024;

/** Largest accepted request body (after decompression), in bytes. */
export const MAX_BATCH_BYTES = 500 * 1024;

/** Message types of the Segment spec that the collector accepts. */
export const MESSAGE_TYPES = ['track', 'page', 'screen', 'identify', 'group', 'alias'] as const;
