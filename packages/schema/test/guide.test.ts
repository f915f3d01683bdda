import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGuides, tourDefinitionSchema } from '@revisit/schema';

const tour = (overrides: Record<string, unknown> = {}) => ({
  type: 'tour',
  id: 'first-run',
  steps: [{ target: '#add-task', title: 'Add a task', body: 'Type and press Enter.' }],
  ...overrides,
});

describe('tourDefinitionSchema', () => {
  it('fills in defaults for a minimal tour', () => {
    const result = tourDefinitionSchema.parse(tour());
    expect(result).toMatchObject({
      version: 1,
      trigger: { type: 'pageView' },
      targeting: { minSessions: 0, sampleRate: 1 },
      repeat: null,
    });
    expect(result.steps[0]).toMatchObject({
      placement: 'auto',
      advanceOnTargetClick: false,
      waitMs: 5000,
    });
  });

  it('accepts a centered step without a target', () => {
    const result = tourDefinitionSchema.safeParse(tour({ steps: [{ title: 'Welcome' }] }));
    expect(result.success).toBe(true);
  });

  it('normalises repeat to null or { afterDays }', () => {
    expect(tourDefinitionSchema.parse(tour({ repeat: true })).repeat).toEqual({ afterDays: 0 });
    expect(tourDefinitionSchema.parse(tour({ repeat: false })).repeat).toBeNull();
    expect(tourDefinitionSchema.parse(tour({ repeat: { afterDays: 30 } })).repeat).toEqual({
      afterDays: 30,
    });
  });

  it('rejects image urls that could run script', () => {
    for (const url of ['javascript:alert(1)', 'data:image/svg+xml,<svg/>', '//evil.test/x.png']) {
      const steps = [{ title: 't', image: { url, alt: '' } }];
      expect(tourDefinitionSchema.safeParse(tour({ steps })).success).toBe(false);
    }
  });

  it('accepts every trigger kind', () => {
    for (const trigger of [
      { type: 'pageView' },
      { type: 'event', event: 'Task Added' },
      { type: 'delay', ms: 2000 },
    ]) {
      expect(tourDefinitionSchema.safeParse(tour({ trigger })).success).toBe(true);
    }
  });
});

describe('parseGuides', () => {
  it('skips an invalid definition, names the field and keeps the others', () => {
    const input = [
      tour({ id: 'a' }),
      tour({ id: 'b', targeting: { sampleRate: 2 } }),
      tour({ id: 'c' }),
    ];
    const { guides, issues } = parseGuides(input);
    expect(guides.map((guide) => guide.id)).toEqual(['a', 'c']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ index: 1, id: 'b', path: 'targeting.sampleRate' });
  });

  it('names nested step fields', () => {
    const { issues } = parseGuides([tour({ steps: [{ title: 'ok' }, { title: '' }] })]);
    expect(issues[0]).toMatchObject({ index: 0, path: 'steps.1.title' });
  });

  it('accepts the collector answer shape { guides }', () => {
    expect(parseGuides({ guides: [tour()] }).guides).toHaveLength(1);
  });

  it('reports input that is not a list', () => {
    const { guides, issues } = parseGuides('nope');
    expect(guides).toEqual([]);
    expect(issues[0]).toMatchObject({ index: -1 });
  });

  it('keeps the first of two definitions with the same id', () => {
    const { guides, issues } = parseGuides([tour({ version: 1 }), tour({ version: 2 })]);
    expect(guides).toHaveLength(1);
    expect(guides[0]?.version).toBe(1);
    expect(issues[0]).toMatchObject({ index: 1, path: 'id', message: 'duplicate guide id' });
  });

  it('omits the id of an issue when the entry has none', () => {
    const { issues } = parseGuides([{ type: 'tour' }]);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((issue) => issue.id === undefined)).toBe(true);
  });

  it('never throws and accounts for every entry, whatever the input', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.anything(), fc.constant(tour()))), (input) => {
        const { guides, issues } = parseGuides(input);
        const skipped = new Set(issues.map((issue) => issue.index));
        expect(guides.length + skipped.size).toBe(input.length);
      }),
    );
  });

  it('keeps every valid definition with a distinct id', () => {
    const ids = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), { maxLength: 10 });
    fc.assert(
      fc.property(ids, (list) => {
        const { guides, issues } = parseGuides(list.map((id) => tour({ id })));
        expect(issues).toEqual([]);
        expect(guides.map((guide) => guide.id)).toEqual(list);
      }),
    );
  });
});
