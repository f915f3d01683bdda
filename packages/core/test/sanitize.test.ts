import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitize } from '@revisit/core';

const clean = (input: object) => {
  const warnings: string[] = [];
  const output = sanitize(input, 'track("Test")', 'properties', (text) => warnings.push(text));
  return { output, warnings };
};

/** Values a host app might pass: JSON, plus everything JSON can't carry. */
const anything = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue(),
    fc.bigInt(),
    fc.constant(undefined),
    fc.constant(() => 1),
    fc.constant(Symbol('s')),
    fc.date({ noInvalidDate: false }),
    fc.double(),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** Only what JSON carries as is: no undefined, functions, BigInt, NaN, dates or cycles. */
function isJson(value: unknown, depth = 0): boolean {
  if (depth > 50) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJson(item, depth + 1));
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every((item) => isJson(item, depth + 1));
}

describe('sanitize', () => {
  it('turns any input into JSON that survives a round trip, without throwing', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), anything), (input) => {
        const { output } = clean(input);
        expect(isJson(output)).toBe(true);
        expect(() => JSON.stringify(output)).not.toThrow();
      }),
    );
  });

  it('leaves JSON input unchanged and silent', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 5 })), (input) => {
        const json = JSON.parse(JSON.stringify(input));
        const { output, warnings } = clean(json);
        expect(output).toEqual(json);
        expect(warnings).toEqual([]);
      }),
    );
  });

  it('replaces cycles, keeps shared references', () => {
    const shared = { a: 1 };
    const input: Record<string, unknown> = { one: shared, two: shared };
    input.loop = { back: input };
    const { output, warnings } = clean(input);
    expect(output).toEqual({ one: { a: 1 }, two: { a: 1 }, loop: { back: '[Circular]' } });
    expect(warnings).toEqual([
      'track("Test"): properties.loop.back refers to itself; replaced with "[Circular]"',
    ]);
  });

  it('drops functions, symbols and undefined; converts BigInt and dates', () => {
    const { output, warnings } = clean({
      fn: () => 1,
      sym: Symbol('x'),
      none: undefined,
      big: 12n,
      when: new Date(0),
      list: [undefined, 1],
    });
    expect(output).toEqual({ big: '12', when: '1970-01-01T00:00:00.000Z', list: [null, 1] });
    expect(warnings).toEqual([
      'track("Test"): properties.fn is a function; dropped',
      'track("Test"): properties.sym is a symbol; dropped',
      'track("Test"): properties.none is undefined; dropped',
      'track("Test"): properties.big is a BigInt; sent as a string',
      'track("Test"): properties.list[0] is undefined; dropped',
    ]);
  });

  it('cuts oversize strings and arrays, and drops what is nested too deep', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let level = 0; level < 20; level++) deep = deep.next = {};
    const { output, warnings } = clean({
      text: 'x'.repeat(10_000),
      list: new Array(2000).fill(0),
      root,
    });
    expect((output.text as string).length).toBe(8192);
    expect((output.list as unknown[]).length).toBe(1000);
    expect(JSON.stringify(output.root).length).toBeLessThan(200);
    expect(warnings).toHaveLength(3);
  });

  it('survives getters and toJSON that throw', () => {
    const input = {
      get broken() {
        throw new Error('no');
      },
      odd: { toJSON: () => 'as json' },
      bad: {
        toJSON() {
          throw new Error('no');
        },
      },
    };
    const { output } = clean(input);
    expect(output).toEqual({ odd: 'as json' });
  });
});
