import type { GuideTargeting, LifecycleSegment } from '@revisit/schema';
import { isSampled } from './sample.js';
import { matchAnyUrlPattern } from './url-pattern.js';

/** What targeting is evaluated against: the current page and what is known of the user. */
export interface TargetingContext {
  /** The current URL, absolute or a path. */
  url: string;
  userId?: string | null;
  anonymousId: string;
  segment: LifecycleSegment;
  /** Sessions so far, the current one included. */
  sessionCount: number;
  /** The user's traits from `identify`. Default: none. */
  traits?: Readonly<Record<string, unknown>>;
}

/** Why a guide does not target this context, or `null` when it does. */
export type TargetingMiss = 'url' | 'segment' | 'traits' | 'sessions' | 'sample' | null;

/** The key a user is sampled and remembered by: the user id once known. */
export function userKeyOf(context: Pick<TargetingContext, 'userId' | 'anonymousId'>): string {
  return context.userId || context.anonymousId;
}

function traitsMatch(
  wanted: GuideTargeting['traits'],
  traits: TargetingContext['traits'] = {},
): boolean {
  if (!wanted) return true;

  return Object.entries(wanted).every(([name, value]) =>
    Object.prototype.hasOwnProperty.call(traits, name) ? traits[name] === value : value === null,
  );
}

/**
 * Checks each rule in turn, cheapest first, and names the first that fails. Sampling comes
 * last so that the sample is drawn only among users the guide is meant for.
 */
export function checkTargeting(
  guideId: string,
  targeting: GuideTargeting,
  context: TargetingContext,
): TargetingMiss {
  if (!matchAnyUrlPattern(targeting.urls, context.url)) return 'url';
  if (targeting.segments && !targeting.segments.includes(context.segment)) return 'segment';
  if (context.sessionCount < targeting.minSessions) return 'sessions';
  if (!traitsMatch(targeting.traits, context.traits)) return 'traits';
  if (!isSampled(userKeyOf(context), guideId, targeting.sampleRate)) return 'sample';
  return null;
}
