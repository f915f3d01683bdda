import type { TourDefinition } from '@revisit/schema';
import type { TourStates } from './guide-storage.js';
import { selectGuide, type GuideContext } from './select-guide.js';
import { NOT_STARTED } from './tour-state.js';

/** The defaults `parseGuides` fills in, where the rules below read them. */
function withDefaults(definition: Partial<Omit<TourDefinition, 'repeat'>> & { repeat?: unknown }) {
  const { version = 1, trigger = { type: 'pageView' }, targeting, repeat } = definition;
  return {
    ...definition,
    version,
    trigger,
    targeting: { minSessions: 0, sampleRate: 1, ...targeting },
    repeat: repeat === true ? { afterDays: 0 } : repeat || null,
  } as TourDefinition;
}

/**
 * The SDK's cheap first look at definitions as written, before they are checked (the
 * checks, and the engine that uses them, are in a chunk loaded only when a guide may show).
 * True when a tour could show now, with the same rules as the engine; also true when a
 * definition is too broken to tell, so that the checked runtime loads and names the fault.
 */
export function mightShow(
  definitions: readonly unknown[],
  states: TourStates,
  context: GuideContext,
  now: number,
): boolean {
  try {
    const tours = definitions.map((definition) => withDefaults(definition as TourDefinition));
    return selectGuide(tours, (id) => states[id] ?? NOT_STARTED, context, now) !== null;
  } catch {
    // A definition of the wrong shape made a rule throw: let the checked runtime say which.
    return true;
  }
}
