import { describe, expect, it } from 'vitest';
import { writeKeyFromRequest } from '../../src/ingest/write-key.js';

function keyOf(headers: Record<string, string>, query = '') {
  return writeKeyFromRequest(new Request(`http://collector.test/v1/batch${query}`, { headers }));
}

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('writeKeyFromRequest', () => {
  it('takes the Basic auth user name, with or without a password', () => {
    expect(keyOf({ Authorization: basic('wk:') })).toBe('wk');
    expect(keyOf({ Authorization: basic('wk:secret') })).toBe('wk');
    expect(keyOf({ Authorization: basic('wk') })).toBe('wk');
    expect(keyOf({ Authorization: basic('wk').replace('Basic', 'basic') })).toBe('wk');
  });

  it('prefers Basic auth, then X-Write-Key, then the query string', () => {
    expect(keyOf({ Authorization: basic('a:'), 'X-Write-Key': 'b' }, '?writeKey=c')).toBe('a');
    expect(keyOf({ 'X-Write-Key': 'b' }, '?writeKey=c')).toBe('b');
    expect(keyOf({}, '?writeKey=c')).toBe('c');
  });

  it('finds no key in a Bearer token, an empty user name or an empty query value', () => {
    expect(keyOf({ Authorization: 'Bearer token' })).toBeUndefined();
    expect(keyOf({ Authorization: basic(':password') })).toBeUndefined();
    expect(keyOf({}, '?writeKey=')).toBeUndefined();
  });
});
