import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { ConfigError, parseReadConfig, parseServeConfig } from '@revisit/collector';
import { describe, expect, it } from 'vitest';

const base = ['--port', '4318', '--db', 'events.db', '--write-key', 'wk'];

describe('parseServeConfig', () => {
  it('reads the flags with their defaults', () => {
    expect(parseServeConfig(base)).toEqual({
      port: 4318,
      host: '127.0.0.1',
      db: 'events.db',
      writeKeys: ['wk'],
      staticDir: undefined,
      logLevel: 'info',
      adminToken: undefined,
    });
  });

  it('takes several write keys, a static folder and an admin token', async () => {
    const folder = await mkdtemp(`${tmpdir()}/revisit-config-`);
    const config = parseServeConfig([
      ...base,
      '--write-key',
      'wk2',
      '--static',
      folder,
      '--admin-token',
      'a-long-enough-token',
      '--log-level',
      'debug',
    ]);
    expect(config).toMatchObject({
      writeKeys: ['wk', 'wk2'],
      staticDir: folder,
      logLevel: 'debug',
    });
  });

  it.each([
    [['--port', 'abc', '--db', 'x', '--write-key', 'k'], '--port must be a whole number'],
    [['--port', '70000', '--db', 'x', '--write-key', 'k'], '--port must be at most 65535'],
    [['--port', '1', '--write-key', 'k'], '--db is required'],
    [['--port', '1', '--db', 'x'], '--write-key is required'],
    [[...base, '--static', '/no/such/folder'], '--static must be an existing folder'],
    [[...base, '--log-level', 'loud'], '--log-level'],
    [[...base, '--admin-token', 'short'], '--admin-token must be at least 16 characters'],
    [[...base, '--prot', '1'], "'--prot'"],
    [[...base, '--guides', '/no/such/guides.json'], '--guides must be an existing file'],
  ])('stops on %j naming the flag', (args, message) => {
    expect(() => parseServeConfig(args)).toThrow(ConfigError);
    expect(() => parseServeConfig(args)).toThrow(message);
  });
});

describe('parseReadConfig', () => {
  it('reads --db and an optional --write-key', () => {
    expect(parseReadConfig(['--db', 'a.db', '--write-key', 'wk'])).toEqual({
      db: 'a.db',
      writeKey: 'wk',
    });
    expect(() => parseReadConfig([])).toThrow('--db is required');
  });
});
