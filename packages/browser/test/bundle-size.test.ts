// Size budgets of what the script tag loads, measured on the built files (gzip -9 bytes are
// deterministic). Build first: `node scripts/build.mjs` (`npm test` does).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '../dist');

/**
 * Every raise of a budget says what it pays for.
 * - revisit.min.js: 9,575 bytes before guides (at 12c3413); issue #4 allows 2 KB more for
 *   the guide wiring that stays in it (the pre-check, routes, the chunk loader; 1,998 bytes
 *   at c252054); then 813 bytes for the IndexedDB queue kept as one record per write
 *   (d2d43ae: far fewer requests and clones per event); then 35 bytes for a deleted database
 *   whose queue and values are read into the memory fallback before it goes (issue #3: it
 *   costs 110 bytes, 75 were spare; without it a deleted database loses its whole backlog).
 * - revisit-guides.js, loaded only when a tour may show: the engine, the runner and the
 *   definition checks without zod (zod alone would be about 90 KB).
 */
const BUDGETS: Record<string, number> = {
  'revisit.min.js': 9575 + 2048 + 813 + 35,
  'revisit-guides.js': 5 * 1024,
};

const gzipBytes = (file: string) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;

describe.each(Object.entries(BUDGETS))('%s', (file, budget) => {
  it.skipIf(!existsSync(join(DIST, file)))(`stays within ${budget} bytes gzip`, () => {
    const bytes = gzipBytes(file);
    console.log(`${file}: ${bytes} bytes gzip (budget ${budget})`);
    expect(bytes).toBeLessThanOrEqual(budget);
  });
});
