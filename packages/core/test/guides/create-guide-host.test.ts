import { describe, expect, it, vi } from 'vitest';
import { createLogger, createMemoryStorage } from '../../src/index.js';
import {
  REMOTE_GUIDES_KEY,
  createGuideHost,
  createGuideRuntime,
  tourStatesKey,
  type GuidePlatform,
  type TourEvent,
  type TourViewOptions,
} from '../../src/guides/index.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

const tour = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'tour',
  id,
  steps: [{ title: 'One' }, { title: 'Two' }],
  ...extra,
});

/** A platform whose chunks are the real runtime and a UI stand-in, and whose URL we move. */
function fakePlatform(remote?: unknown) {
  const screen = { step: -1, options: undefined as TourViewOptions | undefined };
  const routes = new Set<() => void>();
  const imported: string[] = [];
  const platform: GuidePlatform & { href: string } = {
    href: 'https://app.test/tasks',
    importModule: vi.fn(async (url: string) => {
      imported.push(url);
      if (url.endsWith('revisit-guides.js')) return { createGuideRuntime };
      return {
        mountTour: (options: TourViewOptions) => {
          screen.options = options;
          screen.step = options.stepIndex;
          queueMicrotask(() => options.onShown(options.stepIndex));
          return {
            update: (step: number) => {
              screen.step = step;
              queueMicrotask(() => options.onShown(step));
            },
            unmount: () => (screen.step = -1),
          };
        },
      };
    }),
    getJson: vi.fn(async () => remote),
    url: () => platform.href,
    onRouteChange(run) {
      routes.add(run);
      return () => routes.delete(run);
    },
  };
  const navigate = (href: string) => {
    platform.href = href;
    for (const run of routes) run();
  };
  return { platform, screen, imported, routes, navigate };
}

function setup(guides: unknown[], remote?: unknown, storage = createMemoryStorage()) {
  const fake = fakePlatform(remote);
  const events: TourEvent[] = [];
  const warnings: string[] = [];
  const host = createGuideHost({
    platform: fake.platform,
    storage,
    logger: createLogger('warn', {
      error: () => {},
      warn: (...args: unknown[]) => warnings.push(args.join(' ')),
      info: () => {},
      debug: () => {},
    }),
    guides,
    remoteUrl: remote === undefined ? undefined : 'https://c.test/v1/guides?writeKey=wk',
    runtimeUrl: 'https://cdn.test/revisit-guides.js',
    uiUrl: 'https://cdn.test/revisit-ui.js',
    lockPrefix: 'revisit-tour:',
    context: async () => ({
      anonymousId: 'anon-1',
      segment: 'new',
      sessionCount: 1,
      sessionId: 's-1',
    }),
    track: (event) => events.push(event),
  });
  return { host, storage, events, warnings, ...fake };
}

describe('createGuideHost', () => {
  it('never imports a chunk when no tour may show on the page', async () => {
    const { host, imported, navigate } = setup([tour('a', { targeting: { urls: ['/settings'] } })]);
    await host.start();
    navigate('https://app.test/done');
    await settle();
    expect(imported).toEqual([]);

    navigate('https://app.test/settings');
    await settle();
    expect(imported).toEqual([
      'https://cdn.test/revisit-guides.js',
      'https://cdn.test/revisit-ui.js',
    ]);
  });

  it('shows a tour, tracks its events and never imports again once it was dismissed', async () => {
    const storage = createMemoryStorage();
    const first = setup([tour('a')], undefined, storage);
    await first.host.start();
    await settle();
    expect(first.screen.step).toBe(0);
    first.screen.options!.onClose('close');
    await settle();
    expect(first.events.map((event) => event.event)).toEqual([
      'Tour Started',
      'Tour Step Viewed',
      'Tour Dismissed',
    ]);
    first.host.shutdown();

    const again = setup([tour('a')], undefined, storage);
    await again.host.start();
    await settle();
    expect(again.imported).toEqual([]);
    expect(await storage.get(tourStatesKey('anon-1'))).toMatchObject({
      a: { status: 'dismissed' },
    });
  });

  it('evaluates each URL once however often it is reported', async () => {
    const { host, platform, navigate } = setup([tour('a', { targeting: { urls: ['/x'] } })]);
    await host.start();
    host.pageView();
    navigate('https://app.test/tasks');
    await settle();
    // The first page view and nothing more: the states were read once.
    expect(platform.importModule).not.toHaveBeenCalled();
  });

  it('uses the collector’s definitions, keeps them for offline pages', async () => {
    const storage = createMemoryStorage();
    const online = setup([], { guides: [tour('remote')] }, storage);
    await online.host.start();
    await settle();
    expect(online.screen.step).toBe(0);
    expect(await storage.get(REMOTE_GUIDES_KEY)).toEqual([tour('remote')]);
    online.host.shutdown();

    const offline = setup([], undefined, storage);
    await offline.host.start();
    await settle();
    // In progress: it resumes from the cached definition.
    expect(offline.screen.step).toBe(0);
  });

  it('warns naming the field of a bad definition and runs the others', async () => {
    const { host, screen, warnings } = setup([
      tour('bad', { steps: [{ title: 'x', placement: 'sideways' }] }),
      tour('good'),
    ]);
    await host.start();
    await settle();
    expect(screen.options?.tour.id).toBe('good');
    expect(warnings.join('\n')).toContain('guide "bad" skipped: steps.0.placement');
  });

  it('imports the runtime for an event only when a definition listens to it', async () => {
    const { host, imported } = setup([
      tour('a', { trigger: { type: 'event', event: 'Task Added' } }),
    ]);
    await host.start();
    host.event('Other');
    await settle();
    expect(imported).toEqual([]);
    host.event('Task Added');
    await settle();
    expect(imported).toHaveLength(2);
  });

  it('starts and ends a tour on demand, whatever its targeting', async () => {
    const { host, screen, events } = setup([tour('a', { targeting: { urls: ['/elsewhere'] } })]);
    await host.start();
    expect(await host.startTour('a')).toBe(true);
    await settle();
    expect(screen.step).toBe(0);
    await host.endTour();
    expect(screen.step).toBe(-1);
    expect(events.at(-1)?.event).toBe('Tour Dismissed');
    expect(await host.startTour('missing')).toBe(false);
  });

  it('removes its route listener at shutdown', async () => {
    const { host, routes } = setup([]);
    await host.start();
    expect(routes.size).toBe(1);
    host.shutdown();
    expect(routes.size).toBe(0);
  });
});
