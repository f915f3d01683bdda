import type { GuideContext } from './select-guide.js';
import { matchAnyUrlPattern, matchUrlPattern } from './url-pattern.js';

/** A definition as written: nothing is known to be there or of the right type. */
interface Written {
  id?: string;
  steps?: { url?: string }[];
  trigger?: { type?: string; event?: string };
  targeting?: { urls?: string[]; segments?: string[]; minSessions?: number };
  repeat?: unknown;
}

/**
 * The SDK's cheap first look at definitions as written, before they are checked: whether a
 * tour could show now. It lives in the main bundle, so it reads only the rules that rule
 * most pages out (what the user already ended, the trigger, the page, the segment, the
 * session count) and answers true whenever the engine might: traits, sampling and the
 * timing of repeats are left to the engine, in the chunk this answer makes the SDK load.
 * A definition too broken to read also answers true, so that the checks name the fault.
 */
export function mightShow(
  definitions: readonly unknown[],
  states: unknown,
  context: GuideContext,
): boolean {
  const { url, trigger: happened } = context;
  return definitions.some((definition) => {
    try {
      const { id, steps, trigger, targeting, repeat } = definition as Written;
      const state = (states as Record<string, { status?: string }> | undefined)?.[id!]?.status;
      // In progress: it resumes on the page of its current step, which the engine knows.
      if (state === 'in-progress') return true;
      if ((state === 'completed' || state === 'dismissed') && !repeat) return false;

      const wanted = trigger?.type === 'event' ? trigger.event : undefined;
      if (wanted !== (happened.type === 'event' ? happened.event : undefined)) return false;
      const first = steps?.[0]?.url;
      if (!(first ? matchUrlPattern(first, url) : matchAnyUrlPattern(targeting?.urls, url)))
        return false;
      if (targeting?.segments && !targeting.segments.includes(context.segment)) return false;
      return context.sessionCount >= (targeting?.minSessions ?? 0);
    } catch {
      return true;
    }
  });
}
