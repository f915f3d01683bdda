import { h, type ComponentChild } from 'preact';
import type { TourDefinition } from '@revisit/schema';
import { formatProgress, type TourStrings } from './strings.js';

/** How the card is laid out: waiting for its target, next to it, centered, bottom sheet. */
export type CardLayout = 'pending' | 'anchored' | 'centered' | 'sheet';

/** Why the tour was closed by the user. */
export type CloseReason = 'close' | 'skip' | 'escape';

export interface TourCardProps {
  tour: TourDefinition;
  stepIndex: number;
  strings: TourStrings;
  layout: CardLayout;
  dir: 'ltr' | 'rtl';
  lang: string;
  onNext(): void;
  onBack(): void;
  onClose(reason: CloseReason): void;
}

const button = (className: string, label: string, onClick: () => void, aria?: string) =>
  h('button', { type: 'button', class: className, onClick, 'aria-label': aria }, label);

/**
 * One step of a tour. Every piece of text from the definition is passed as a child, which
 * preact renders as a text node: a definition can never inject markup or script. Text
 * takes its direction from its own first letters (`dir="auto"`), so an English string in
 * a right-to-left page, or the reverse, reads in the right order.
 */
export function TourCard(props: TourCardProps): ComponentChild {
  const { tour, stepIndex, strings, layout } = props;
  const step = tour.steps[stepIndex];
  if (!step) return h('div', null);

  const total = tour.steps.length;
  const last = stepIndex === total - 1;
  const labels = { ...strings, ...step.buttons };
  const spotlight = layout === 'anchored' || layout === 'sheet';

  return h('div', { class: 'root', dir: props.dir, lang: props.lang || undefined }, [
    spotlight ? h('div', { class: 'spot' }) : layout === 'centered' && h('div', { class: 'dim' }),
    h(
      'div',
      {
        class: `card ${layout === 'anchored' ? '' : layout}`,
        role: 'dialog',
        'aria-labelledby': 'rv-title',
        'aria-describedby': step.body ? 'rv-body' : undefined,
        tabIndex: -1,
      },
      [
        h('div', { class: 'arrow', 'aria-hidden': 'true' }),
        step.image && h('img', { src: step.image.url, alt: step.image.alt }),
        h('h2', { id: 'rv-title', dir: 'auto' }, step.title),
        step.body && h('p', { id: 'rv-body', dir: 'auto' }, step.body),
        h('div', { class: 'footer' }, [
          total > 1 &&
            h(
              'span',
              { class: 'progress', dir: 'auto' },
              formatProgress(strings.progress, stepIndex + 1, total),
            ),
          !last && button('skip', labels.skip, () => props.onClose('skip')),
          stepIndex > 0 && button('secondary', labels.back, props.onBack),
          button('primary', last ? labels.done : labels.next, props.onNext),
        ]),
        button('close', '×', () => props.onClose('close'), strings.close),
      ],
    ),
  ]);
}
