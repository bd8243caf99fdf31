import { listFirstPageAhead, setAccessToken } from './api';
import { storedSession, type AuthConfig, type Session } from './auth';
import { loadConfig } from './config';

/**
 * What the app starts from: whether users sign in and where the X-Ray API is (config.json), who is signed
 * in, or why it cannot start.
 */
export type Startup =
  | { state: 'ready'; auth: AuthConfig | null; xrayApi: string | null; session: Session | null }
  | { state: 'failed'; message: string };

/**
 * Reads config.json and the stored session, and asks for the list's first page as soon as the caller is
 * known (signed in, or nobody for the open API). Runs before React and the app are loaded, so neither
 * request waits for them.
 */
export async function start(): Promise<Startup> {
  try {
    const { auth, xrayApi } = await loadConfig();
    const session = auth ? storedSession() : null;
    setAccessToken(session?.idToken ?? null);
    if (!auth || session) listFirstPageAhead();
    return { state: 'ready', auth, xrayApi, session };
  } catch (e) {
    return { state: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}
