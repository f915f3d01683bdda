// @vitest-environment happy-dom
// The demo's first-run tour (issue #4): a valid definition whose every target exists in
// the demo's markup, so a change to the demo that breaks the tour fails here first.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseGuides } from '@revisit/schema';

// Node's path helpers: under happy-dom, `URL` is the fake window's.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..') + '/';
const definitions = JSON.parse(readFileSync(`${ROOT}demo/guides.json`, 'utf8'));

describe('demo first-run tour', () => {
  it('is a valid definition', () => {
    const { guides, issues } = parseGuides(definitions);
    expect(issues).toEqual([]);
    expect(guides.map((guide) => guide.id)).toEqual(['demo-first-run']);
  });

  it('points only at elements of the demo page', () => {
    const html = readFileSync(`${ROOT}demo/public/index.html`, 'utf8');
    const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
    document.body.innerHTML = body.replace(/<script[\s\S]*?<\/script>/g, '');
    const [tour] = parseGuides(definitions).guides;
    for (const step of tour!.steps) {
      if (step.target) expect(document.querySelector(step.target), step.target).not.toBeNull();
    }
  });
});
