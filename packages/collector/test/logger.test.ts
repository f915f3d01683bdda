import { createLogger } from '@revisit/collector';
import { describe, expect, it } from 'vitest';

describe('createLogger', () => {
  it('writes JSON lines at and above its level only', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', write: (line) => lines.push(line), now: () => 0 });

    logger.debug('hidden');
    logger.info('hidden');
    logger.warn('shown', { code: 7 });
    logger.error('shown too');

    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { time: '1970-01-01T00:00:00.000Z', level: 'warn', msg: 'shown', code: 7 },
      { time: '1970-01-01T00:00:00.000Z', level: 'error', msg: 'shown too' },
    ]);
  });

  it('writes nothing when silent', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'silent', write: (line) => lines.push(line) });
    logger.error('nothing');
    expect(lines).toEqual([]);
  });
});
