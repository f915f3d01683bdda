// Issue #4 end to end: the built UI chunk on a deliberately hostile page, in real chromium,
// under a strict Content Security Policy. Each scenario checks that the step is visible,
// inside the viewport, next to its target and clickable, that the page's own computed
// styles did not change, and that axe finds nothing serious in the tour.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { waitFor } from '../helpers/wait.js';
import { startTourFixtureServer, type TourFixtureServer } from './fixtures/tour-server.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const ARTIFACTS = `${ROOT}test-results`;

let browser: Browser;
let server: TourFixtureServer;

beforeAll(async () => {
  // Test what ships: the self-contained chunk the SDK imports.
  if (!existsSync(`${ROOT}packages/ui/dist/revisit-ui.js`)) {
    execFileSync('node', ['scripts/build.mjs', 'ui'], { cwd: ROOT, stdio: 'inherit' });
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTourFixtureServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

interface Geometry {
  card: Box;
  target: Box | null;
  viewport: { width: number; height: number };
  /** What the page hit-tests at the card's centre: the tour's host when nothing covers it. */
  hit: string;
  layout: string;
}

type Step = { target?: string; title: string; body?: string; waitMs?: number };

async function openPage(options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}/fixtures/tour-hostile.html`);
  await page.waitForFunction(() => (window as any).tourTest?.ready === true);
  return { page, context, errors };
}

function computedStyles(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('html, body, body *'), (element) => {
      const style = getComputedStyle(element);
      const values = Array.from(style, (name) => `${name}=${style.getPropertyValue(name)}`);
      return `${element.tagName}#${element.id}: ${values.join(';')}`;
    }),
  );
}

function startTour(page: Page, steps: Step[]) {
  return page.evaluate((list) => (window as any).tourTest.start(list), steps);
}

function calls(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as any).tourTest.calls]);
}

function geometry(page: Page, selector?: string): Promise<Geometry> {
  return page.evaluate((targetSelector) => {
    const box = (element: Element) => {
      const { left, top, right, bottom, width, height } = element.getBoundingClientRect();
      return { left, top, right, bottom, width, height };
    };
    const host = document.querySelector('revisit-tour') as HTMLElement;
    const card = host.shadowRoot!.querySelector('.card') as HTMLElement;
    const rect = box(card);
    const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
    const target = targetSelector ? document.querySelector(targetSelector) : null;
    return {
      card: rect,
      target: target ? box(target) : null,
      viewport: { width: innerWidth, height: innerHeight },
      hit: hit?.tagName.toLowerCase() ?? 'none',
      layout: card.className,
    };
  }, selector);
}

/** Geometry once it stops moving (scrolling and positioning settle over a few frames). */
async function settledGeometry(page: Page, selector?: string): Promise<Geometry> {
  let last = '';
  return waitFor('the tour to settle', async () => {
    const now = await geometry(page, selector);
    const key = JSON.stringify(now);
    const stable = key === last && !now.layout.includes('pending');
    last = key;
    return stable ? now : undefined;
  });
}

function expectVisibleInViewport({ card, viewport, hit }: Geometry) {
  expect(card.width).toBeGreaterThan(100);
  expect(card.left).toBeGreaterThanOrEqual(0);
  expect(card.top).toBeGreaterThanOrEqual(0);
  expect(card.right).toBeLessThanOrEqual(viewport.width);
  expect(card.bottom).toBeLessThanOrEqual(viewport.height);
  expect(hit).toBe('revisit-tour');
}

/** The card touches the target's box within `gap` px (offset plus arrow) and does not cover it. */
function expectNextToTarget({ card, target }: Geometry, gap = 24) {
  expect(target).not.toBeNull();
  const t = target!;
  const dx = Math.max(0, card.left - t.right, t.left - card.right);
  const dy = Math.max(0, card.top - t.bottom, t.top - card.bottom);
  expect(Math.max(dx, dy)).toBeLessThanOrEqual(gap);
  const overlapX = Math.min(card.right, t.right) - Math.max(card.left, t.left);
  const overlapY = Math.min(card.bottom, t.bottom) - Math.max(card.top, t.top);
  expect(overlapX <= 1 || overlapY <= 1).toBe(true);
}

