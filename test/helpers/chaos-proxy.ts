import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How often each fault strikes a `POST`, from 0 to 1. What is left passes untouched. */
export interface FaultRates {
  serverError: number;
  rateLimited: number;
  delayed: number;
  resetAfterForward: number;
}

export interface ChaosProxyOptions {
  /** The collector's base URL. */
  target: string;
  seed: number;
  rates: FaultRates;
  /** Requests with a larger body are answered 413 without being forwarded. */
  maxBodyBytes?: number;
  /** Longest delay of a `delayed` request. */
  maxDelayMs?: number;
}

export interface ChaosProxy {
  url: string;
  /** What the proxy did, by fault name: to check that a scenario really met its faults. */
  counts: Record<string, number>;
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
  const { rates, maxBodyBytes = Infinity, maxDelayMs = 1500 } = options;
  const target = new URL(options.target);
  const random = seededRandom(options.seed);
  const counts: Record<string, number> = {};
  const count = (name: string) => (counts[name] = (counts[name] ?? 0) + 1);

  const server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      if (req.method !== 'POST') return await pipeBack(await forward(target, req, body), res);

      if (body.length > maxBodyBytes) {
        count('tooLarge');
        return res.writeHead(413, CORS).end();
      }
      const roll = random();
      let edge = rates.serverError;
      if (roll < edge) {
        count('serverError');
        return res.writeHead([500, 502, 503][Math.floor(random() * 3)]!, CORS).end();
      }
      if (roll < (edge += rates.rateLimited)) {
        count('rateLimited');
        const retryAfter = random() < 0.5 ? '1' : new Date(Date.now() + 1000).toUTCString();
        return res.writeHead(429, { ...CORS, 'Retry-After': retryAfter }).end();
      }
      if (roll < (edge += rates.delayed)) {
        count('delayed');
        await new Promise((resolve) => setTimeout(resolve, random() * maxDelayMs));
      } else if (roll < edge + rates.resetAfterForward) {
        count('resetAfterForward');
        const upstream = await forward(target, req, body);
        await readBody(upstream);
        return req.socket.destroy();
      }
      count('passed');
      await pipeBack(await forward(target, req, body), res);
    } catch {
      // The client went away or the collector is down: nothing to answer.
      res.destroy();
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
