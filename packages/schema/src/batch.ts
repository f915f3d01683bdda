import { z } from 'zod';

/**
 * The envelope of `POST /v1/batch`. Messages stay `unknown` here: each one is validated on
 * its own so that a bad message never blocks the good ones beside it.
 */
export const batchEnvelopeSchema = z.object({
  batch: z.array(z.unknown()),
  sentAt: z.iso.datetime({ offset: true }).optional(),
  writeKey: z.string().optional(),
  /** Messages the client dropped before sending (queue cap, too large); reported, not stored. */
  dropped: z.number().int().nonnegative().optional(),
});

export type BatchEnvelope = z.infer<typeof batchEnvelopeSchema>;

/** Why one message of a batch was not stored. */
export interface RejectedMessage {
  index: number;
  messageId?: string;
  reason: string;
}

/** The collector's answer to a batch that it could read. */
export interface BatchResponse {
  success: boolean;
  accepted: number;
  duplicates: number;
  rejected: RejectedMessage[];
}

/** The collector's answer to a request it could not read: bad JSON, wrong key, too large. */
export interface ErrorResponse {
  success: false;
  error: string;
}
