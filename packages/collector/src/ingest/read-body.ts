import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

/** A request body read within its limit, or the status and reason to answer with. */
export type BodyResult =
  { ok: true; text: string } | { ok: false; status: 400 | 413 | 415; error: string };

/**
 * Reads a request body as text, gunzipping it when `Content-Encoding: gzip` says so. The
 * bytes on the wire are counted as they stream in and reading stops past `limit`, whatever
 * `Content-Length` claimed; inflating stops past `limit` too, so a gzip bomb costs at most
 * `limit` bytes of output.
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

  let bytes = await readAll(request.body, limit);
  if (!bytes) return tooLarge;

  if (encoding !== 'identity') {
    try {
      bytes = await gunzipAsync(bytes, { maxOutputLength: limit });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return tooLarge;
      return { ok: false, status: 400, error: 'body is not valid gzip' };
    }
  }

  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, status: 400, error: 'body is not UTF-8' };
  }
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
