import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBody } from '../../src/ingest/read-body.js';

const LIMIT = 1024;

/** An endless body that counts how many bytes were pulled from it. */
function endlessBody(chunkBytes: number) {
  const pulled = { bytes: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled.bytes += chunkBytes;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
  });
  return { body, pulled };
}

function post(body: BodyInit | ReadableStream, headers: Record<string, string> = {}) {
  return new Request('http://collector.test/v1/batch', {
    method: 'POST',
    body,
    headers,
    duplex: 'half',
  } as RequestInit);
}

describe('readBody', () => {
  it('reads a body within the limit as text', async () => {
    expect(await readBody(post('{"batch":[]}'), LIMIT)).toEqual({ ok: true, text: '{"batch":[]}' });
  });

  it('stops reading an endless body soon after the limit', async () => {
    const { body, pulled } = endlessBody(100);

    const result = await readBody(post(body), LIMIT);

    expect(result).toMatchObject({ ok: false, status: 413 });
    // The stream queues a chunk or two ahead of the reader; never more.
    expect(pulled.bytes).toBeLessThan(LIMIT + 500);
  });

  it('answers 413 to a gzip bomb, inflating no more than the limit', async () => {
    // 100 MB of spaces shrink to about 100 KB: within the wire limit, far over once inflated.
    const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024, 0x20));
    const before = process.memoryUsage().arrayBuffers;

    const result = await readBody(post(bomb, { 'Content-Encoding': 'gzip' }), 200 * 1024);

    expect(result).toMatchObject({ ok: false, status: 413 });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(10 * 1024 * 1024);
  });

  it('inflates a gzip body within the limit', async () => {
    const body = gzipSync('{"batch":[]}');
    const result = await readBody(post(body, { 'Content-Encoding': 'gzip' }), LIMIT);
    expect(result).toEqual({ ok: true, text: '{"batch":[]}' });
  });

  it('answers 400 to bytes that are not UTF-8', async () => {
    const result = await readBody(post(new Uint8Array([0x7b, 0xff, 0x7d])), LIMIT);
    expect(result).toMatchObject({ ok: false, status: 400, error: 'body is not UTF-8' });
  });

  it('reads an empty body as empty text', async () => {
    expect(
      await readBody(new Request('http://collector.test/', { method: 'POST' }), LIMIT),
    ).toEqual({ ok: true, text: '' });
  });
});
