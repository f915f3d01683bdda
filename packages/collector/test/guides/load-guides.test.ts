import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, createLogger, loadGuides } from '@revisit/collector';
import { describe, expect, it } from 'vitest';

async function guidesFile(content: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'revisit-guides-')), 'guides.json');
  await writeFile(path, content);
  return path;
}

function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'warn', write: (line) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('loadGuides', () => {
  it('skips a bad definition with a warning naming the field and keeps the rest', async () => {
    const path = await guidesFile(
      JSON.stringify([
        { type: 'tour', id: 'good', steps: [{ title: 'Hello' }] },
        { type: 'tour', id: 'bad', steps: [{ title: 'Hi', placement: 'sideways' }] },
      ]),
    );
    const { logger, lines } = recordingLogger();

    const guides = loadGuides(path, logger);

    // As written: the SDK fills in the defaults itself.
    expect(guides).toEqual([{ type: 'tour', id: 'good', steps: [{ title: 'Hello' }] }]);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'guide definition skipped',
        index: 1,
        id: 'bad',
        field: 'steps.0.placement',
      }),
    ]);
  });

  it('accepts the { guides: [...] } form the collector answers with', async () => {
    const path = await guidesFile(
      JSON.stringify({ guides: [{ type: 'tour', id: 'a', steps: [{ title: 'A' }] }] }),
    );
    expect(loadGuides(path, recordingLogger().logger)).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{ nope'],
    ['not a list', '{"tour": 1}'],
  ])('stops start-up on a file that is %s, naming the flag', async (_name, content) => {
    const path = await guidesFile(content);
    expect(() => loadGuides(path, recordingLogger().logger)).toThrow(ConfigError);
    expect(() => loadGuides(path, recordingLogger().logger)).toThrow(`--guides ${path}`);
  });
});
