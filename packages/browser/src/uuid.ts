/**
 * A version 4 UUID. `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost),
 * so plain-HTTP pages get one built from `getRandomValues`, which works everywhere.
 */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();

  // Each template digit becomes random bits; 4 and 8 keep the version and variant valid.
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (digit) => {
    const value = Number(digit);
    return (value ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (value / 4)))).toString(
      16,
    );
  });
}
