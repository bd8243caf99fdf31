import { useCallback, useEffect, useRef, useState } from 'react';
import { onUnauthorized, setAccessToken } from './api';
import App from './App';
import { cognito, REFRESH_AHEAD_MS, type Session } from './auth';
import SignIn from './components/SignIn';
import { saved } from './offline/db';
import type { Startup } from './startup';

const ENDED = 'Your session has ended. Please sign in again.';

/** Whose saved list and queue: the e-mail address, as the user may type it in any case. */
const userKey = (email: string) => email.trim().toLowerCase();

/**
 * The app behind sign-in when the API takes users (config.json names a pool), or as it is for the open
 * API. The session is this page's state alone, so each tab signs in on its own and a reload signs in
 * again. The ID token is renewed with the refresh token a minute before it expires; when that fails, or
 * the API refuses the token, the session has ended and the user is told so on the sign-in form.
 *
 * Offline, a reload cannot sign in (the tokens were in memory, and the pool cannot be reached): the sign-in form
 * then shows the list saved for the e-mail address entered, read-only, with its queued changes kept until the
 * user signs in online. Whoever uses the browser could read that saved list anyway; changes need a signed-in user.
 */
export default function Root({ startup }: { startup: Startup }) {
  const [session, setSession] = useState<Session | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [offlineUser, setOfflineUser] = useState<string | null>(null);
  const current = useRef<Session | null>(null);

  const use = useCallback((next: Session | null, why: string | null = null) => {
    current.current = next;
    setAccessToken(next?.idToken ?? null);
    setSession(next);
    setNotice(why);
  }, []);

  const auth = startup.state === 'ready' ? startup.auth : null;
  const traces = startup.state === 'ready' && startup.xrayApi !== null;
  const live = startup.state === 'ready' ? startup.live : null;

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

  // The user's saved list and feed position go with them; changes still queued stay, to be sent at their next sign-in.
  const signOut = () => {
    if (auth && session) void cognito.revoke(auth, session);
    if (session) void saved.forget(userKey(session.email)).catch(() => undefined);
    use(null, 'You have signed out.');
  };

  const showOffline = async (email: string) => {
    const list = await saved.list(userKey(email)).catch(() => undefined);
    if (list) setOfflineUser(email);
    return list !== undefined;
  };

  if (startup.state === 'failed')
    return (
      <main className="app">
        <p className="status" role="alert">
          {startup.message}
        </p>
      </main>
    );
  if (!auth) return <App owner={{ user: '', readOnly: false }} live={live} traces={traces} />;
  if (!session && offlineUser)
    return (
      <App
        key={userKey(offlineUser)}
        owner={{ user: userKey(offlineUser), readOnly: true }}
        user={{ email: offlineUser, onSignOut: () => setOfflineUser(null) }}
        live={null}
        traces={traces}
      />
    );
  if (!session) return <SignIn config={auth} onSignedIn={(s) => use(s)} notice={notice} onOffline={showOffline} />;
  // Keyed by user: another user's sign-in starts from an empty list, never showing the last one's.
  return (
    <App
      key={session.email}
      owner={{ user: userKey(session.email), readOnly: false }}
      user={{ email: session.email, onSignOut: signOut, idToken: session.idToken }}
      live={live}
      traces={traces}
    />
  );
}
