import {
  tourDefinitionSchema,
  type TourDefinition,
  type TourDefinitionInput,
} from '@revisit/schema';
import { vi } from 'vitest';
import { mountTour, type MountTourOptions } from '../src/index.js';

/**
 * happy-dom does no layout: every box is 0×0. Give elements a box unless they or an
 * ancestor are hidden, which is what a browser's layout would say; `data-y` moves it.
 */
export function fakeLayout(): void {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    let node: Element | null = this;
    let hidden = false;
    while (node) {
      if (node.hasAttribute('hidden') || (node as HTMLElement).style?.display === 'none')
        hidden = true;
      node = node.parentElement;
    }
    const size = hidden ? 0 : 40;
    const y = Number(this.getAttribute('data-y') ?? 100);
    return DOMRect.fromRect({ x: 100, y, width: size * 3, height: size });
  });
}

export function makeTour(overrides: Partial<TourDefinitionInput> = {}): TourDefinition {
  return tourDefinitionSchema.parse({
    type: 'tour',
    id: 'first-run',
    steps: [
      { target: '#add', title: 'Add a task', body: 'Type it and press Enter.' },
      { target: '#list', title: 'Your tasks' },
      { title: 'All set' },
    ],
    ...overrides,
  });
}

/** Mounts a tour with spies for every callback; returns them with the shadow root. */
export function mount(overrides: Partial<MountTourOptions> = {}) {
  const calls = {
    onNext: vi.fn(),
    onBack: vi.fn(),
    onClose: vi.fn(),
    onTargetMissing: vi.fn(),
    onShown: vi.fn(),
    onWarn: vi.fn(),
  };
  const handle = mountTour({ tour: makeTour(), stepIndex: 0, ...calls, ...overrides });
  const host = document.querySelector('revisit-tour') as HTMLElement;
  const root = host.shadowRoot as ShadowRoot;
  const card = () => root.querySelector('.card') as HTMLElement;
  return { ...calls, handle, host, root, card };
}

/** Adds elements to the page from trusted test markup. */
export function page(html: string): void {
  document.body.innerHTML = html;
}

export const press = (key: string) =>
  document.activeElement?.dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, composed: true }),
  ) ?? document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
