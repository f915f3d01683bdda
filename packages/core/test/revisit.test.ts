import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRevisit } from '@revisit/core';
import { accepted, createLogSink, createTestPlatform } from './helpers/platform.js';

function setup(overrides: Record<string, unknown> = {}) {
  const fake = createTestPlatform();
  const log = createLogSink();
  const revisit = createRevisit(() => fake.platform);
  const init = () => revisit.init({ writeKey: 'wk', logger: log.sink, ...overrides });
  return { fake, log, revisit, init };
}

describe('createRevisit', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps calls made before init and runs them in order', async () => {
    const { fake, revisit, init } = setup();
    revisit.track('First');
    revisit.identify('user-1', { plan: 'free' });
    revisit.track('Second');
    init();
    await revisit.flush();

    const sent = fake.sent();
    expect(sent.map((message) => message.type)).toEqual(['track', 'identify', 'track']);
    expect(sent[0]).toMatchObject({ event: 'First', anonymousId: expect.any(String) });
    expect(sent[0]!.userId).toBeUndefined();
    expect(sent[2]).toMatchObject({ event: 'Second', userId: 'user-1' });
  });

  it('builds Segment messages with context, library and session', async () => {
    const { fake, revisit, init } = setup();
    init();
    revisit.page('Home', { tab: 1 });
    await revisit.flush();

    const [message] = fake.sent();
    expect(message).toMatchObject({
      type: 'page',
      name: 'Home',
      properties: { tab: 1 },
      messageId: expect.any(String),
      context: {
        library: { name: 'revisit', version: expect.any(String) },
        page: { path: '/test' },
        sessionId: expect.any(String),
      },
    });
    expect(new Date(message!.timestamp).toISOString()).toBe(message!.timestamp);
    expect(fake.requests[0]!.envelope).toMatchObject({
      writeKey: 'wk',
      sentAt: expect.any(String),
    });
  });

  it('warns and drops a track call without a string name, and never throws', async () => {
    const { fake, log, revisit, init } = setup();
    init();
    expect(() => {
      revisit.track(undefined as never);
      revisit.track(42 as never);
      revisit.track('');
      revisit.identify({} as never);
      revisit.page(Symbol('x') as never);
      revisit.track('Ok', 'not an object' as never);
    }).not.toThrow();
    await revisit.flush();

    expect(fake.sent().map((message) => message.event)).toEqual(['Ok']);
    expect(log.warnings()).toContainEqual(expect.stringMatching(/track\(\): the event name/));
    expect(log.warnings()).toContainEqual(expect.stringMatching(/properties must be an object/));
  });

  it('cleans bad properties and names the event and path', async () => {
    const { fake, log, revisit, init } = setup();
    init();
    const cart: Record<string, unknown> = { items: [1, 2, 3, () => 0] };
    cart.self = cart;
    revisit.track('Checkout', { cart, big: 10n, gone: undefined });
    await revisit.flush();

    expect(fake.sent()[0]!.properties).toEqual({
      cart: { items: [1, 2, 3, null], self: '[Circular]' },
      big: '10',
    });
    expect(log.warnings()).toContain(
      '[revisit] track("Checkout"): properties.cart.items[3] is a function; dropped',
    );
  });

  it('stops tracking and clears the queue on optOut, remembered by the next instance', async () => {
    const { fake, revisit, init } = setup({ flushAt: 1000 });
    init();
    revisit.track('Before');
    revisit.optOut();
    revisit.track('During');
    await revisit.flush();
    expect(fake.sent()).toEqual([]);
    expect((await fake.storage.stats()).count).toBe(0);

    const next = createRevisit(() => fake.platform);
    next.init({ writeKey: 'wk' });
    next.track('Still out');
    next.optIn();
    next.track('Back');
    await next.flush();
    expect(fake.sent().map((message) => message.event)).toEqual(['Back']);
  });

  it('honours an opt-out made in another tab before sending anything more', async () => {
    const { fake, revisit, init } = setup({ flushAt: 1000 });
    init();
    revisit.track('Queued before');
    await revisit.flush();
    fake.respondWith(() => ({ status: 0 }));
    revisit.track('Waiting');

    const otherTab = createRevisit(() => fake.platform);
    otherTab.init({ writeKey: 'wk' });
    otherTab.optOut();
    await otherTab.flush();

    fake.respondWith(accepted);
    await revisit.flush();
    revisit.track('After');
    await revisit.flush();
    expect(fake.sent().map((message) => message.event)).not.toContain('After');
    expect(fake.sent().filter((message) => message.event === 'Waiting')).toHaveLength(0);
  });

  it('reports delivered messages to on() listeners until unsubscribed', async () => {
    const { revisit, init } = setup();
    const delivered = vi.fn();
    const unsubscribe = revisit.on('delivered', delivered);
    init();
    revisit.track('One');
    await revisit.flush();
    unsubscribe();
    revisit.track('Two');
    await revisit.flush();

    expect(delivered).toHaveBeenCalledTimes(1);
    expect(delivered.mock.calls[0]![0].messageIds).toHaveLength(1);
  });

  it('keeps the anonymous id across instances and renews it on reset', async () => {
    const { fake, revisit, init } = setup();
    init();
    revisit.track('A');
    await revisit.flush();
    const next = createRevisit(() => fake.platform);
    next.init({ writeKey: 'wk' });
    next.track('B');
    next.reset();
    next.track('C');
    await next.flush();

    const [a, b, c] = fake.sent();
    expect(b!.anonymousId).toBe(a!.anonymousId);
    expect(c!.anonymousId).not.toBe(a!.anonymousId);
    expect(c!.context.sessionId).not.toBe(b!.context.sessionId);
  });

  it('removes its listeners on shutdown and ignores later calls', async () => {
    const { fake, revisit, init } = setup();
    init();
    await revisit.flush();
    expect(fake.listeners()).toBe(2);
    await revisit.shutdown();
    expect(fake.listeners()).toBe(0);
    expect(() => revisit.track('Late')).not.toThrow();
  });

  it('explains each decision with debug: true, and nothing below warn without it', async () => {
    const loud = setup({ debug: true });
    loud.fake.respondWith(() => ({ status: 503 }));
    loud.init();
    loud.revisit.track('Explained');
    await loud.revisit.flush();
    const lines = loud.log.lines.map((line) => line.text).join('\n');
    expect(lines).toMatch(/track\("Explained"\): queued as/);
    expect(lines).toMatch(/wrote 1 message/);
    expect(lines).toMatch(/sending a batch of 1 message/);
    expect(lines).toMatch(/send failed \(503\); retry in \d+s/);

    const quiet = setup();
    quiet.init();
    quiet.revisit.track('Quiet');
    await quiet.revisit.flush();
    expect(quiet.log.lines).toEqual([]);
  });

  it('ignores a second init and an init without a write key', () => {
    const { revisit } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    revisit.init({} as never);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/writeKey must be a non-empty string/));
    warn.mockRestore();
    const other = createLogSink();
    const second = createRevisit(() => createTestPlatform().platform);
    second.init({ writeKey: 'wk', logger: other.sink });
    second.init({ writeKey: 'wk', logger: other.sink });
    expect(other.warnings()).toContainEqual(expect.stringMatching(/already called/));
  });
});
