import type { GuideDefinition, GuideIssue, ParsedGuides } from '@revisit/schema';

// The rules of `tourDefinitionSchema` in @revisit/schema, checked by hand: zod would add
// about 90 KB gzip to the chunk the SDK loads when a guide must show. The collector checks
// its file with the zod schema itself, and a test holds the two to the same answers.

type Check = (value: unknown, path: string) => unknown;

/** A field that fails: the path names it, as in `parseGuides`. */
class Invalid {
  constructor(
    readonly path: string,
    readonly message: string,
  ) {}
}

const fail = (path: string, message: string): never => {
  throw new Invalid(path, message);
};
const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

const string =
  (min: number, max: number, trim = false): Check =>
  (value, path) => {
    if (typeof value !== 'string') return fail(path, 'expected string');
    const text = trim ? value.trim() : value;
    if (text.length < min || text.length > max) fail(path, `expected ${min} to ${max} characters`);
    return text;
  };

const number =
  (min: number, max: number, integer = false): Check =>
  (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return fail(path, 'expected number');
    if (integer && !Number.isInteger(value)) fail(path, 'expected an integer');
    if (value < min || value > max) fail(path, `expected ${min} to ${max}`);
    return value;
  };

const boolean: Check = (value, path) =>
  typeof value === 'boolean' ? value : fail(path, 'expected boolean');

const oneOf =
  (values: readonly string[]): Check =>
  (value, path) =>
    values.includes(value as string) ? value : fail(path, `expected one of ${values.join(', ')}`);

const matching =
  (check: Check, test: (text: string) => boolean, message: string): Check =>
  (value, path) => {
    const text = check(value, path) as string;
    return test(text) ? text : fail(path, message);
  };

const list =
  (item: Check, min: number, max: number): Check =>
  (value, path) => {
    if (!Array.isArray(value)) return fail(path, 'expected array');
    if (value.length < min || value.length > max) fail(path, `expected ${min} to ${max} items`);
    return value.map((entry, index) => item(entry, join(path, index)));
  };

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(path, 'expected object');
  return value as Record<string, unknown>;
}

/**
 * An object: each field checked, unknown ones dropped (as zod does), absent ones given their
 * default, left out, or (`required`) refused.
 */
const object =
  (fields: Record<string, Check>, defaults: Record<string, unknown> = {}, required = ''): Check =>
  (value, path) => {
    const input = record(value, path);
    const output: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(fields)) {
      const given = input[key];
      if (given !== undefined) output[key] = check(given, join(path, key));
      else if (key in defaults) output[key] = defaults[key];
      else if (required.split(' ').includes(key)) fail(join(path, key), 'required');
    }
    return output;
  };

const STEP_PLACEMENTS = ['auto', 'top', 'bottom', 'left', 'right'].flatMap((side) =>
  side === 'auto' ? [side] : [side, `${side}-start`, `${side}-end`],
);
const SEGMENTS = ['new', 'active', 'returning', 'dormant'];
const MAX = Number.MAX_SAFE_INTEGER;

const urlPattern = matching(
  string(1, 500),
  (text) => text.startsWith('/') || text.includes('://'),
  'must start with / or be a full URL pattern (https://...)',
);
const label = string(1, 60, true);

const step = object(
  {
    target: string(1, 500, true),
    title: string(1, 200, true),
    body: string(0, 2000),
    placement: oneOf(STEP_PLACEMENTS),
    image: object(
      {
        url: matching(
          string(0, 2000),
          (text) => /^https?:\/\//i.test(text) || /^\/(?!\/)/.test(text),
          'must be an http(s) URL or a path starting with /',
        ),
        alt: string(0, 300),
      },
      {},
      'url alt',
    ),
    buttons: object({ next: label, back: label, done: label, skip: label }),
    advanceOnTargetClick: boolean,
    url: urlPattern,
    waitMs: number(0, 60_000, true),
  },
  { body: '', placement: 'auto', advanceOnTargetClick: false, waitMs: 5000 },
  'title',
);

const traits: Check = (value, path) => {
  const input = record(value, path);
  for (const [name, trait] of Object.entries(input)) {
    if (name.length < 1 || name.length > 200) fail(join(path, name), 'bad trait name');
    if (trait !== null && !['string', 'number', 'boolean'].includes(typeof trait))
      fail(join(path, name), 'expected string, number, boolean or null');
  }
  return input;
};

const targeting = object(
  {
    urls: list(urlPattern, 1, 50),
    segments: list(oneOf(SEGMENTS), 1, MAX),
    traits,
    minSessions: number(0, MAX, true),
    sampleRate: number(0, 1),
  },
  { minSessions: 0, sampleRate: 1 },
);

const trigger: Check = (value, path) => {
  const { type } = record(value, path);
  if (type === 'pageView') return { type };

  const fields =
    type === 'event'
      ? object({ event: string(1, 200) }, {}, 'event')
      : type === 'delay' && object({ ms: number(0, 600_000, true) }, {}, 'ms');
  if (!fields) return fail(join(path, 'type'), 'expected pageView, event or delay');
  return { type, ...(fields(value, path) as object) };
};

const repeat: Check = (value, path) => {
  if (value === false) return null;
  if (value === true) return { afterDays: 0 };
  return object({ afterDays: number(0, 3650) })(value, path);
};

const tour = object(
  {
    type: oneOf(['tour']),
    id: matching(
      string(1, 100),
      (text) => /^[\w.:-]+$/.test(text),
      'use letters, digits, _ . : or -',
    ),
    version: number(1, MAX, true),
    steps: list(step, 1, 50),
    targeting,
    trigger,
    repeat,
  },
  {
    version: 1,
    targeting: { minSessions: 0, sampleRate: 1 },
    trigger: { type: 'pageView' },
    repeat: null,
  },
  'type id steps',
);

/**
 * `parseGuides` without zod, for the SDK: the same definitions kept, with the same defaults,
 * and the same issues (index, id, path; the messages are shorter), one per skipped definition.
 */
export function checkGuides(input: unknown): ParsedGuides {
  const entries = Array.isArray(input) ? input : (input as { guides?: unknown } | null)?.guides;
  if (!Array.isArray(entries))
    return {
      guides: [],
      issues: [{ index: -1, path: '', message: 'expected an array of guide definitions' }],
    };

  const guides: GuideDefinition[] = [];
  const issues: GuideIssue[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const raw = (entry as { id?: unknown } | null)?.id;
    const id = typeof raw === 'string' && raw !== '' ? raw : undefined;
    try {
      const guide = tour(entry, '') as GuideDefinition;
      if (seen.has(guide.id)) fail('id', 'duplicate guide id');
      seen.add(guide.id);
      guides.push(guide);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      issues.push({ index, ...(id && { id }), path: error.path, message: error.message });
    }
  });
  return { guides, issues };
}
