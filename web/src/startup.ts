import { listFirstPageAhead } from './api';
import type { AuthConfig } from './auth';
import { loadConfig } from './config';

/**
 * What the app starts from: whether users sign in, where the X-Ray API and the live endpoint are (config.json), or why it
 * cannot start.
 */
export type Startup =
  | { state: 'ready'; auth: AuthConfig | null; xrayApi: string | null; live: string | null }
  | { state: 'failed'; message: string };

/**
 * Reads config.json and, for the open API, asks for the list's first page at once. Runs before React and
 * the app are loaded, so neither request waits for them. With sign-in, the page starts signed out.
 */
export async function start(): Promise<Startup> {
  try {
    const { auth, xrayApi, live } = await loadConfig();
    if (auth) forgetLastUser();
    else listFirstPageAhead();
    return { state: 'ready', auth, xrayApi, live };
  } catch (e) {
    return { state: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The session lives in memory, so a page load signs in afresh: whatever the tab kept in sessionStorage for its
 * last user (version tokens of their changes, or the session an earlier version of the app stored there) is
 * theirs alone, and goes.
 */
function forgetLastUser(): void {
  try {
    sessionStorage.clear();
  } catch {
    // Storage disabled: nothing was kept.
  }
}
