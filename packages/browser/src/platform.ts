import { systemClock, type CreatePlatform } from '@revisit/core';
import { createContext } from './context.js';
import { openBrowserStorage } from './idb-storage.js';
import { createLifecycle } from './lifecycle.js';
import { webLocks } from './locks.js';
import { createFetchTransport } from './transport.js';
import { uuid } from './uuid.js';

/** The web platform: IndexedDB, fetch and beacons, page lifecycle, Web Locks. */
export const createBrowserPlatform: CreatePlatform = ({ writeKey, logger }) => ({
  openStorage: () => openBrowserStorage(writeKey, logger),
  transport: createFetchTransport(),
  clock: systemClock,
  lifecycle: createLifecycle(),
  locks: webLocks(),
  context: createContext(),
  uuid,
});
