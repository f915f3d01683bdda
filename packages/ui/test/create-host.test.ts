// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from './helpers.js';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
  document.querySelectorAll('revisit-tour').forEach((host) => host.remove());
});

describe('tour host', () => {
  it('isolates the host with inline !important styles and the highest z-index', () => {
    const { host, handle } = mount(centered());
    expect(host.style.getPropertyPriority('all')).toBe('important');
    expect(host.style.getPropertyValue('z-index')).toBe('2147483647');
    expect(host.style.getPropertyValue('pointer-events')).toBe('none');
    handle.unmount();
  });

  it('adopts a constructed stylesheet, so no inline <style> is needed', () => {
    const { root, handle } = mount(centered());
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(root.querySelector('style')).toBeNull();
    handle.unmount();
  });

  it('falls back to a <style nonce> without constructable stylesheets', () => {
    const view = document.defaultView as unknown as Record<string, unknown>;
    const Sheet = view.CSSStyleSheet;
    view.CSSStyleSheet = undefined;
    try {
      const { root, handle } = mount({ ...centered(), nonce: 'abc123' });
      const style = root.querySelector('style');
      expect(style?.getAttribute('nonce')).toBe('abc123');
      expect(style?.textContent).toContain('min-height:44px');
      handle.unmount();
    } finally {
      view.CSSStyleSheet = Sheet;
    }
  });

  it('sets theme tokens as custom properties on the host', () => {
    const { host, handle } = mount({ ...centered(), theme: { accent: '#0a7', '--x-y': '1' } });
    expect(host.style.getPropertyValue('--revisit-accent')).toBe('#0a7');
    expect(host.style.getPropertyValue('--x-y')).toBe('1');
    handle.unmount();
  });

  it('mounts into a given container', () => {
    const container = document.createElement('section');
    document.body.append(container);
    const { handle } = mount({ ...centered(), container });
    expect(container.querySelector('revisit-tour')).not.toBeNull();
    handle.unmount();
    expect(container.querySelector('revisit-tour')).toBeNull();
  });
});

function centered() {
  return {
    tour: {
      type: 'tour' as const,
      id: 'c',
      version: 1,
      repeat: null,
      trigger: { type: 'pageView' as const },
      targeting: { minSessions: 0, sampleRate: 1 },
      steps: [
        {
          title: 'Hi',
          body: '',
          placement: 'auto' as const,
          advanceOnTargetClick: false,
          waitMs: 0,
        },
      ],
    },
  };
}
