import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** How often each fault strikes a `POST`, from 0 to 1. What is left passes untouched. */
export interface FaultRates {
  serverError: number;
  rateLimited: number;
  delayed: number;
  resetAfterForward: number;
}

/** No faults at all: every request passes (a body over `maxBodyBytes` still gets 413). */
export const NO_FAULTS: FaultRates = {
  serverError: 0,
  rateLimited: 0,
  delayed: 0,
  resetAfterForward: 0,
};

export interface ChaosProxyOptions {
  /** The collector's base URL. */
  target: string;
  seed: number;
  rates: FaultRates;
  /**
   * Requests whose body is larger, once gunzipped, are answered 413 without being forwarded.
   * Measured inflated because gzip shrinks a batch of look-alike test events twentyfold.
   */
  maxBodyBytes?: number;
  /** Longest delay of a `delayed` request. */
  maxDelayMs?: number;
  /**
   * Deals each fault with a non-zero rate at least once among the first requests (in a seeded
   * order), so that a short run meets every kind whatever its seed. Default false.
   */
  everyFaultEarly?: boolean;
}

export interface ChaosProxy {
  url: string;
  /**
   * What the proxy did, by fault name (`serverError`, `rateLimited`, `delayed`,
   * `resetAfterForward`, `tooLarge`, `passed`), by status sent (`status:503`) and by kind of
   * `Retry-After` (`retryAfter:seconds`, `retryAfter:date`): to check that a scenario really
   * met its faults.
   */
  counts: Record<string, number>;
  /**
   * How many times each `messageId` was forwarded to the collector. Above 1, the collector
   * got it again (a retry after a reset) and had to ignore the repeat.
   */
  forwarded: Map<string, number>;
  /** `POST`s received and not answered yet. */
  inFlight(): number;
  /** Changes the fault rates from the next request on, e.g. to `NO_FAULTS` to let a queue drain. */
  setRates(rates: FaultRates): void;
  close(): Promise<void>;
}

/** mulberry32: a tiny seeded generator, so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function inflate(req: IncomingMessage, body: Buffer): Buffer {
  if (!/gzip/i.test(String(req.headers['content-encoding'] ?? ''))) return body;
  try {
    return gunzipSync(body);
  } catch {
    // Not gzip after all: the collector will answer 400, which is its job, not ours.
    return body;
  }
}

function messageIdsOf(json: Buffer): string[] {
  try {
    const { batch } = JSON.parse(json.toString('utf8')) as { batch?: { messageId?: unknown }[] };
    return (batch ?? []).map((message) => message.messageId).filter((id) => typeof id === 'string');
  } catch {
    return [];
  }
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host, 'content-length': body.length },
      },
      resolve,
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

async function pipeBack(upstream: IncomingMessage, res: ServerResponse) {
  const body = await readBody(upstream);
  res.writeHead(upstream.statusCode ?? 502, upstream.headers);
  res.end(body);
}

const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Retry-After' };

/**
 * A fault-injecting HTTP proxy in front of the collector: answers 5xx or 429 instead of
 * forwarding, delays, forwards and then resets the connection (the server stored the
 * batch, the client never hears so), and refuses big bodies with 413.
 */
export async function startChaosProxy(options: ChaosProxyOptions): Promise<ChaosProxy> {
  const { maxBodyBytes = Infinity, maxDelayMs = 1500 } = options;
  let rates = options.rates;
  const target = new URL(options.target);
  const random = seededRandom(options.seed);
  const counts: Record<string, number> = {};
  const count = (name: string) => (counts[name] = (counts[name] ?? 0) + 1);
  const forwarded = new Map<string, number>();
  let inFlight = 0;
  const faults = ['serverError', 'rateLimited', 'delayed', 'resetAfterForward'] as const;
  const owed = options.everyFaultEarly
    ? faults.filter((fault) => rates[fault] > 0).sort(() => random() - 0.5)
    : [];
  // A roll that lands inside `fault`'s band of [0, 1), as the rates stand.
  const forced = (fault: (typeof faults)[number]) => {
    let start = 0;
    for (const name of faults) {
      if (name === fault) return start + rates[fault] / 2;
      start += rates[name];
    }
    return start;
  };

  const answer = (res: ServerResponse, status: number, headers: Record<string, string> = {}) => {
    count(`status:${status}`);
    res.writeHead(status, { ...CORS, ...headers }).end();
  };

  const handlePost = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const json = inflate(req, body);
    const sent = () => {
      for (const id of messageIdsOf(json)) forwarded.set(id, (forwarded.get(id) ?? 0) + 1);
    };

    if (json.length > maxBodyBytes) {
      count('tooLarge');
      return answer(res, 413);
    }
    const roll = owed.length > 0 && random() < 0.5 ? forced(owed.shift()!) : random();
    let edge = rates.serverError;
    if (roll < edge) {
      count('serverError');
      return answer(res, [500, 502, 503][Math.floor(random() * 3)]!);
    }
    if (roll < (edge += rates.rateLimited)) {
      count('rateLimited');
      const inSeconds = random() < 0.5;
      count(inSeconds ? 'retryAfter:seconds' : 'retryAfter:date');
      const retryAfter = inSeconds ? '1' : new Date(Date.now() + 1000).toUTCString();
      return answer(res, 429, { 'Retry-After': retryAfter });
    }
    if (roll < (edge += rates.delayed)) {
      count('delayed');
      await new Promise((resolve) => setTimeout(resolve, random() * maxDelayMs));
    } else if (roll < edge + rates.resetAfterForward) {
      count('resetAfterForward');
      sent();
      const upstream = await forward(target, req, body);
      await readBody(upstream);
      return req.socket.destroy();
    }
    count('passed');
    sent();
    await pipeBack(await forward(target, req, body), res);
  };

  const server = createServer(async (req, res) => {
    const post = req.method === 'POST';
    if (post) inFlight += 1;
    try {
      const body = await readBody(req);
      if (!post) return await pipeBack(await forward(target, req, body), res);
      await handlePost(req, res, body);
    } catch {
      // The client went away or the collector is down: nothing to answer.
      res.destroy();
    } finally {
      if (post) inFlight -= 1;
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    forwarded,
    inFlight: () => inFlight,
    setRates(next) {
      rates = next;
      owed.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
