/**
 * FNV-1a, 32 bits: tiny, fast and well spread for short strings. Not cryptographic, and it
 * need not be: it only has to put the same user in the same bucket on every device.
 */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A stable number in [0, 1) for a user and a guide. */
export function sampleBucket(userKey: string, guideId: string): number {
  // The guide id is part of the key so that each guide samples a different set of users.
  return fnv1a(`${guideId}\u0000${userKey}`) / 2 ** 32;
}

/**
 * Whether a user falls into a guide's sample. Deterministic: the same user always gets the
 * same answer for the same guide and rate, and raising the rate only ever adds users.
 */
export function isSampled(userKey: string, guideId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;

  return sampleBucket(userKey, guideId) < rate;
}
