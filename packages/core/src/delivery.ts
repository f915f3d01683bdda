import type { Emitter } from './emitter.js';
import type { Logger } from './logger.js';
import type { Clock, Transport, TransportResponse } from './platform.js';
import type { Queue } from './queue.js';
import type { StoredMessage } from './storage.js';

/** How one send ended: done (delivered or given up on), or worth another try later. */
export type Outcome = { ok: true } | { ok: false; status: number; retryAfter?: string | null };

/** Turns queued messages into requests and the answers into deletions, drops and retries. */
export interface Delivery {
  /** Sends messages as one batch, splitting it when the collector finds it too large. */
  send(messages: StoredMessage[], unloading: boolean): Promise<Outcome>;
}

interface DeliveryDeps {
  transport: Transport;
  url: string;
  writeKey: string;
  queue: Queue;
  clock: Clock;
  logger: Logger;
  emitter: Emitter;
}

interface Rejected {
  index?: number;
  messageId?: string;
  reason?: string;
}

/** Creates the delivery of one SDK instance. */
export function createDelivery(deps: DeliveryDeps): Delivery {
  const { logger, emitter, queue } = deps;

  const body = (messages: StoredMessage[], dropped: number) => {
    // Messages were serialised once, when written; each attempt only wraps them.
    const extra = dropped > 0 ? `,"dropped":${dropped}` : '';
    const sentAt = new Date(deps.clock.now()).toISOString();
    const batch = messages.map((message) => message.json).join(',');
    const writeKey = JSON.stringify(deps.writeKey);
    return `{"batch":[${batch}],"sentAt":"${sentAt}","writeKey":${writeKey}${extra}}`;
  };

  const acknowledge = async (
    messages: StoredMessage[],
    response: TransportResponse,
    dropped: number,
  ) => {
    if (dropped > 0) await queue.reportedDropped(dropped);
    const rejected = rejectedOf(response.body);
    const rejectedIds = new Set(
      rejected.map((item) => item.messageId ?? messages[item.index ?? -1]?.id),
    );
    await queue.remove(messages);

    const delivered = messages.filter((message) => !rejectedIds.has(message.id));
    logger.debug(
      `sent ${messages.length} message(s): ${response.status}, ${rejected.length} rejected`,
    );
    if (delivered.length > 0) emitter.emit('delivered', { messageIds: delivered.map((m) => m.id) });
    if (rejected.length === 0) return;

    const detail = rejected.map((item) => `${item.messageId}: ${item.reason}`).join('; ');
    logger.warn(`the collector rejected ${rejected.length} message(s) as invalid: ${detail}`);
    emitter.emit('dropped', {
      reason: 'rejected',
      count: rejected.length,
      messageIds: [...rejectedIds].filter((id): id is string => Boolean(id)),
      detail,
    });
  };

  const dropOne = async (message: StoredMessage, status: number) => {
    const detail = `message ${message.id} (${message.bytes} bytes) refused with ${status}; dropped`;
    logger.warn(detail);
    await queue.remove([message]);
    emitter.emit('dropped', { reason: 'invalid', count: 1, messageIds: [message.id], detail });
  };

  const send = async (messages: StoredMessage[], unloading: boolean): Promise<Outcome> => {
    // An unload send may never be answered: drops are reported by normal sends only, so
    // that the collector counts each once.
    const dropped = unloading ? 0 : await queue.dropped();
    const response = await deps.transport.send({
      url: deps.url,
      body: body(messages, dropped),
      unloading,
    });
    const { status } = response;
    if (status >= 200 && status < 300) {
      await acknowledge(messages, response, dropped);
      return { ok: true };
    }

    // 413: too large; 400: unreadable. Halving finds the culprit in log2(n) requests, and
    // a single message refused that way can never succeed.
    if ((status === 413 || status === 400) && !unloading) {
      if (messages.length === 1) {
        await dropOne(messages[0]!, status);
        return { ok: true };
      }
      logger.debug(`${status} for ${messages.length} messages; splitting the batch`);
      const half = Math.ceil(messages.length / 2);
      const first = await send(messages.slice(0, half), false);
      return first.ok ? send(messages.slice(half), false) : first;
    }

    const reason = status === 0 ? 'network error' : `status ${status}`;
    emitter.emit('error', {
      message: `sending ${messages.length} message(s) failed: ${reason}`,
      status,
    });
    return { ok: false, status, retryAfter: response.retryAfter };
  };

  return { send };
}

function rejectedOf(body: unknown): Rejected[] {
  const rejected = (body as { rejected?: unknown } | undefined)?.rejected;
  return Array.isArray(rejected) ? (rejected as Rejected[]) : [];
}
