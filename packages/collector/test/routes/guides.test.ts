import { createApp, createLogger, openSqliteStore } from '@revisit/collector';
import { parseGuides } from '@revisit/schema';
import { describe, expect, it } from 'vitest';
import { WRITE_KEY, basicAuth } from '../helpers/fixtures.js';

const guides = [
  { type: 'tour', id: 'welcome', steps: [{ title: 'Hello' }], repeat: true },
  { type: 'tour', id: 'settings', steps: [{ target: '#theme', title: 'Theme' }] },
];

function guideApp(served = guides) {
  return createApp({
    store: openSqliteStore(':memory:'),
    writeKeys: [WRITE_KEY],
    logger: createLogger({ level: 'silent' }),
    guides: served,
  });
}

describe('GET /v1/guides', () => {
  it('answers the definitions to a write key in the query, readable by any origin', async () => {
    const response = await guideApp().request(`/v1/guides?writeKey=${WRITE_KEY}`, {
      headers: { Origin: 'https://app.example' },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = await response.json();
    expect(body).toEqual({ guides });
    // What the collector serves is what the SDK's validation accepts unchanged.
    expect(parseGuides(body)).toEqual(parseGuides(guides));
    expect(parseGuides(body).issues).toEqual([]);
  });

  it('takes the write key as HTTP Basic user name, like the batch route', async () => {
    const response = await guideApp().request('/v1/guides', {
      headers: { Authorization: basicAuth(WRITE_KEY) },
    });
    expect(response.status).toBe(200);
  });

  it.each([
    ['no write key', '/v1/guides'],
    ['an unknown write key', '/v1/guides?writeKey=nope'],
  ])('refuses %s with 401', async (_name, path) => {
    const response = await guideApp().request(path, {
      headers: { Origin: 'https://app.example' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers an empty list when the collector has no guides', async () => {
    const response = await guideApp([]).request(`/v1/guides?writeKey=${WRITE_KEY}`);
    expect(await response.json()).toEqual({ guides: [] });
  });

  it('allows GET in preflights', async () => {
    const response = await guideApp().request('/v1/guides', {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(response.headers.get('access-control-allow-methods')).toContain('GET');
  });
});
