import { vi } from 'vitest';
// Installs every IndexedDB global (IDBRequest, IDBDatabase...) that idb relies on.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';

/** A request as `fetch` received it, body decoded (and gunzipped) to text. */
export interface FetchCall {
  url: string;
  init: RequestInit;
  text: string;
}

/**
 * Replaces `fetch` with a recorder that answers 200 (or what `answer` returns). Returns the
 * calls and a setter for the answer.
 */
export function mockFetch() {
  const calls: FetchCall[] = [];
  let answer = (_call: FetchCall): Response | Promise<Response> =>
    Response.json({ success: true, accepted: 1, duplicates: 0, rejected: [] });

  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const call = { url, init, text: await bodyText(init) };
    calls.push(call);
    return answer(call);
  });

  return {
    calls,
    answerWith(next: typeof answer) {
      answer = next;
    },
    batches: () =>
      calls.map((call) => JSON.parse(call.text) as { batch: Array<Record<string, any>> }),
  };
}

async function bodyText(init: RequestInit): Promise<string> {
  const headers = (init.headers ?? {}) as Record<string, string>;
  const body = new Response(init.body as BodyInit);
  if (headers['Content-Encoding'] !== 'gzip') return body.text();
  const stream = body.body!.pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

/** A fresh, empty IndexedDB for each test. */
export function freshIndexedDB() {
  vi.stubGlobal('indexedDB', new IDBFactory());
}
