// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findTarget } from '../src/index.js';
import { fakeLayout, makeTour, mount, page } from './helpers.js';

const lateTour = (waitMs = 1000) =>
  makeTour({ steps: [{ target: '#late', title: 'Late', waitMs }, { title: 'End' }] });

// Longer than the watcher's check interval.
const settle = () => new Promise((resolve) => setTimeout(resolve, 80));

beforeEach(() => {
  fakeLayout();
  page('<main id="app"></main>');
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  document.body.innerHTML = '';
  document.querySelectorAll('revisit-tour').forEach((host) => host.remove());
});

describe('findTarget', () => {
  it('skips hidden matches and counts the visible ones', () => {
    page('<b class="t" hidden></b><b class="t" style="display:none"></b><b class="t" id="v"></b>');
    expect(findTarget(document, '.t')).toMatchObject({ visibleCount: 1 });
    expect(findTarget(document, '.t').element?.id).toBe('v');
  });

  it('skips visibility: hidden', () => {
    page('<b class="t" style="visibility:hidden"></b>');
    expect(findTarget(document, '.t').element).toBeNull();
  });

  it('reports an invalid selector instead of throwing', () => {
    expect(findTarget(document, '##nope')).toMatchObject({ element: null, invalid: true });
  });
});

describe('mountTour targets', () => {
  it('waits for a target that renders late', async () => {
    const { card, onShown, onTargetMissing, handle } = mount({ tour: lateTour() });
    expect(card().classList.contains('pending')).toBe(true);
    expect(onShown).not.toHaveBeenCalled();

    document.getElementById('app')?.insertAdjacentHTML('beforeend', '<div id="late">x</div>');
    await settle();
    expect(card().classList.contains('pending')).toBe(false);
    expect(onShown).toHaveBeenCalledWith(0);
    expect(onTargetMissing).not.toHaveBeenCalled();
    handle.unmount();
  });

  it('reports a target that never shows, and never uses a hidden match', async () => {
    vi.useFakeTimers();
    page('<div id="late" hidden>x</div>');
    const { onTargetMissing, onShown, handle } = mount({ tour: lateTour(500) });
    vi.advanceTimersByTime(499);
    expect(onTargetMissing).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onTargetMissing).toHaveBeenCalledWith(0);
    expect(onShown).not.toHaveBeenCalled();
    handle.unmount();
  });

  it('gives up at once on an invalid selector', () => {
    const tour = makeTour({ steps: [{ target: 'div[', title: 'Bad' }] });
    const { onTargetMissing, handle } = mount({ tour });
    expect(onTargetMissing).toHaveBeenCalledWith(0);
    handle.unmount();
  });

  it('follows a target replaced by a re-render', async () => {
    page('<main id="app"><div id="late">old</div></main>');
    const { card, onShown, onTargetMissing, handle } = mount({ tour: lateTour() });
    const app = document.getElementById('app') as HTMLElement;
    app.innerHTML = '<div id="late">new</div>';
    await settle();
    expect(card().classList.contains('pending')).toBe(false);
    expect(onShown).toHaveBeenCalledOnce();
    expect(onTargetMissing).not.toHaveBeenCalled();
    handle.unmount();
  });

  it('waits again when the target disappears mid-step', async () => {
    page('<main id="app"><div id="late">old</div></main>');
    const { card, handle } = mount({ tour: lateTour() });
    document.getElementById('late')?.remove();
    await settle();
    expect(card().classList.contains('pending')).toBe(true);
    handle.unmount();
  });

  it('warns when several visible elements match', () => {
    page('<b class="t"></b><b class="t"></b>');
    const tour = makeTour({ steps: [{ target: '.t', title: 'Two' }] });
    const { onWarn, handle } = mount({ tour });
    expect(onWarn.mock.calls[0]?.[0]).toContain('tour "first-run" step 0: 2 visible elements');
    handle.unmount();
  });

  it('stops watching after unmount', async () => {
    vi.useFakeTimers();
    const { onTargetMissing, handle } = mount({ tour: lateTour(100) });
    handle.unmount();
    vi.advanceTimersByTime(1000);
    expect(onTargetMissing).not.toHaveBeenCalled();
  });

  it('lays the step out as a bottom sheet on a narrow screen', () => {
    page('<div id="late">x</div>');
    vi.spyOn(window, 'matchMedia').mockImplementation(
      (query) => ({ matches: query.includes('max-width'), media: query }) as MediaQueryList,
    );
    const { card, root, handle } = mount({ tour: lateTour() });
    expect(card().classList.contains('sheet')).toBe(true);
    expect(root.querySelector('.spot')).not.toBeNull();
    handle.unmount();
  });

  it('centers a step without a target over a dimmed page', () => {
    const tour = makeTour({ steps: [{ title: 'Welcome' }] });
    const { card, root, handle } = mount({ tour });
    expect(card().classList.contains('centered')).toBe(true);
    expect(root.querySelector('.dim')).not.toBeNull();
    handle.unmount();
  });

  it('scrolls a target out of view into view, instantly when reduced motion is asked for', () => {
    page('<div id="late" data-y="5000">x</div>');
    const scroll = vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(() => {});
    vi.spyOn(window, 'matchMedia').mockImplementation(
      (query) => ({ matches: query.includes('reduce'), media: query }) as MediaQueryList,
    );
    const { handle } = mount({ tour: lateTour() });
    expect(scroll).toHaveBeenCalled();
    expect(
      scroll.mock.calls.every(
        ([options]) => (options as ScrollIntoViewOptions).behavior !== 'smooth',
      ),
    ).toBe(true);
    handle.unmount();
  });

  it('scrolls smoothly otherwise', () => {
    page('<div id="late" data-y="5000">x</div>');
    const scroll = vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(() => {});
    const { handle } = mount({ tour: lateTour() });
    expect(scroll.mock.calls[0]?.[0]).toMatchObject({ block: 'center', behavior: 'smooth' });
    handle.unmount();
  });
});
