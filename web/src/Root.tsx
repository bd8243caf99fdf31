import { useCallback, useEffect, useRef, useState } from 'react';
import { listPageAhead, onUnauthorized, setAccessToken } from './api';
import App from './App';
import { cognito, loadAuthConfig, REFRESH_AHEAD_MS, storedSession, storeSession, type AuthConfig, type Session } from './auth';
import SignIn from './components/SignIn';
import { FIRST_PAGE } from './useTodos';

const ENDED = 'Your session has ended. Please sign in again.';

type Config = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; auth: AuthConfig | null };

/**
 * The app behind sign-in when the API takes users (config.json names a pool), or as it is for the open
 * API. The ID token is renewed with the refresh token a minute before it expires; when that fails, or
 * the API refuses the token, the session has ended and the user is told so on the sign-in form.
 */
export default function Root() {
  const [config, setConfig] = useState<Config>({ state: 'loading' });
  const [session, setSession] = useState<Session | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const current = useRef<Session | null>(null);

  const use = useCallback((next: Session | null, why: string | null = null) => {
    current.current = next;
    storeSession(next);
    setAccessToken(next?.idToken ?? null);
    setSession(next);
    setNotice(why);
  }, []);

  useEffect(() => {
    loadAuthConfig().then(
      (auth) => {
        const stored = auth ? storedSession() : null;
        if (auth) use(stored);
        // The list is asked for before the app renders: with the token just set, or none for the open API.
        if (!auth || stored) listPageAhead(FIRST_PAGE);
        setConfig({ state: 'ready', auth });
      },
      (e: unknown) => setConfig({ state: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
  }, [use]);

  const auth = config.state === 'ready' ? config.auth : null;

  useEffect(() => {
    onUnauthorized(() => use(null, ENDED));
    return () => onUnauthorized(null);
  }, [use]);

  // Renew the ID token ahead of its expiry, for as long as the session lasts.
  useEffect(() => {
    if (!auth || !session) return;
    const wait = Math.max(0, session.expiresAt - REFRESH_AHEAD_MS - Date.now());
    const timer = window.setTimeout(() => {
      cognito.refresh(auth, session).then(
        (renewed) => {
          if (current.current === session) use(renewed);
        },
        () => {
          if (current.current === session) use(null, ENDED);
        },
      );
    }, wait);
    return () => window.clearTimeout(timer);
  }, [auth, session, use]);

  const signOut = () => {
    if (auth && session) void cognito.revoke(auth, session);
    use(null, 'You have signed out.');
  };

  if (config.state === 'loading') return null;
  if (config.state === 'failed')
    return (
      <main className="app">
        <p className="status" role="alert">
          {config.message}
        </p>
      </main>
    );
  if (!auth) return <App />;
  if (!session) return <SignIn config={auth} onSignedIn={(s) => use(s)} notice={notice} />;
  // Keyed by user: another user's sign-in starts from an empty list, never showing the last one's.
  return <App key={session.email} user={{ email: session.email, onSignOut: signOut }} />;
}
