// Tours through the public SDK: `init({ guides })`, the events they track through the
// normal queue, `startTour`/`endTour`, and the lifecycle segment read from sessions.
import { describe, expect, it } from 'vitest';
import type { GuidePlatform } from '@revisit/core';
import { createGuideRuntime, type TourViewOptions } from '../../src/guides/index.js';
import { createSessions } from '../../src/session.js';
import { createMemoryStorage } from '../../src/storage.js';
import { createTestPlatform } from '../helpers/platform.js';
import { startRevisit } from '../helpers/started.js';

const wait = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

/** The guide platform of a page at `href`, with the real runtime and a UI stand-in. */
function withGuides(href = 'https://app.test/tasks') {
  const fake = createTestPlatform();
  const screen = { options: undefined as TourViewOptions | undefined };
  const guides: GuidePlatform = {
    importModule: async (url) =>
      url.endsWith('revisit-guides.js')
        ? { createGuideRuntime }
        : {
            mountTour: (options: TourViewOptions) => {
              screen.options = options;
              queueMicrotask(() => options.onShown(options.stepIndex));
              return { update: () => {}, unmount: () => (screen.options = undefined) };
            },
          },
    getJson: async () => undefined,
    url: () => href,
    onRouteChange: () => () => {},
    scriptUrl: 'https://cdn.test/sdk/revisit.min.js',
  };
  fake.platform.guides = guides;
  return { fake, screen };
}

const welcome = {
  type: 'tour' as const,
  id: 'welcome',
  targeting: { segments: ['new' as const] },
  steps: [{ title: 'Hello' }],
};

describe('tours in the SDK', () => {
  it('shows a tour from init() to a new user and tracks its events through the queue', async () => {
    const { fake, screen } = withGuides();
    const { revisit } = startRevisit({ guides: [welcome], fetchGuides: false }, fake);
    await wait();
    expect(screen.options?.tour.id).toBe('welcome');

    screen.options!.onNext();
    await wait();
    await revisit.flush();
    const tracked = fake.sent().filter((message) => message.type === 'track');
    expect(tracked.map((message) => message.event)).toEqual([
      'Tour Started',
      'Tour Step Viewed',
      'Tour Completed',
    ]);
    expect(tracked[0]!.properties).toEqual({ tourId: 'welcome', tourVersion: 1, stepIndex: 0 });
    await revisit.shutdown();
  });

  it('starts and ends a tour on demand', async () => {
    const { fake, screen } = withGuides('https://app.test/elsewhere');
    const tour = { ...welcome, targeting: { urls: ['/nowhere'] } };
    const { revisit } = startRevisit({ guides: [tour], fetchGuides: false }, fake);
    expect(await revisit.startTour('welcome')).toBe(true);
    await wait();
    expect(screen.options).toBeDefined();
    await revisit.endTour();
    expect(screen.options).toBeUndefined();
    expect(await revisit.startTour('nope')).toBe(false);
    await revisit.shutdown();
  });

  it('keeps tours off where the platform cannot show them', async () => {
    const { revisit } = startRevisit({ guides: [welcome] });
    expect(await revisit.startTour('welcome')).toBe(false);
    await revisit.shutdown();
  });

  it('asks the collector at apiHost with the write key, unless fetchGuides is false', async () => {
    const { fake } = withGuides();
    const asked: string[] = [];
    fake.platform.guides!.getJson = async (url) => void asked.push(url);
    const { revisit } = startRevisit({ apiHost: 'https://c.test', writeKey: 'w k' }, fake);
    await wait();
    expect(asked).toEqual(['https://c.test/v1/guides?writeKey=w%20k']);
    await revisit.shutdown();
  });
});

describe('sessions for the lifecycle segment', () => {
  it('keep the first-seen time and the last activity of the session before', async () => {
    const storage = createMemoryStorage();
    let ids = 0;
    const sessions = createSessions(storage, 1000, () => `s-${++ids}`);
    await sessions.load();

    const first = await sessions.sessionAt(10_000, 0);
    expect(first).toMatchObject({ count: 1, firstSeenAt: 10_000, lastSeenAt: undefined });
    await sessions.sessionAt(10_500, 0);
    const second = await sessions.sessionAt(20_000, 0);
    expect(second).toMatchObject({ count: 2, firstSeenAt: 10_000, lastSeenAt: 10_500 });
  });
});
