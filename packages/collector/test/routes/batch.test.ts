import { MAX_BATCH_BYTES, MAX_MESSAGE_BYTES } from '@revisit/schema';
import { describe, expect, it } from 'vitest';
import {
  NOW,
  WRITE_KEY,
  basicAuth,
  gzipJson,
  postBatch,
  readAll,
  testApp,
  trackMessage,
} from '../helpers/fixtures.js';

describe('POST /v1/batch', () => {
  it('stores valid messages and answers with the counts', async () => {
    const { app, store } = testApp();
    const batch = [trackMessage(), trackMessage({ type: 'page', name: 'Inbox', event: undefined })];

    const response = await postBatch(app, { batch, sentAt: '2025-03-01T11:59:00.000Z' });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      success: true,
      accepted: 2,
      duplicates: 0,
      rejected: [],
    });
    expect((await readAll(store)).map((m) => m.messageId)).toEqual(batch.map((m) => m.messageId));
  });

  it('stores the good messages when one among them is bad, naming the bad field', async () => {
    const { app, store } = testApp();
    const bad = trackMessage({ event: 42 });
    const batch = [trackMessage(), bad, trackMessage(), 'not a message'];

    const body = await (await postBatch(app, { batch })).json();

    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([
      { index: 1, messageId: bad['messageId'], reason: expect.stringMatching(/^event: /) },
      { index: 3, reason: 'message must be a JSON object' },
    ]);
    expect(await readAll(store)).toHaveLength(2);
  });

  it('rejects a message over 32 KB alone', async () => {
    const { app, store } = testApp();
    const big = trackMessage({ properties: { text: 'x'.repeat(MAX_MESSAGE_BYTES) } });

    const body = await (await postBatch(app, { batch: [trackMessage(), big] })).json();

    expect(body.accepted).toBe(1);
    expect(body.rejected[0]).toMatchObject({
      index: 1,
      reason: expect.stringMatching(/over the 32768-byte limit/),
    });
    expect(await readAll(store)).toHaveLength(1);
  });

  it('ignores a messageId already stored, within a batch and across batches', async () => {
    const { app, store } = testApp();
    const message = trackMessage();

    const first = await (await postBatch(app, { batch: [message, message] })).json();
    const second = await (await postBatch(app, { batch: [message, trackMessage()] })).json();

    expect(first).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(second).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(await readAll(store)).toHaveLength(2);
  });

  it('keeps the same messageId apart for two write keys', async () => {
    const { app, store } = testApp();
    const message = trackMessage();

    await postBatch(app, { batch: [message] });
    const other = await (
      await postBatch(app, { batch: [message], writeKey: 'wk-other' }, {})
    ).json();

    expect(other).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await readAll(store)).map((m) => m.writeKey)).toEqual([WRITE_KEY, 'wk-other']);
  });

  it('corrects the timestamp with the envelope sentAt, a message sentAt winning', async () => {
    const { app, store } = testApp();
    // The client clock runs 2 hours behind: it sent at 10:00 what arrived at 12:00.
    const batch = [
      trackMessage({ messageId: 'envelope', timestamp: '2025-03-01T09:59:00.000Z' }),
      trackMessage({
        messageId: 'own',
        timestamp: '2025-03-01T09:59:00.000Z',
        sentAt: '2025-03-01T11:00:00.000Z',
      }),
    ];

    await postBatch(app, { batch, sentAt: '2025-03-01T10:00:00.000Z' });

    const stored = await readAll(store);
    expect(stored[0]).toMatchObject({
      timestamp: '2025-03-01T11:59:00.000Z',
      originalTimestamp: '2025-03-01T09:59:00.000Z',
      receivedAt: new Date(NOW).toISOString(),
    });
    expect(stored[1]?.timestamp).toBe('2025-03-01T10:59:00.000Z');
  });

  it('counts a drop report once when the same batch is retried', async () => {
    const { app, store } = testApp();
    const batch = [trackMessage()];

    await postBatch(app, { batch, dropped: 7 });
    await postBatch(app, { batch, dropped: 7 });
    await postBatch(app, { batch: [trackMessage()], dropped: 2 });

    expect(await store.dropSummary()).toEqual([{ writeKey: WRITE_KEY, dropped: 9, reports: 2 }]);
  });

  it('answers an empty batch with zero counts', async () => {
    const { app } = testApp();
    const body = await (await postBatch(app, { batch: [] })).json();
    expect(body).toEqual({ success: true, accepted: 0, duplicates: 0, rejected: [] });
  });
});

