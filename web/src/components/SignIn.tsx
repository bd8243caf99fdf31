import { useState, type FormEvent } from 'react';
import { AuthError, cognito, type AuthConfig, type Session } from '../auth';

type Step = 'sign-in' | 'sign-up' | 'confirm';

interface SignInProps {
  config: AuthConfig;
  onSignedIn: (session: Session) => void;
  /** Why the user is here again, such as a session that ended. */
  notice: string | null;
  /** The sign-in service cannot be reached: shows the user's saved list read-only, if there is one (true). */
  onOffline: (email: string) => Promise<boolean>;
}

const TITLES: Record<Step, string> = { 'sign-in': 'Sign in', 'sign-up': 'Create an account', confirm: 'Confirm your e-mail address' };

/** Sign in, or sign up and confirm with the code sent to the e-mail address, then sign in. */
export default function SignIn({ config, onSignedIn, notice, onOffline }: SignInProps) {
  const [step, setStep] = useState<Step>('sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(notice);
  const [busy, setBusy] = useState(false);

  const go = (next: Step) => {
    setStep(next);
    setError(null);
    setInfo(null);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (step === 'sign-up') {
        await cognito.signUp(config, email.trim(), password);
        go('confirm');
        setInfo(`We sent a confirmation code to ${email.trim()}. Enter it below.`);
      } else if (step === 'confirm') {
        await cognito.confirm(config, email.trim(), code.trim());
        onSignedIn(await cognito.signIn(config, email.trim(), password));
      } else {
        onSignedIn(await cognito.signIn(config, email.trim(), password));
      }
    } catch (e) {
      if (e instanceof AuthError && e.code === 'UserNotConfirmedException') go('confirm');
      if (e instanceof AuthError && e.code === 'Network' && step === 'sign-in' && (await onOffline(email.trim()))) return;
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="app">
      <h1 className="app-title">todos</h1>
      <section className="card auth-card" aria-labelledby="auth-title">
        <h2 id="auth-title" className="auth-title">
          {TITLES[step]}
        </h2>
        {info && (
          <p className="auth-info" role="status" data-testid="auth-info">
            {info}
          </p>
        )}
        <form className="auth-form" onSubmit={(e) => void submit(e)} data-testid={`${step}-form`}>
          <label htmlFor="auth-email">E-mail address</label>
          <input
            id="auth-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            readOnly={step === 'confirm'}
            data-testid="auth-email"
          />
          {step !== 'confirm' || !password ? (
            <>
              <label htmlFor="auth-password">Password</label>
              <input
                id="auth-password"
                type="password"
                autoComplete={step === 'sign-up' ? 'new-password' : 'current-password'}
                required
                minLength={step === 'sign-up' ? 12 : undefined}
                aria-describedby={step === 'sign-up' ? 'password-rules' : undefined}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                data-testid="auth-password"
              />
              {step === 'sign-up' && (
                <p id="password-rules" className="auth-hint">
                  At least 12 characters, with upper- and lower-case letters and a number.
                </p>
              )}
            </>
          ) : null}
          {step === 'confirm' && (
            <>
              <label htmlFor="auth-code">Confirmation code</label>
              <input
                id="auth-code"
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                value={code}
                onChange={(e) => setCode(e.target.value)}
                data-testid="auth-code"
              />
            </>
          )}
          {error && (
            <p className="auth-error" role="alert" data-testid="auth-error">
              {error}
            </p>
          )}
          <button className="button" type="submit" disabled={busy} data-testid="auth-submit">
            {step === 'sign-in' ? 'Sign in' : step === 'sign-up' ? 'Create account' : 'Confirm and sign in'}
          </button>
        </form>
        <p className="auth-switch">
          {step === 'sign-in' ? (
            <>
              No account yet?{' '}
              <button type="button" className="link-button" onClick={() => go('sign-up')} data-testid="go-sign-up">
                Create one
              </button>
            </>
          ) : (
            <>
              Have an account?{' '}
              <button type="button" className="link-button" onClick={() => go('sign-in')} data-testid="go-sign-in">
                Sign in
              </button>
            </>
          )}
        </p>
      </section>
    </main>
  );
}
