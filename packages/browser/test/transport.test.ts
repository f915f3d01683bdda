// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFetchTransport } from '../src/transport.js';
import { mockFetch } from './helpers/fetch.js';

const URL = 'https://collect.example.com/v1/batch';

describe('createFetchTransport', () => {
  let fetch: ReturnType<typeof mockFetch>;
  beforeEach(() => {
    fetch = mockFetch();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('posts text/plain so that an unload send needs no preflight', async () => {
    const response = await createFetchTransport().send({
      url: URL,
      body: '{"a":1}',
      unloading: true,
    });
    const [call] = fetch.calls;
    expect(call!.init).toMatchObject({
      method: 'POST',
      keepalive: true,
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(call!.text).toBe('{"a":1}');
    expect(response).toMatchObject({ status: 200, body: { success: true } });
  });

  it('gzips a large normal send where CompressionStream exists', async () => {
    const body = JSON.stringify({ batch: ['x'.repeat(5000)] });
    await createFetchTransport().send({ url: URL, body, unloading: false });
    const [call] = fetch.calls;
    expect(call!.init.headers).toMatchObject({ 'Content-Encoding': 'gzip' });
    expect(call!.init.keepalive).toBeUndefined();
    expect(call!.text).toBe(body);
  });

  it('sends small or unloading bodies uncompressed', async () => {
    const transport = createFetchTransport();
    await transport.send({ url: URL, body: '{}', unloading: false });
    await transport.send({ url: URL, body: 'x'.repeat(5000), unloading: true });
    for (const call of fetch.calls)
      expect(call.init.headers).not.toHaveProperty('Content-Encoding');
  });

  it('reads the status and Retry-After, and turns network errors into status 0', async () => {
    fetch.answerWith(
      () => new Response('slow down', { status: 429, headers: { 'Retry-After': '12' } }),
    );
    const transport = createFetchTransport();
    expect(await transport.send({ url: URL, body: '{}', unloading: false })).toEqual({
      status: 429,
      retryAfter: '12',
      body: undefined,
    });
    fetch.answerWith(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await transport.send({ url: URL, body: '{}', unloading: false })).toEqual({ status: 0 });
  });

  it('falls back to sendBeacon when a keepalive fetch is refused', async () => {
    fetch.answerWith(() => Promise.reject(new TypeError('keepalive budget exceeded')));
    const beacon = vi.fn(() => true);
    vi.stubGlobal('navigator', { ...navigator, sendBeacon: beacon });
    const response = await createFetchTransport().send({ url: URL, body: '{}', unloading: true });
    expect(response.status).toBe(0);
    expect(beacon).toHaveBeenCalledWith(URL, expect.any(Blob));
  });
});
