/** Longest string kept in properties or traits, in characters; longer ones are cut. */
export const MAX_STRING_LENGTH = 8192;
/** Most items kept from one array. */
export const MAX_ARRAY_LENGTH = 1000;
/** Deepest nesting kept; deeper values are dropped. */
export const MAX_DEPTH = 12;

const DROP = Symbol('drop');

interface Walk {
  where: string;
  warn: (message: string) => void;
  ancestors: object[];
}

/**
 * Turns arbitrary properties into a JSON-safe object without ever throwing: cycles become
 * `'[Circular]'`, functions, symbols and `undefined` are dropped, BigInt becomes a string,
 * dates become ISO strings, and long strings or arrays are cut. Each change is reported
 * through `warn`, naming the call (`where`, e.g. `track("Checkout")`) and the path.
 */
export function sanitize(
  input: object,
  where: string,
  root: string,
  warn: (message: string) => void,
): Record<string, unknown> {
  const walk: Walk = { where, warn, ancestors: [] };
  const result = cleanObject(input, root, walk, 0);
  return result === DROP ? {} : (result as Record<string, unknown>);
}

function report(walk: Walk, path: string, problem: string) {
  walk.warn(`${walk.where}: ${path} ${problem}`);
}

function clean(value: unknown, path: string, walk: Walk, depth: number): unknown {
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'string':
      if (value.length <= MAX_STRING_LENGTH) return value;
      report(walk, path, `is longer than ${MAX_STRING_LENGTH} characters; truncated`);
      return value.slice(0, MAX_STRING_LENGTH);
    case 'number':
      if (Number.isFinite(value)) return value;
      report(walk, path, `is ${value}; replaced with null`);
      return null;
    case 'bigint':
      report(walk, path, 'is a BigInt; sent as a string');
      return value.toString();
    case 'object':
      return value === null ? null : cleanObject(value, path, walk, depth);
    default:
      report(walk, path, `is ${value === undefined ? 'undefined' : `a ${typeof value}`}; dropped`);
      return DROP;
  }
}

function cleanObject(value: object, path: string, walk: Walk, depth: number): unknown {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value.toISOString();
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return cleanJson(value, path, walk, depth);
  if (walk.ancestors.includes(value)) {
    report(walk, path, 'refers to itself; replaced with "[Circular]"');
    return '[Circular]';
  }
  if (depth >= MAX_DEPTH) {
    report(walk, path, `is nested deeper than ${MAX_DEPTH} levels; dropped`);
    return DROP;
  }

  walk.ancestors.push(value);
  try {
    return Array.isArray(value)
      ? cleanArray(value, path, walk, depth)
      : cleanEntries(value, path, walk, depth);
  } catch {
    // A proxy that throws on enumeration: nothing can be read from it.
    report(walk, path, 'could not be read; dropped');
    return DROP;
  } finally {
    walk.ancestors.pop();
  }
}

function cleanArray(value: unknown[], path: string, walk: Walk, depth: number): unknown[] {
  if (value.length > MAX_ARRAY_LENGTH) {
    report(walk, path, `has more than ${MAX_ARRAY_LENGTH} items; truncated`);
  }
  const length = Math.min(value.length, MAX_ARRAY_LENGTH);
  const result: unknown[] = new Array(length);
  for (let index = 0; index < length; index++) {
    const item = clean(value[index], `${path}[${index}]`, walk, depth + 1);
    // Array positions carry meaning, so a dropped item leaves a null behind, as JSON does.
    result[index] = item === DROP ? null : item;
  }
  return result;
}

function cleanEntries(value: object, path: string, walk: Walk, depth: number) {
  const result: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    let item: unknown;
    try {
      item = clean((value as Record<string, unknown>)[key], `${path}.${key}`, walk, depth + 1);
    } catch {
      // A throwing getter: the value can't be read, so it can't be sent.
      report(walk, `${path}.${key}`, 'could not be read; dropped');
      continue;
    }
    if (item === DROP) continue;
    // Assigning `__proto__` would change the prototype instead of adding the key JSON had.
    if (key === '__proto__') {
      Object.defineProperty(result, key, { value: item, enumerable: true, writable: true });
    } else result[key] = item;
  }
  return result;
}

/** Objects that know how to become JSON (Luxon, Decimal, Moment...) are asked to, as JSON does. */
function cleanJson(value: object, path: string, walk: Walk, depth: number): unknown {
  try {
    return clean((value as { toJSON(): unknown }).toJSON(), path, walk, depth + 1);
  } catch {
    report(walk, path, 'threw in toJSON(); dropped');
    return DROP;
  }
}
