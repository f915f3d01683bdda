import type { GuideTrigger, TourDefinition } from '@revisit/schema';
import { checkTargeting, type TargetingContext } from './targeting.js';
import { mayShow, resumeStep, type TourState } from './tour-state.js';
import { matchAnyUrlPattern, matchUrlPattern } from './url-pattern.js';

/** What just happened: a page was viewed (or the SPA route changed), or an event tracked. */
export type GuideTriggerEvent = { type: 'pageView' } | { type: 'event'; event: string };

/** Everything the engine needs to decide; built by the SDK on each page view and event. */
export interface GuideContext extends TargetingContext {
  trigger: GuideTriggerEvent;
  /** The current session, for `repeat: true`. */
  sessionId?: string;
}

/** A guide to show: which step, and how long to wait first (a `delay` trigger). */
export interface GuideDecision {
  tour: TourDefinition;
  stepIndex: number;
  /** Wait this long, then call `start`; cancel the wait if the page changes first. */
  delayMs: number;
  /** True when the user already saw part of this tour and it picks up where they left. */
  resumed: boolean;
}

function triggerMatches(trigger: GuideTrigger, event: GuideTriggerEvent): boolean {
  if (trigger.type === 'event') return event.type === 'event' && event.event === trigger.event;

  return event.type === 'pageView';
}

/** A step shows on its own page when it names one, else on the tour's pages. */
function stepPageMatches(tour: TourDefinition, step: number, url: string): boolean {
  const pattern = tour.steps[step]?.url;
  if (pattern === undefined) return matchAnyUrlPattern(tour.targeting.urls, url);

  return matchUrlPattern(pattern, url);
}

/**
 * Picks the guide to show now, or null. A tour in progress comes first, on any page view,
 * once the page of its current step is open: that is how a tour resumes on the next page or
 * visit. Otherwise the first definition, in the order given, whose trigger, targeting and
 * history allow it.
 */
export function selectGuide(
  tours: readonly TourDefinition[],
  stateOf: (id: string) => TourState,
  context: GuideContext,
  now: number,
): GuideDecision | null {
  if (context.trigger.type === 'pageView') {
    for (const tour of tours) {
      const state = stateOf(tour.id);
      if (state.status !== 'in-progress' || state.version !== tour.version) continue;

      const stepIndex = resumeStep(state, tour);
      if (stepPageMatches(tour, stepIndex, context.url)) {
        return { tour, stepIndex, delayMs: 0, resumed: true };
      }
    }
  }

  for (const tour of tours) {
    const state = stateOf(tour.id);
    if (state.status === 'in-progress' && state.version === tour.version) continue;
    if (!mayShow(state, tour, now, context.sessionId)) continue;
    if (!triggerMatches(tour.trigger, context.trigger)) continue;
    if (!stepPageMatches(tour, 0, context.url)) continue;
    if (checkTargeting(tour.id, tour.targeting, context) !== null) continue;

    const delayMs = tour.trigger.type === 'delay' ? tour.trigger.ms : 0;
    return { tour, stepIndex: 0, delayMs, resumed: false };
  }
  return null;
}
