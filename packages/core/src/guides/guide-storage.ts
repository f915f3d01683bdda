import type { TourState } from './tour-state.js';

/**
 * The little the engine needs from storage. The browser passes IndexedDB, a mobile shell
 * its own store, tests a Map. Values are plain JSON-compatible objects.
 */
export interface GuideStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

/** The states of every tour for one user, keyed by tour id. */
export type TourStates = Record<string, TourState>;

/** Default prefix of the storage key of tour states. */
export const TOUR_STATES_KEY = 'revisit.tours';

/**
 * The storage key of one user's tour states. Exported so that a light pre-check (a page
 * view deciding whether to load the UI chunk at all) reads exactly what the engine writes.
 */
export function tourStatesKey(userKey: string, prefix = TOUR_STATES_KEY): string {
  return `${prefix}:${userKey}`;
}

/** A storage kept in memory: for tests, and where nothing can persist. */
export function createMemoryGuideStorage(): GuideStorage {
  const values = new Map<string, unknown>();
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => {
      values.set(key, value);
    },
  };
}

/** Reads saved states, dropping anything that is not one (old format, tampering). */
export function readTourStates(value: unknown): TourStates {
  if (typeof value !== 'object' || value === null) return {};

  const states: TourStates = {};
  for (const [id, state] of Object.entries(value)) {
    if (isTourState(state)) states[id] = state;
  }
  return states;
}

function isTourState(value: unknown): value is TourState {
  if (typeof value !== 'object' || value === null) return false;

  const { status, version, step } = value as Record<string, unknown>;
  if (status === 'not-started') return true;
  if (typeof version !== 'number' || typeof step !== 'number') return false;
  return status === 'in-progress' || status === 'completed' || status === 'dismissed';
}
