// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeLayout, makeTour, mount, page, press } from './helpers.js';

beforeEach(() => {
  fakeLayout();
  page('<button id="before">Start</button><div id="add">Add</div><ul id="list"><li>x</li></ul>');
  document.getElementById('before')?.focus();
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  document.body.innerHTML = '';
  document.querySelectorAll('revisit-tour').forEach((host) => host.remove());
  document.documentElement.removeAttribute('dir');
});

describe('mountTour', () => {
  it('renders the step as a labelled, described dialog with progress', () => {
    const { root, card, onShown, handle } = mount();
    expect(card().getAttribute('role')).toBe('dialog');
    const title = root.getElementById(card().getAttribute('aria-labelledby') ?? '');
    const body = root.getElementById(card().getAttribute('aria-describedby') ?? '');
    expect(title?.textContent).toBe('Add a task');
    expect(body?.textContent).toBe('Type it and press Enter.');
    expect(root.querySelector('.progress')?.textContent).toBe('1 of 3');
    expect(onShown).toHaveBeenCalledWith(0);
    handle.unmount();
  });

  it('renders definition text as text, never as HTML', () => {
    const hostile = '<img src=x onerror="globalThis.pwned=1">';
    const tour = makeTour({ steps: [{ title: hostile, body: `<b>${hostile}</b>` }] });
    const { root, handle } = mount({ tour });
    expect(root.querySelector('h2')?.textContent).toBe(hostile);
    expect(root.querySelector('p')?.textContent).toBe(`<b>${hostile}</b>`);
    expect(root.querySelector('b')).toBeNull();
    expect(root.querySelectorAll('img')).toHaveLength(0);
    handle.unmount();
  });

  it('shows an image with its alt text', () => {
    const tour = makeTour({
      steps: [{ title: 'Hi', image: { url: 'https://cdn.test/a.png', alt: 'A chart' } }],
    });
    const { root, handle } = mount({ tour });
    const image = root.querySelector('img');
    expect(image?.getAttribute('src')).toBe('https://cdn.test/a.png');
    expect(image?.getAttribute('alt')).toBe('A chart');
    handle.unmount();
  });

  it('translates every string and lets a step relabel its buttons', () => {
    const strings = { next: 'Weiter', skip: 'Überspringen', close: 'Schließen' };
    const { root, handle } = mount({
      strings: { ...strings, progress: 'Schritt {current} von {total}' },
    });
    const labels = [...root.querySelectorAll('button')].map((button) => button.textContent);
    expect(labels).toEqual(['Überspringen', 'Weiter', '×']);
    expect(root.querySelector('.close')?.getAttribute('aria-label')).toBe('Schließen');
    expect(root.querySelector('.progress')?.textContent).toBe('Schritt 1 von 3');

    const tour = makeTour({ steps: [{ title: 'Only', buttons: { done: 'Los geht’s' } }] });
    handle.unmount();
    const single = mount({ tour });
    expect(single.root.querySelector('.primary')?.textContent).toBe('Los geht’s');
    single.handle.unmount();
  });

  it('wires next, back, skip, close and done', () => {
    const { root, onNext, onBack, onClose, handle } = mount({ stepIndex: 1 });
    const click = (selector: string) => (root.querySelector(selector) as HTMLElement).click();
    click('.primary');
    click('.secondary');
    click('.skip');
    click('.close');
    expect(onNext).toHaveBeenCalledOnce();
    expect(onBack).toHaveBeenCalledOnce();
    expect(onClose.mock.calls).toEqual([['skip'], ['close']]);

    handle.update(2);
    expect(root.querySelector('.primary')?.textContent).toBe('Done');
    expect(root.querySelector('.skip')).toBeNull();
    handle.unmount();
  });

  it('moves focus into the step and returns it on unmount', () => {
    const { host, root, card, handle } = mount();
    expect(document.activeElement).toBe(host);
    expect(root.activeElement).toBe(card());
    handle.unmount();
    expect(document.activeElement?.id).toBe('before');
  });

  it('closes on Escape and steps with the arrow keys', () => {
    const { onClose, onNext, onBack, handle } = mount({ stepIndex: 1 });
    press('ArrowRight');
    press('ArrowLeft');
    press('Escape');
    expect(onNext).toHaveBeenCalledOnce();
    expect(onBack).toHaveBeenCalledOnce();
    expect(onClose).toHaveBeenCalledWith('escape');
    handle.unmount();
  });

  it('swaps the arrow keys right to left', () => {
    document.documentElement.setAttribute('dir', 'rtl');
    const { root, onNext, handle } = mount({ stepIndex: 1 });
    expect(root.querySelector('.root')?.getAttribute('dir')).toBe('rtl');
    press('ArrowLeft');
    expect(onNext).toHaveBeenCalledOnce();
    handle.unmount();
  });

  it('leaves keys typed in the page alone', () => {
    page('<div id="add">Add</div><input id="field">');
    const { onClose, handle } = mount();
    document.getElementById('field')?.focus();
    press('Escape');
    expect(onClose).not.toHaveBeenCalled();
    handle.unmount();
  });

  it('stops listening once unmounted and removes its host', () => {
    const { onClose, handle } = mount();
    handle.unmount();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onClose).not.toHaveBeenCalled();
    expect(document.querySelector('revisit-tour')).toBeNull();
  });

  it('advances when the target is clicked, if the step says so', () => {
    const tour = makeTour({
      steps: [{ target: '#add', title: 'Click', advanceOnTargetClick: true }],
    });
    const { onNext, handle } = mount({ tour });
    document.getElementById('add')?.click();
    expect(onNext).toHaveBeenCalledOnce();
    handle.unmount();
  });

  it('marks the language of the step, from the option or the page', () => {
    document.documentElement.lang = 'de';
    const { root, handle } = mount();
    expect(root.querySelector('.root')?.getAttribute('lang')).toBe('de');
    handle.unmount();
    const other = mount({ lang: 'fr' });
    expect(other.root.querySelector('.root')?.getAttribute('lang')).toBe('fr');
    other.handle.unmount();
    document.documentElement.removeAttribute('lang');
  });

  it('leaves focus in a field the user is typing in', () => {
    page('<div id="add">Add</div><input id="field">');
    document.getElementById('field')?.focus();
    const { handle } = mount();
    expect(document.activeElement?.id).toBe('field');
    handle.unmount();
    expect(document.activeElement?.id).toBe('field');
  });
});
