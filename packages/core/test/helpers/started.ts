import { createRevisit, type RevisitOptions } from '@revisit/core';
import { createLogSink, createTestPlatform, type Responder } from './platform.js';

/**
 * An SDK instance on the fake platform, plus what a test inspects. Pass `fake` to give two
 * instances one storage, like two tabs of one origin.
 */
export function startRevisit(
  options: Partial<RevisitOptions> = {},
  fake = createTestPlatform(),
  respond?: Responder,
) {
  if (respond) fake.respondWith(respond);
  const log = createLogSink();
  const revisit = createRevisit(() => fake.platform);
  revisit.init({ writeKey: 'wk', logger: log.sink, ...options });
  return { revisit, fake, log };
}

/** Lets queued promises and writes settle. */
export async function settle(rounds = 10) {
  for (let round = 0; round < rounds; round++) await Promise.resolve();
}