describe('POST /v1/batch write key', () => {
  const batch = () => ({ batch: [trackMessage()] });

  it.each([
    ['Basic auth user name', { Authorization: basicAuth(WRITE_KEY) }, ''],
    ['Basic auth with a password', { Authorization: basicAuth(WRITE_KEY, 'ignored') }, ''],
    ['X-Write-Key header', { 'X-Write-Key': WRITE_KEY }, ''],
    ['query string', {}, `?writeKey=${WRITE_KEY}`],
  ])('accepts the key from the %s', async (_, headers, query) => {
    const { app } = testApp();
    const response = await postBatch(app, batch(), headers, `/v1/batch${query}`);
    expect(response.status).toBe(200);
  });

  it('accepts the key from the body, sent as text/plain like sendBeacon does', async () => {
    const { app } = testApp();
    const body = JSON.stringify({ ...batch(), writeKey: WRITE_KEY });
    const response = await postBatch(app, body, { 'Content-Type': 'text/plain;charset=UTF-8' });
    expect(response.status).toBe(200);
  });

  it.each([
    ['no key', {}, {}],
    ['a wrong header key', { 'X-Write-Key': 'nope' }, {}],
    [
      'a wrong header key beside a right body key',
      { 'X-Write-Key': 'nope' },
      { writeKey: WRITE_KEY },
    ],
    ['a wrong body key', {}, { writeKey: 'nope' }],
  ])('answers 401 to %s and stores nothing', async (_, headers, extra) => {
    const { app, store } = testApp();
    const response = await postBatch(app, { ...batch(), ...extra }, headers);

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ success: false, error: expect.any(String) });
    expect(response.headers.get('www-authenticate')).toBeNull();
    expect(await readAll(store)).toHaveLength(0);
  });
});

describe('POST /v1/batch body', () => {
  it('accepts a gzip body', async () => {
    const { app, store } = testApp();
    const headers = { Authorization: basicAuth(WRITE_KEY), 'Content-Encoding': 'gzip' };

    const response = await postBatch(app, gzipJson({ batch: [trackMessage()] }), headers);

    expect(response.status).toBe(200);
    expect(await readAll(store)).toHaveLength(1);
  });

  it('answers 413 to a gzip bomb without inflating it all', async () => {
    const { app } = testApp();
    const bomb = gzipJson({ batch: [], padding: ' '.repeat(5 * 1024 * 1024) });
    const headers = { Authorization: basicAuth(WRITE_KEY), 'Content-Encoding': 'gzip' };

    const response = await postBatch(app, bomb, headers);

    expect(bomb.byteLength).toBeLessThan(MAX_BATCH_BYTES);
    expect(response.status).toBe(413);
  });

  it('answers 400 to a body that is not gzip though it says so', async () => {
    const { app } = testApp();
    const headers = { Authorization: basicAuth(WRITE_KEY), 'Content-Encoding': 'gzip' };
    const response = await postBatch(app, '{"batch":[]}', headers);
    expect(response.status).toBe(400);
  });

  it('answers 415 to an encoding it cannot read', async () => {
    const { app } = testApp();
    const headers = { Authorization: basicAuth(WRITE_KEY), 'Content-Encoding': 'br' };
    const response = await postBatch(app, '{"batch":[]}', headers);
    expect(response.status).toBe(415);
  });

  it('answers 413 to a body over 500 KB', async () => {
    const { app } = testApp();
    const padding = 'x'.repeat(MAX_BATCH_BYTES);
    const response = await postBatch(app, { batch: [], padding });
    expect(response.status).toBe(413);
  });

  it('answers 413 from Content-Length alone', async () => {
    const { app } = testApp();
    const headers = {
      Authorization: basicAuth(WRITE_KEY),
      'Content-Length': String(MAX_BATCH_BYTES + 1),
    };
    const response = await postBatch(app, '{"batch":[]}', headers);
    expect(response.status).toBe(413);
  });

  it('answers 400 with a reason to malformed JSON', async () => {
    const { app } = testApp();
    const response = await postBatch(app, '{"batch": [');
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/^malformed JSON/);
  });

  it('answers 400 naming the field when the envelope is wrong', async () => {
    const { app } = testApp();
    const response = await postBatch(app, { batch: 'nope' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/^batch: /);
  });
});

describe('POST /v1/track and friends', () => {
  it('stores one message with the type from the path', async () => {
    const { app, store } = testApp();
    const { type: _, ...message } = trackMessage();

    const response = await postBatch(app, { ...message, writeKey: WRITE_KEY }, {}, '/v1/track');

    expect(response.status).toBe(200);
    expect(await readAll(store)).toMatchObject([
      { type: 'track', messageId: message['messageId'] },
    ]);
  });

  it('answers 400 with the reason when the message is bad', async () => {
    const { app } = testApp();
    const response = await postBatch(app, { anonymousId: 'a' }, undefined, '/v1/identify');
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/messageId/);
  });
});
