import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchAnyUrlPattern, matchUrlPattern } from '../../src/guides/index.js';

// Dot segments are left out: URL parsing resolves them (`/a/../b` is `/b`), as browsers do.
const segment = fc.stringMatching(/^[a-z0-9._~-]{1,12}$/).filter((part) => !/^\.+$/.test(part));
const path = fc
  .array(segment, { minLength: 1, maxLength: 5 })
  .map((parts) => `/${parts.join('/')}`);

describe('matchUrlPattern', () => {
  it.each([
    ['/tasks', 'https://app.test/tasks', true],
    ['/tasks', 'https://app.test/tasks/', true],
    ['/tasks/', 'https://app.test/tasks', true],
    ['/tasks/*', 'https://app.test/tasks/42', true],
    ['/tasks/*', 'https://app.test/tasks/42/edit', false],
    ['/tasks/**', 'https://app.test/tasks/42/edit', true],
    ['/tasks/*/edit', '/tasks/42/edit', true],
    ['/tasks', 'https://app.test/tasks?tab=done#top', true],
    ['/tasks?tab=done', 'https://app.test/tasks?tab=done', true],
    ['/tasks?tab=done', 'https://app.test/tasks?tab=open', false],
    ['https://app.test/*', 'https://app.test/tasks', true],
    ['https://app.test/*', 'https://other.test/tasks', false],
    ['https://*.app.test/**', 'https://eu.app.test/a/b', true],
    ['/a.b', '/axb', false],
    ['/#/tasks', 'https://app.test/#/tasks', true],
    ['/#/tasks', 'https://app.test/#/done', false],
    ['/#/tasks/*', 'https://app.test/?x=1#/tasks/7', true],
    ['/(x)', '/(x)', true],
  ])('%s against %s is %s', (pattern, url, expected) => {
    expect(matchUrlPattern(pattern, url)).toBe(expected);
  });

  it('matches every path against itself', () => {
    fc.assert(fc.property(path, (value) => matchUrlPattern(value, `https://x.test${value}`)));
  });

  it('never lets * cross a slash', () => {
    fc.assert(
      fc.property(path, segment, segment, (base, a, b) => {
        expect(matchUrlPattern(`${base}/*`, `${base}/${a}`)).toBe(true);
        expect(matchUrlPattern(`${base}/*`, `${base}/${a}/${b}`)).toBe(false);
        expect(matchUrlPattern(`${base}/**`, `${base}/${a}/${b}`)).toBe(true);
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (p, u) => typeof matchUrlPattern(p, u) === 'boolean'),
    );
  });
});

describe('matchAnyUrlPattern', () => {
  it('matches every URL when no patterns are given', () => {
    expect(matchAnyUrlPattern(undefined, '/anything')).toBe(true);
  });

  it('matches when one pattern does', () => {
    expect(matchAnyUrlPattern(['/a', '/b/*'], '/b/1')).toBe(true);
    expect(matchAnyUrlPattern(['/a', '/b/*'], '/c')).toBe(false);
  });
});
