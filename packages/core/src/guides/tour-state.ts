import type { TourDefinition } from '@revisit/schema';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Where one user stands with one tour, as persisted. A tour that could not show (its
 * target never appeared) stays `not-started` or `in-progress`: only the user ends a tour.
 */
export type TourState =
  | { status: 'not-started' }
  | { status: 'in-progress'; version: number; step: number; startedAt: number }
  | {
      status: 'completed' | 'dismissed';
      version: number;
      step: number;
      at: number;
      /** The session it ended in: `repeat: true` waits for another one. */
      sessionId?: string;
    };

export const NOT_STARTED: TourState = { status: 'not-started' };

/** The step to show when the tour starts or resumes: saved progress of this version, or 0. */
export function resumeStep(state: TourState, tour: TourDefinition): number {
  if (state.status !== 'in-progress' || state.version !== tour.version) return 0;

  return Math.min(state.step, tour.steps.length - 1);
}

/**
 * Whether a tour may start (or resume) automatically. Never after completion or dismissal,
 * unless the definition has `repeat` and its wait is over; `afterDays: 0` still waits for
 * another session so that closing a tour never makes it pop straight back.
 */
export function mayShow(
  state: TourState,
  tour: TourDefinition,
  now: number,
  sessionId?: string,
): boolean {
  if (state.status === 'not-started' || state.status === 'in-progress') return true;
  if (!tour.repeat) return false;

  if (now - state.at < tour.repeat.afterDays * DAY_MS) return false;
  return tour.repeat.afterDays > 0 || state.sessionId !== sessionId;
}

/** Moves the saved progress to `step`, starting the tour when it was not in progress. */
export function atStep(state: TourState, tour: TourDefinition, step: number, now: number) {
  const startedAt =
    state.status === 'in-progress' && state.version === tour.version ? state.startedAt : now;
  return { status: 'in-progress', version: tour.version, step, startedAt } satisfies TourState;
}

/** Ends the tour for this user. */
export function ended(
  status: 'completed' | 'dismissed',
  tour: TourDefinition,
  step: number,
  now: number,
  sessionId?: string,
): TourState {
  return { status, version: tour.version, step, at: now, ...(sessionId && { sessionId }) };
}
