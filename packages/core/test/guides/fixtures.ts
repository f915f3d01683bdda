import {
  tourDefinitionSchema,
  type TourDefinition,
  type TourDefinitionInput,
} from '@revisit/schema';
import type { GuideContext } from '../../src/guides/index.js';

/** A valid tour with defaults filled in, as `parseGuides` would return it. */
export function makeTour(overrides: Partial<TourDefinitionInput> = {}): TourDefinition {
  return tourDefinitionSchema.parse({
    type: 'tour',
    id: 'first-run',
    steps: [
      { target: '#add', title: 'Add a task' },
      { target: '#list', title: 'Your tasks' },
      { title: 'All set' },
    ],
    ...overrides,
  });
}

/** A page view by an active user on /tasks. */
export function makeContext(overrides: Partial<GuideContext> = {}): GuideContext {
  return {
    url: 'https://app.test/tasks',
    anonymousId: 'anon-1',
    segment: 'active',
    sessionCount: 3,
    trigger: { type: 'pageView' },
    sessionId: 's-1',
    ...overrides,
  };
}
