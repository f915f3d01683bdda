// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createLifecycle } from '../src/lifecycle.js';

function setVisibility(state: 'hidden' | 'visible') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('createLifecycle', () => {
  it('reports a hide once when visibilitychange and pagehide both fire', () => {
    const hidden = vi.fn();
    const cleanup = createLifecycle().onHidden(hidden);
    setVisibility('hidden');
    dispatchEvent(new Event('pagehide'));
    expect(hidden).toHaveBeenCalledTimes(1);

    setVisibility('visible');
    setVisibility('hidden');
    expect(hidden).toHaveBeenCalledTimes(2);

    cleanup();
    setVisibility('visible');
    setVisibility('hidden');
    expect(hidden).toHaveBeenCalledTimes(2);
  });

  it('reports the network coming back until cleaned up', () => {
    const online = vi.fn();
    const cleanup = createLifecycle().onOnline(online);
    dispatchEvent(new Event('online'));
    cleanup();
    dispatchEvent(new Event('online'));
    expect(online).toHaveBeenCalledTimes(1);
  });
});
