import type { Storage } from './storage.js';

/** Who the events are about, persisted so that it survives reloads. */
export interface IdentityState {
  anonymousId: string;
  userId?: string;
}

const KEY = 'identity';

/** The anonymous id and user id of one SDK instance. */
export interface Identity {
  /** Loads the persisted identity, minting an `anonymousId` on first run. */
  load(): Promise<void>;
  get(): IdentityState;
  setUserId(userId: string): void;
  /** Forgets the user and starts over as a new anonymous visitor. */
  reset(): void;
}

/** Creates the identity, persisted in `storage`; failed writes go to `onFault`. */
export function createIdentity(
  storage: Storage,
  uuid: () => string,
  onFault: (error: unknown) => void,
): Identity {
  let state: IdentityState = { anonymousId: uuid() };

  const save = () => {
    const snapshot = { ...state };
    storage.update(KEY, () => snapshot).catch(onFault);
  };

  return {
    async load() {
      const stored = await storage.get<IdentityState>(KEY);
      if (stored?.anonymousId) state = stored;
      else save();
    },
    get: () => state,
    setUserId(userId) {
      if (state.userId === userId) return;
      state = { ...state, userId };
      save();
    },
    reset() {
      state = { anonymousId: uuid() };
      save();
    },
  };
}
