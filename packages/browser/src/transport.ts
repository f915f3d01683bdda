import type { Transport, TransportRequest, TransportResponse } from '@revisit/core';

// A request that hangs must not hold the flush lock forever.
const TIMEOUT_MS = 30_000;
// Below this size gzip saves little and costs a stream setup.
const GZIP_MIN_BYTES = 1024;

/**
 * Sends batches with `fetch`. The body is `text/plain` with the write key inside, so an
 * unload send is a simple request (no CORS preflight) that fits `keepalive` and beacons.
 * Normal sends are gzipped where `CompressionStream` exists; its `Content-Encoding` header
 * costs a preflight, which is fine when the page is not going away.
 */
export function createFetchTransport(): Transport {
  return {
    send(request) {
      return request.unloading ? sendUnloading(request) : sendNormal(request);
    },
  };
}

async function sendNormal({ url, body }: TransportRequest): Promise<TransportResponse> {
  try {
    const headers: Record<string, string> = { 'Content-Type': 'text/plain' };
    let payload: BodyInit = body;
    if (typeof CompressionStream === 'function' && body.length >= GZIP_MIN_BYTES) {
      payload = await gzip(body);
      headers['Content-Encoding'] = 'gzip';
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: payload,
      credentials: 'omit',
      signal: controller.signal,
    }).finally(() => clearTimeout(timer));
    return await read(response);
  } catch {
    // Offline, DNS, CORS, reset, timeout: all mean "no answer", and the batch stays queued.
    return { status: 0 };
  }
}

function sendUnloading({ url, body }: TransportRequest): Promise<TransportResponse> {
  const beacon = () => {
    // A beacon has no answer; its messages stay queued and the collector ignores the repeat.
    if (typeof navigator.sendBeacon === 'function') {
      navigator.sendBeacon(url, new Blob([body], { type: 'text/plain' }));
    }
    return { status: 0 };
  };
  if (typeof fetch !== 'function') return Promise.resolve(beacon());

  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body,
    credentials: 'omit',
    keepalive: true,
  }).then(read, beacon);
}

async function read(response: Response): Promise<TransportResponse> {
  const body: unknown = await response.json().catch(() => undefined);
  return { status: response.status, retryAfter: response.headers.get('Retry-After'), body };
}

async function gzip(text: string): Promise<ArrayBuffer> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}