async function clickNext(page: Page) {
  const button = await page.evaluate(() => {
    const host = document.querySelector('revisit-tour') as HTMLElement;
    const { left, top, width, height } = host
      .shadowRoot!.querySelector('.primary')!
      .getBoundingClientRect();
    return { x: left + width / 2, y: top + height / 2, width, height };
  });
  expect(button.width).toBeGreaterThanOrEqual(44);
  expect(button.height).toBeGreaterThanOrEqual(44);
  await page.mouse.click(button.x, button.y);
}

async function expectNoSeriousAxeViolations(page: Page) {
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.addScriptTag({ url: '/axe.min.js' });
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation: any) => ['serious', 'critical'].includes(violation.impact))
      .filter((violation: any) =>
        violation.nodes.some((node: any) => JSON.stringify(node.target).includes('revisit-tour')),
      )
      .map((violation: any) => `${violation.id}: ${violation.help}`);
  });
  expect(violations).toEqual([]);
}

async function finish(page: Page, name: string, errors: string[]) {
  await page.screenshot({ path: `${ARTIFACTS}/tour-${name}.png` });
  const violations = await page.evaluate(() => (window as any).tourTest.violations);
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
}

/** One anchored step on `selector`: visible, next to it, clickable, page styles untouched. */
async function anchoredScenario(
  name: string,
  selector: string,
  options?: BrowserContextOptions,
  prepare?: (page: Page) => Promise<unknown>,
) {
  const { page, context, errors } = await openPage(options);
  try {
    await prepare?.(page);
    const before = await computedStyles(page);
    await startTour(page, [
      { target: selector, title: `Step on ${name}`, body: 'Body text.' },
      { title: 'End' },
    ]);
    const shape = await settledGeometry(page, selector);
    expectVisibleInViewport(shape);
    expectNextToTarget(shape);
    expect(await computedStyles(page)).toEqual(before);
    await expectNoSeriousAxeViolations(page);
    await finish(page, name, errors);
    await clickNext(page);
    expect(await calls(page)).toEqual(['shown:0', 'next', 'shown:1']);
    const centered = await settledGeometry(page);
    expect(centered.layout).toContain('centered');
    expectVisibleInViewport(centered);
    await expectNoSeriousAxeViolations(page);
    return shape;
  } finally {
    await context.close();
  }
}

