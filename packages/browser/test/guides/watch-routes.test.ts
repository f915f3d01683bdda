// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { watchRoutes } from '../../src/guides/watch-routes.js';

describe('watchRoutes', () => {
  it('reports pushState, replaceState, popstate and hashchange, after the URL changed', () => {
    const seen: string[] = [];
    const stop = watchRoutes(() => seen.push(location.pathname + location.hash));

    history.pushState({}, '', '/tasks');
    history.replaceState({}, '', '/tasks/1');
    dispatchEvent(new PopStateEvent('popstate'));
    dispatchEvent(new HashChangeEvent('hashchange'));
    stop();

    expect(seen).toEqual(['/tasks', '/tasks/1', '/tasks/1', '/tasks/1']);
  });

  it('unwraps history and removes its listeners at cleanup', () => {
    const original = history.pushState;
    const run = vi.fn();
    const stop = watchRoutes(run);
    expect(history.pushState).not.toBe(original);

    stop();
    expect(history.pushState).toBe(original);
    history.pushState({}, '', '/after');
    dispatchEvent(new HashChangeEvent('hashchange'));
    expect(run).not.toHaveBeenCalled();
  });

  it('leaves a wrapper another script added after it in place', () => {
    const stop = watchRoutes(() => {});
    const theirs = function (this: History, ...args: Parameters<History['pushState']>) {
      return History.prototype.pushState.apply(this, args);
    };
    history.pushState = theirs;
    stop();
    expect(history.pushState).toBe(theirs);
    delete (history as Partial<History>).pushState;
  });
});
