/** A request body read within its limit, or the status and reason to answer with. */
export type BodyResult =
  { ok: true; text: string } | { ok: false; status: 400 | 413 | 415; error: string };

/**
 * Reads a request body as text, gunzipping it when `Content-Encoding: gzip` says so. Both
 * the bytes on the wire and the decompressed bytes are counted as they stream in, and
 * reading stops as soon as either passes `limit`: neither a lying `Content-Length` nor a
 * gzip bomb makes the collector buffer more than `limit` bytes.
 */
export async function readBody(request: Request, limit: number): Promise<BodyResult> {
  const tooLarge = { ok: false, status: 413, error: `body is over ${limit} bytes` } as const;

  const declared = Number(request.headers.get('content-length'));
  if (declared > limit) return tooLarge;

  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (!['identity', 'gzip', 'x-gzip'].includes(encoding)) {
    return { ok: false, status: 415, error: `content-encoding ${encoding} is not supported` };
  }
  if (!request.body) return { ok: true, text: '' };

  const wire = countBytes(limit);
  let stream = request.body.pipeThrough(wire.counter);
  if (encoding !== 'identity') {
    // DOM typings let DecompressionStream take any BufferSource; it gets bytes here.
    const gunzip = new DecompressionStream('gzip') as unknown as TransformStream<
      Uint8Array,
      Uint8Array
    >;
    stream = stream.pipeThrough(gunzip);
  }

  let bytes: Uint8Array | undefined;
  try {
    bytes = await readAll(stream, limit);
  } catch (error) {
    if (wire.exceeded()) return tooLarge;
    if (encoding !== 'identity') return { ok: false, status: 400, error: 'body is not valid gzip' };
    throw error;
  }
  if (!bytes) return tooLarge;

  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, status: 400, error: 'body is not UTF-8' };
  }
}

/** A pass-through stream that fails once more than `limit` bytes went through it. */
function countBytes(limit: number) {
  let total = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      total += chunk.byteLength;
      if (total > limit) controller.error(new RangeError('body too large'));
      else controller.enqueue(chunk);
    },
  });
  return { counter, exceeded: () => total > limit };
}

/** Concatenates a stream's chunks; `undefined` (and the stream cancelled) past `limit`. */
async function readAll(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