describe('tour on a hostile page in chromium', () => {
  it('stays on a target inside a fixed header with a huge z-index', async () => {
    await anchoredScenario('fixed-header', '#header-target');
  });

  it('scrolls a target below the fold into view, clear of the fixed header', async () => {
    const shape = await anchoredScenario('below-fold', '#below-fold');
    expect(shape.target!.top).toBeGreaterThanOrEqual(64);
    expect(shape.card.top).toBeGreaterThanOrEqual(64);
  });

  it('follows a target in a scrolled inner pane', async () => {
    await anchoredScenario('inner-pane', '#pane-target');
  });

  it('follows the inner pane as it scrolls', async () => {
    const { page, context, errors } = await openPage();
    try {
      await startTour(page, [{ target: '#pane-target', title: 'In the pane' }]);
      const first = await settledGeometry(page, '#pane-target');
      await page.evaluate(() => document.getElementById('pane')!.scrollBy(0, 40));
      const moved = await settledGeometry(page, '#pane-target');
      expect(moved.target!.top).toBeLessThan(first.target!.top);
      expectNextToTarget(moved);
      await finish(page, 'inner-pane-scrolled', errors);
    } finally {
      await context.close();
    }
  });

  it('stays on a target in a transformed container', async () => {
    await anchoredScenario('transformed', '#transformed-target');
  });

  it('stays on a target in a zoomed container', async () => {
    await anchoredScenario('zoomed', '#zoomed-target');
  });

  it('stays on its target when the whole page is zoomed', async () => {
    await anchoredScenario('zoomed-page', '#pane-target', {}, (page) =>
      page.evaluate(() => {
        // The hostile page animates every property; the zoom must be in place at once.
        document.documentElement.style.setProperty('transition', 'none', 'important');
        document.documentElement.style.setProperty('zoom', '1.5');
      }),
    );
  });

  it('waits for a target that appears after 2 s', async () => {
    const { page, context, errors } = await openPage();
    try {
      await page.evaluate(() => (window as any).tourTest.addLate(2000));
      await startTour(page, [{ target: '#late-target', title: 'Late', waitMs: 5000 }]);
      await page.waitForTimeout(1000);
      expect(await calls(page)).toEqual([]);
      const shape = await settledGeometry(page, '#late-target');
      expectVisibleInViewport(shape);
      expectNextToTarget(shape);
      expect(await calls(page)).toEqual(['shown:0']);
      await finish(page, 'late-target', errors);
    } finally {
      await context.close();
    }
  });

  it('reports a target that never appears instead of pointing at nothing', async () => {
    const { page, context, errors } = await openPage();
    try {
      await startTour(page, [{ target: '#never', title: 'Never', waitMs: 500 }]);
      await waitFor('missing', async () =>
        (await calls(page)).includes('missing:0') ? true : undefined,
      );
      expect(await calls(page)).toEqual(['missing:0']);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('follows a target replaced by a re-render mid-step', async () => {
    const { page, context, errors } = await openPage();
    try {
      await startTour(page, [{ target: '#replaced-target', title: 'Re-rendered' }]);
      const first = await settledGeometry(page, '#replaced-target');
      await page.evaluate(() => (window as any).tourTest.replace());
      const after = await settledGeometry(page, '#replaced-target');
      expect(Math.abs(after.target!.left - first.target!.left)).toBeGreaterThan(100);
      expectVisibleInViewport(after);
      expectNextToTarget(after);
      expect(await calls(page)).toEqual(['shown:0']);
      await finish(page, 'replaced-target', errors);
    } finally {
      await context.close();
    }
  });

  it('lays out right to left and steps with the arrow keys mirrored', async () => {
    const { page, context, errors } = await openPage();
    try {
      await page.evaluate(() => (document.documentElement.dir = 'rtl'));
      await startTour(page, [{ target: '#pane-target', title: 'خطوة' }, { title: 'End' }]);
      const shape = await settledGeometry(page, '#pane-target');
      expectVisibleInViewport(shape);
      expectNextToTarget(shape);
      const dir = await page.evaluate(() =>
        document
          .querySelector('revisit-tour')!
          .shadowRoot!.querySelector('.root')!
          .getAttribute('dir'),
      );
      expect(dir).toBe('rtl');
      await finish(page, 'rtl', errors);
      await page.keyboard.press('ArrowLeft');
      expect(await calls(page)).toEqual(['shown:0', 'next', 'shown:1']);
    } finally {
      await context.close();
    }
  });

  it('becomes a bottom sheet on a 375x667 touch screen, target in view above it', async () => {
    const { page, context, errors } = await openPage({
      viewport: { width: 375, height: 667 },
      hasTouch: true,
      isMobile: true,
    });
    try {
      await startTour(page, [
        { target: '#below-fold', title: 'On a phone', body: 'Tap next.' },
        { title: 'End' },
      ]);
      const shape = await settledGeometry(page, '#below-fold');
      expect(shape.layout).toContain('sheet');
      expectVisibleInViewport(shape);
      expect(shape.card.bottom).toBeCloseTo(shape.viewport.height, 0);
      expect(shape.target!.top).toBeGreaterThanOrEqual(64);
      expect(shape.target!.bottom).toBeLessThanOrEqual(shape.card.top);
      await expectNoSeriousAxeViolations(page);
      await finish(page, 'mobile-sheet', errors);
      const next = await page.evaluate(() => {
        const button = document
          .querySelector('revisit-tour')!
          .shadowRoot!.querySelector('.primary')!;
        const { left, top, width, height } = button.getBoundingClientRect();
        return { x: left + width / 2, y: top + height / 2 };
      });
      await page.touchscreen.tap(next.x, next.y);
      expect(await calls(page)).toEqual(['shown:0', 'next', 'shown:1']);
    } finally {
      await context.close();
    }
  });

  it('is usable by keyboard alone and gives focus back on Escape', async () => {
    const { page, context, errors } = await openPage();
    try {
      await page.focus('#header-target');
      await page.evaluate(() => {
        const state = (window as any).tourTest;
        state.start([{ target: '#pane-target', title: 'Keys' }, { title: 'Two' }], {});
        const close = state.handle.unmount;
        state.calls.push = new Proxy(state.calls.push, {
          apply(push, calls, args) {
            if (String(args[0]).startsWith('close')) close();
            return Reflect.apply(push, calls, args);
          },
        });
      });
      await settledGeometry(page, '#pane-target');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('REVISIT-TOUR');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      expect(await calls(page)).toEqual(['shown:0', 'next', 'shown:1', 'close:escape']);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('header-target');
      await finish(page, 'keyboard', errors);
    } finally {
      await context.close();
    }
  });
});
