// The built `revisit-collector` CLI, run the way users run it: a child process on a real port.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { COLLECTOR_CLI, startCollector } from '../helpers/collector.js';
import type { TestCollector } from '../helpers/collector.js';

const run = promisify(execFile);

function message(messageId: string, timestamp = '2025-03-01T11:59:00.000Z') {
  return { type: 'track', event: 'Task Added', messageId, anonymousId: 'anon-1', timestamp };
}

function send(collector: TestCollector, body: unknown) {
  return fetch(`${collector.url}/v1/batch`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify({ writeKey: collector.writeKey, ...(body as object) }),
  });
}

describe('revisit-collector serve (built CLI)', () => {
  let collector: TestCollector | undefined;

  afterEach(async () => {
    await collector?.stop();
  });

  it('prints its URL, stores a batch and exports it as JSON lines', async () => {
    collector = await startCollector({ writeKey: 'wk-cli' });
    expect(collector.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const sentAt = new Date(Date.now() - 3_600_000).toISOString(); // clock an hour behind
    const timestamp = new Date(Date.now() - 3_660_000).toISOString();
    const response = await send(collector, {
      batch: [message('a', timestamp)],
      sentAt,
      dropped: 2,
    });
    expect(await response.json()).toMatchObject({ success: true, accepted: 1 });

    const [stored] = await collector.storedMessages();
    expect(stored).toMatchObject({
      messageId: 'a',
      writeKey: 'wk-cli',
      originalTimestamp: timestamp,
    });
    const age = Date.parse(stored!.receivedAt) - Date.parse(stored!.timestamp);
    expect(age).toBeGreaterThanOrEqual(59_000);
    expect(age).toBeLessThan(62_000);
    expect(await collector.dropReports()).toEqual([{ writeKey: 'wk-cli', dropped: 2, reports: 1 }]);
  });

  it('keeps dedupe across a restart on the same port and database', async () => {
    collector = await startCollector();
    await send(collector, { batch: [message('x'), message('y')] });
    const { port } = collector;

    await collector.restart();
    const again = await (await send(collector, { batch: [message('y'), message('z')] })).json();

    expect(collector.port).toBe(port);
    expect(again).toMatchObject({ accepted: 1, duplicates: 1 });
    expect((await collector.storedMessages()).map((m) => m.messageId)).toEqual(['x', 'y', 'z']);
  });

  it('closes the database cleanly on SIGTERM', async () => {
    collector = await startCollector();
    await send(collector, { batch: [message('a')] });

    await collector.stop();

    // A clean close checkpoints the write-ahead log into the file and removes it.
    expect(existsSync(`${collector.dbPath}-wal`)).toBe(false);
    expect(await collector.storedMessages()).toHaveLength(1);
  });

  it('refuses to start on a bad flag, naming it', async () => {
    const failure = await run(process.execPath, [COLLECTOR_CLI, 'serve', '--port', 'abc']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('--port') });
  });
});
