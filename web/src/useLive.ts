import { useEffect, useRef, useState, type RefObject } from 'react';
import { api, ApiError, type Change } from './api';
import { connectLive, type LiveState } from './live';
import { saved } from './offline/db';

/** The feed answers a change only once it is older than its settle time (5 s): read again after it, once caught up. */
const SETTLE_MS = 6_000;
/** Without a live endpoint, the list is brought up to date from the feed this often while the tab is visible. */
const POLL_MS = 30_000;

interface LiveOptions {
  /** config.json's live endpoint; null: none, so the feed is read on a timer instead. */
  live: string | null;
  idToken: string | null;
  user: string;
  /** Off while the list shows offline or read-only. */
  enabled: boolean;
  apply: (changes: Change[], pushed?: boolean) => void;
  /** Where the list asks for a backfill when a push skips a version. */
  gap: RefObject<(() => void) | null>;
}

/**
 * Keeps the list in step with the server: pushes from the live socket, and backfills from the changes feed
 * (from the position kept per user in IndexedDB) on every (re)connect, on a gap, when a hidden tab becomes visible,
 * and a settle time after catching up, for changes that were neither settled in the feed nor pushed then.
 * A server without the feed (404) is tolerated: the list then follows pushes alone.
 */
export function useLive({ live, idToken, user, enabled, apply, gap }: LiveOptions): LiveState {
  const [state, setState] = useState<LiveState>('off');
  const applyRef = useRef(apply);
  applyRef.current = apply;

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let running: Promise<void> | null = null;
    let again = false;
    let feedMissing = false;
    let settle: number | undefined;

    const backfill = (settling = false): Promise<void> => {
      if (feedMissing || stopped) return Promise.resolve();
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        let found = 0;
        try {
          let token = (await saved.feedToken(user).catch(() => undefined)) ?? null;
          for (;;) {
            let page;
            try {
              page = await api.changes(token);
            } catch (e) {
              // A position the feed no longer takes (say, another read table's): read again from the beginning.
              if (e instanceof ApiError && e.status === 400 && token) {
                token = null;
                continue;
              }
              throw e;
            }
            if (stopped) return;
            applyRef.current(page.changes);
            found += page.changes.length;
            token = page.next;
            await saved.putFeedToken(user, token).catch(() => undefined);
            if (!page.changes.length) break;
          }
          window.clearTimeout(settle);
          if (!settling || found) settle = window.setTimeout(() => void backfill(true), SETTLE_MS);
        } catch (e) {
          if (e instanceof ApiError && e.status === 404) feedMissing = true;
          // Unreachable or busy: the next connect, visibility change or timer tries again.
        } finally {
          running = null;
          if (again && !stopped) {
            again = false;
            void backfill();
          }
        }
      })();
      return running;
    };

    gap.current = () => void backfill();
    const visible = () => {
      if (document.visibilityState === 'visible') void backfill();
    };
    document.addEventListener('visibilitychange', visible);
    const disconnect = live
      ? connectLive(live, idToken, { onChange: (change) => applyRef.current([change], true), onOpen: () => void backfill(), onState: setState })
      : null;
    const poll = live ? undefined : window.setInterval(visible, POLL_MS);
    if (!live) void backfill();

    return () => {
      stopped = true;
      gap.current = null;
      window.clearTimeout(settle);
      window.clearInterval(poll);
      document.removeEventListener('visibilitychange', visible);
      disconnect?.();
      setState('off');
    };
  }, [live, idToken, user, enabled, gap]);

  return state;
}
