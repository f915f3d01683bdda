type HistoryMethod = 'pushState' | 'replaceState';

/**
 * Calls `run` after each SPA route change: `history.pushState` and `replaceState` (which fire
 * no event, so they are wrapped), `popstate` and `hashchange`. Returns the cleanup, which
 * unwraps the history methods unless another script wrapped them after us.
 */
export function watchRoutes(run: () => void): () => void {
  const wrap = (name: HistoryMethod) => {
    const original = history[name];
    const wrapped = function (this: History, ...args: Parameters<History[HistoryMethod]>) {
      const result = original.apply(this, args);
      run();
      return result;
    };
    history[name] = wrapped;
    return () => {
      if (history[name] === wrapped) history[name] = original;
    };
  };

  const unwrap = [wrap('pushState'), wrap('replaceState')];
  addEventListener('popstate', run);
  addEventListener('hashchange', run);
  return () => {
    for (const undo of unwrap) undo();
    removeEventListener('popstate', run);
    removeEventListener('hashchange', run);
  };
}
