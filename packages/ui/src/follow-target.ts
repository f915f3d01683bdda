import {
  arrow,
  autoUpdate,
  computePosition,
  flip,
  offset,
  shift,
  type Placement,
} from '@floating-ui/dom';
import type { StepPlacement } from '@revisit/schema';

export interface FollowTargetOptions {
  card: HTMLElement;
  arrow: HTMLElement;
  spot: HTMLElement | null;
  /** Default `auto`: below, flipped above or to a side where there is no room. */
  placement?: StepPlacement;
  /** Space kept free at the top of the viewport, for the host's fixed header, in px. */
  topInset?: number;
  /** True: the card is a bottom sheet; only the spotlight follows the target. */
  sheet?: boolean;
}

const GAP = 12;
const EDGE = 8;
const SPOT_PADDING = 4;

const OPPOSITE: Record<string, string> = {
  top: 'bottom',
  bottom: 'top',
  left: 'right',
  right: 'left',
};

function moveSpot(spot: HTMLElement, rect: DOMRect): void {
  spot.style.left = `${rect.left - SPOT_PADDING}px`;
  spot.style.top = `${rect.top - SPOT_PADDING}px`;
  spot.style.width = `${rect.width + SPOT_PADDING * 2}px`;
  spot.style.height = `${rect.height + SPOT_PADDING * 2}px`;
}

async function placeCard(target: Element, options: FollowTargetOptions): Promise<void> {
  const { card, placement = 'auto' } = options;
  const padding = { top: EDGE + (options.topInset ?? 0), right: EDGE, bottom: EDGE, left: EDGE };
  const result = await computePosition(target, card, {
    strategy: 'fixed',
    placement: placement === 'auto' ? 'bottom' : (placement as Placement),
    middleware: [
      offset(GAP),
      // Flip only when the preferred side lacks room; sideways overflow is shift's to fix,
      // so a target near the edge keeps its card below it instead of beside it.
      flip({ padding, crossAxis: false, fallbackAxisSideDirection: 'start' }),
      shift({ padding }),
      arrow({ element: options.arrow, padding: 10 }),
    ],
  });

  card.style.left = `${result.x}px`;
  card.style.top = `${result.y}px`;
  const side = result.placement.split('-')[0] ?? 'bottom';
  const { x, y } = result.middlewareData.arrow ?? {};
  Object.assign(options.arrow.style, {
    left: x == null ? '' : `${x}px`,
    top: y == null ? '' : `${y}px`,
    right: '',
    bottom: '',
    [OPPOSITE[side] ?? 'top']: '-6px',
  });
}

/**
 * Keeps the card and the spotlight on a target through page and container scrolling,
 * resizes and layout shifts (Floating UI's autoUpdate). Returns the cleanup.
 */
export function followTarget(target: Element, options: FollowTargetOptions): () => void {
  const { card, spot } = options;
  return autoUpdate(target, card, () => {
    // A target hidden by a stylesheet change has an empty box: Floating UI would put the
    // card in the top-left corner. Hide it until the target is back or replaced.
    const rect = target.getBoundingClientRect();
    const hidden = rect.width === 0 && rect.height === 0 ? 'hidden' : '';
    card.style.visibility = hidden;
    if (spot) {
      spot.style.visibility = hidden;
      moveSpot(spot, rect);
    }
    if (options.sheet || hidden) return;

    placeCard(target, options).catch(() => {
      // The card was unmounted mid-computation: nothing is left to position.
    });
  });
}
