import { MAX_MESSAGE_BYTES, describeIssues, formatIssues, messageSchema } from '@revisit/schema';
import type { BatchEnvelope, RejectedMessage } from '@revisit/schema';
import type { IncomingMessage } from '../storage/event-store.js';
import { correctTimestamp } from './clock.js';

/** The messages of a batch split into those to store and those rejected, with reasons. */
export interface PreparedBatch {
  messages: IncomingMessage[];
  rejected: RejectedMessage[];
}

/**
 * Checks each message on its own (size, then schema) and corrects the times of the good
 * ones. A bad message is reported by index, never failing the messages beside it.
 */
export function prepareBatch(envelope: BatchEnvelope, receivedAt: number): PreparedBatch {
  const prepared: PreparedBatch = { messages: [], rejected: [] };

  envelope.batch.forEach((raw, index) => {
    const result = prepareMessage(raw, envelope.sentAt, receivedAt);
    if ('reason' in result) {
      prepared.rejected.push({ index, messageId: messageIdOf(raw), reason: result.reason });
    } else {
      prepared.messages.push(result);
    }
  });
  return prepared;
}

function prepareMessage(
  raw: unknown,
  envelopeSentAt: string | undefined,
  receivedAt: number,
): IncomingMessage | { reason: string } {
  if (!isObject(raw)) return { reason: 'message must be a JSON object' };

  const bytes = Buffer.byteLength(JSON.stringify(raw));
  if (bytes > MAX_MESSAGE_BYTES) {
    return { reason: `message is ${bytes} bytes, over the ${MAX_MESSAGE_BYTES}-byte limit` };
  }

  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) return { reason: formatIssues(describeIssues(parsed.error)) };

  const message = parsed.data;
  // A message's own sentAt wins: it may have been sent by another attempt than its batch.
  const sentAt = message.sentAt ?? envelopeSentAt;
  const timestamp = correctTimestamp(message.timestamp, sentAt, receivedAt);
  return sentAt === undefined ? { raw, message, timestamp } : { raw, message, timestamp, sentAt };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messageIdOf(raw: unknown): string | undefined {
  return isObject(raw) && typeof raw['messageId'] === 'string' ? raw['messageId'] : undefined;
}
