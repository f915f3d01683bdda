import { Hono } from 'hono';
import type { Context } from 'hono';
import {
  MAX_BATCH_BYTES,
  batchEnvelopeSchema,
  describeIssues,
  formatIssues,
} from '@revisit/schema';
import type { BatchEnvelope, BatchResponse, ErrorResponse } from '@revisit/schema';
import type { AppEnv } from '../app-env.js';
import { prepareBatch } from '../ingest/prepare-batch.js';
import { readBody } from '../ingest/read-body.js';
import { writeKeyFromRequest } from '../ingest/write-key.js';
import type { EventStore } from '../storage/event-store.js';

/** Options of {@link batchRoutes}. */
export interface BatchRouteOptions {
  store: EventStore;
  writeKeys: ReadonlySet<string>;
  now: () => number;
}

type Outcome =
  | { ok: true; response: BatchResponse }
  | { ok: false; status: 400 | 401 | 413 | 415; error: string };

/**
 * `POST /v1/batch`, plus Segment's single-message endpoints (`/v1/track`, `/v1/page`, ...)
 * for clients that send one message per request.
 */
export function batchRoutes(options: BatchRouteOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/v1/batch', async (c) => {
    const outcome = await ingest(c, options, (body) => body);
    return outcome.ok ? c.json(outcome.response) : fail(c, outcome.status, outcome.error);
  });

  app.post('/v1/:type{track|page|screen|identify|group|alias}', async (c) => {
    const type = c.req.param('type');
    const outcome = await ingest(c, options, (body) => singleEnvelope(body, type));
    if (!outcome.ok) return fail(c, outcome.status, outcome.error);

    const [rejected] = outcome.response.rejected;
    return rejected ? fail(c, 400, rejected.reason) : c.json({ success: true });
  });

  return app;
}

async function ingest(
  c: Context<AppEnv>,
  options: BatchRouteOptions,
  toEnvelope: (body: unknown) => unknown,
): Promise<Outcome> {
  const receivedAt = options.now();
  // A wrong key in a header is refused before the body is read at all.
  const headerKey = writeKeyFromRequest(c.req.raw);
  if (headerKey !== undefined && !options.writeKeys.has(headerKey)) return unauthorized();

  const body = await readBody(c.req.raw, MAX_BATCH_BYTES);
  if (!body.ok) return body;

  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch (error) {
    return { ok: false, status: 400, error: `malformed JSON: ${(error as Error).message}` };
  }

  const envelope = batchEnvelopeSchema.safeParse(toEnvelope(json));
  if (!envelope.success) {
    return { ok: false, status: 400, error: formatIssues(describeIssues(envelope.error)) };
  }

  const writeKey = headerKey ?? envelope.data.writeKey;
  if (writeKey === undefined || !options.writeKeys.has(writeKey)) return unauthorized();

  return { ok: true, response: await storeBatch(c, options, envelope.data, writeKey, receivedAt) };
}

async function storeBatch(
  c: Context<AppEnv>,
  options: BatchRouteOptions,
  envelope: BatchEnvelope,
  writeKey: string,
  receivedAt: number,
): Promise<BatchResponse> {
  const { messages, rejected } = prepareBatch(envelope, receivedAt);
  const { accepted, duplicates } = await options.store.insertBatch({
    writeKey,
    receivedAt: new Date(receivedAt).toISOString(),
    messages,
    // A retried batch starts with the same message, so its drops are counted once.
    dropped: envelope.dropped
      ? { count: envelope.dropped, batchKey: firstMessageId(envelope) }
      : undefined,
  });

  c.set('counts', { accepted, duplicates, rejected: rejected.length });
  return { success: true, accepted, duplicates, rejected };
}

function singleEnvelope(body: unknown, type: string): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { batch: [body] };

  const { writeKey, ...message } = body as Record<string, unknown>;
  return { batch: [{ ...message, type }], writeKey };
}

function firstMessageId(envelope: BatchEnvelope): string | null {
  const [first] = envelope.batch as { messageId?: unknown }[];
  return typeof first?.messageId === 'string' ? first.messageId : null;
}

function unauthorized(): Outcome {
  // No WWW-Authenticate header: it would make a browser pop up a login dialog.
  return { ok: false, status: 401, error: 'write key is missing or not valid' };
}

function fail(c: Context<AppEnv>, status: 400 | 401 | 413 | 415, error: string) {
  const body: ErrorResponse = { success: false, error };
  return c.json(body, status);
}
