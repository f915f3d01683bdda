import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseGuides } from '@revisit/schema';
import { describe, expect, it } from 'vitest';
import { checkGuides } from '../../src/guides/check-guides.js';

const ROOT = new URL('../../../../', import.meta.url).pathname;

/** A field that is absent, valid, or wrong in one of the ways developers get it wrong. */
const field = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 30, arbitrary: valid },
    { weight: 1, arbitrary: invalid },
  );

/** A required field: mostly valid, sometimes wrong or missing. */
const required = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 60, arbitrary: valid },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: invalid },
  );

const junk = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.string(), fc.object());
const pattern = fc.oneof(fc.constantFrom('/tasks', '/tasks/*', '/#/done', 'https://a.test/**'));
const badPattern = fc.constantFrom('tasks', '', 'x'.repeat(501));

const stepArb = fc.record(
  {
    target: field(fc.constantFrom('#add', ' .list li ', 'nav a'), fc.constantFrom('', '  ', 3)),
    title: required(
      fc.constantFrom('Add a task', '  Padded  '),
      fc.constantFrom('', ' ', 'x'.repeat(201)),
    ),
    body: field(fc.string({ maxLength: 20 }), fc.constantFrom(1, 'x'.repeat(2001))),
    placement: field(fc.constantFrom('auto', 'top-start', 'right-end'), fc.constantFrom('up', '')),
    image: field(
      fc.record({ url: fc.constantFrom('/a.png', 'https://x.test/b.png'), alt: fc.string() }),
      fc.oneof(
        junk,
        fc.constant({ url: 'javascript:alert(1)', alt: '' }),
        fc.constant({ url: '//evil.test/a.png', alt: '' }),
        fc.constant({ url: '/a.png' }),
      ),
    ),
    buttons: field(
      fc.record({ next: fc.constantFrom('Go', ' Next ') }, { requiredKeys: [] }),
      fc.oneof(junk, fc.constant({ done: '' }), fc.constant({ skip: 'x'.repeat(61) })),
    ),
    advanceOnTargetClick: field(fc.boolean(), fc.constantFrom('yes', 1)),
    url: field(pattern, badPattern),
    waitMs: field(fc.integer({ min: 0, max: 60_000 }), fc.constantFrom(-1, 1.5, 60_001, '5')),
    extra: fc.constant('dropped'),
  },
  { requiredKeys: ['extra'] },
);

const tourArb = fc.record({
  type: required(fc.constant('tour'), fc.constantFrom('prompt', 1)),
  id: required(
    fc.constantFrom('first-run', 'a.b:c', 'first-run'),
    fc.constantFrom('', 'no spaces', 7),
  ),
  version: field(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, 1.5, '2')),
  steps: required(
    fc.array(stepArb, { minLength: 1, maxLength: 3 }),
    fc.oneof(junk, fc.constant([])),
  ),
  targeting: field(
    fc.record(
      {
        urls: field(fc.array(pattern, { minLength: 1, maxLength: 2 }), fc.constant([])),
        segments: field(
          fc.subarray(['new', 'active', 'returning', 'dormant'], { minLength: 1 }),
          fc.constantFrom([], ['old']),
        ),
        traits: field(
          fc.dictionary(fc.constantFrom('plan', 'beta'), fc.oneof(fc.string(), fc.boolean())),
          fc.constant({ plan: { nested: true } }),
        ),
        minSessions: field(fc.integer({ min: 0, max: 9 }), fc.constantFrom(-1, 0.5)),
        sampleRate: field(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(2, -0.1)),
      },
      { requiredKeys: [] },
    ),
    junk,
  ),
  trigger: field(
    fc.oneof(
      fc.constant({ type: 'pageView' }),
      fc.constant({ type: 'event', event: 'Task Added' }),
      fc.record({ type: fc.constant('delay'), ms: fc.integer({ min: 0, max: 600_000 }) }),
    ),
    fc.oneof(junk, fc.constant({ type: 'event' }), fc.constant({ type: 'delay', ms: -1 })),
  ),
  repeat: field(
    fc.oneof(fc.boolean(), fc.record({ afterDays: fc.integer({ min: 0, max: 3650 }) })),
    fc.oneof(fc.constant('always'), fc.constant({ afterDays: -1 })),
  ),
});

describe('checkGuides', () => {
  it('keeps what parseGuides keeps, with the same defaults, and names a field it names', () => {
    fc.assert(
      fc.property(fc.array(tourArb, { maxLength: 4 }), (definitions) => {
        const lite = checkGuides(definitions);
        const full = parseGuides(definitions);

        expect(lite.guides).toEqual(full.guides);
        const skipped = (issues: { index: number }[]) => [...new Set(issues.map((i) => i.index))];
        expect(skipped(lite.issues)).toEqual(skipped(full.issues));
        for (const issue of lite.issues) {
          const paths = full.issues.filter((i) => i.index === issue.index).map((i) => i.path);
          expect(paths.some((path) => path.startsWith(issue.path))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('accepts the demo tour as parseGuides does', () => {
    const demo = JSON.parse(readFileSync(`${ROOT}demo/guides.json`, 'utf8'));
    expect(checkGuides(demo)).toEqual(parseGuides(demo));
    expect(checkGuides({ guides: demo })).toEqual(parseGuides({ guides: demo }));
  });

  it('refuses input that is not a list', () => {
    expect(checkGuides('nope').issues).toEqual(parseGuides('nope').issues);
  });
});
