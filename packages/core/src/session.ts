import type { Storage } from './storage.js';

/** A session as shared by every tab through storage. */
export interface SessionState {
  id: string;
  startedAt: number;
  lastActivity: number;
  /** How many sessions this browser has had, this one included. */
  count: number;
  /** Start of the first session ever; absent in states saved before it was kept. */
  firstSeenAt?: number;
  /** Last activity of the session before this one: the gap the lifecycle segment reads. */
  lastSeenAt?: number;
}

/** The shared session is written at most this often while it stays alive. */
export const SESSION_WRITE_MS = 5000;
const KEY = 'session';

/** The session of each event, shared by the tabs. */
export interface Sessions {
  /** Loads the shared state; call once storage is open. */
  load(): Promise<void>;
  /**
   * The session of an event made at time `at`, from memory when possible, else from storage.
   * `ends` is the `ends()` count when the event was made: events made after `end()` get a new
   * session even when written in the same batch as the ones before it.
   */
  sessionAt(at: number, ends: number): SessionState | Promise<SessionState>;
  /** Ends the session (at `reset()`): the next event starts another. */
  end(): void;
  /** How many times `end()` was called. */
  ends(): number;
  /**
   * The id the last `sessionAt` that went to storage will most likely resolve to, known at
   * once: for the last send of a page that has no time to wait.
   */
  guess(): string;
}

/**
 * Sessions end after `timeout` ms without an event in any tab. Each tab keeps the state in
 * memory and goes to storage only when its copy is stale (older than `SESSION_WRITE_MS`) or
 * timed out, so a tab woken after the timeout first checks whether another tab kept the
 * session alive, and only then starts a new one.
 */
export function createSessions(storage: Storage, timeout: number, uuid: () => string): Sessions {
  let state: SessionState | undefined;
  let written = -Infinity;
  let ends = 0;
  let applied = 0;
  // The id of the next new session, minted ahead so that `guess` can know it.
  let candidate = uuid();
  let guessed = candidate;
  const isFresh = (at: number) => state !== undefined && at - state.lastActivity < timeout;

  const next = (stored: SessionState | undefined, at: number, renew: boolean): SessionState => {
    const base = stored ?? state;
    if (base && !renew && at - base.lastActivity < timeout) {
      return { ...base, lastActivity: Math.max(base.lastActivity, at) };
    }
    const firstSeenAt = base?.firstSeenAt ?? base?.startedAt ?? at;
    const count = (base?.count ?? 0) + 1;
    return {
      id: candidate,
      startedAt: at,
      lastActivity: at,
      count,
      firstSeenAt,
      lastSeenAt: base?.lastActivity,
    };
  };

  const refresh = async (at: number, renew: boolean) => {
    state = (await storage.update<SessionState>(KEY, (stored) => next(stored, at, renew)))!;
    written = at;
    if (state.id === candidate) candidate = uuid();
    return state;
  };

  return {
    async load() {
      state = await storage.get<SessionState>(KEY);
    },
    sessionAt(at, endsThen) {
      const renew = endsThen > applied;
      applied = Math.max(applied, endsThen);
      if (renew || !isFresh(at)) {
        guessed = candidate;
        return refresh(at, renew);
      }
      if (at - written >= SESSION_WRITE_MS) {
        guessed = state!.id;
        return refresh(at, renew);
      }

      state!.lastActivity = Math.max(state!.lastActivity, at);
      return state!;
    },
    end() {
      ends += 1;
    },
    ends: () => ends,
    guess: () => guessed,
  };
}
