// Sign-up, sign-in, token refresh and sign-out against the Cognito user pool API (plain fetch, JSON 1.1),
// on cognito-local locally and on the stack's pool in AWS. Where the pool is comes from /config.json (config.ts).

export interface AuthConfig {
  endpoint: string;
  userPoolId: string;
  clientId: string;
}

/**
 * A signed-in user's tokens. Kept in memory only (Root's state, and the ID token in api.ts), never in
 * sessionStorage or localStorage, where any script of the page could read them: a reload signs in again.
 */
export interface Session {
  email: string;
  idToken: string;
  refreshToken: string;
  /** When the ID token expires by this browser's clock, in ms since the epoch. */
  expiresAt: number;
}

/** A refusal by Cognito, with a message fit to show the user. */
export class AuthError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'AuthError';
    this.code = code;
  }
}

const MESSAGES: Record<string, string> = {
  NotAuthorizedException: 'Incorrect e-mail address or password.',
  UserNotFoundException: 'Incorrect e-mail address or password.',
  UserNotConfirmedException: 'This account is not confirmed yet: enter the code that was sent to your e-mail address.',
  UsernameExistsException: 'An account with this e-mail address already exists. Sign in instead.',
  CodeMismatchException: 'That confirmation code is not right. Check it and try again.',
  ExpiredCodeException: 'That confirmation code has expired.',
  InvalidPasswordException: 'The password does not meet the rules: at least 12 characters, with upper- and lower-case letters and a number.',
  InvalidParameterException: 'Please check the e-mail address and password.',
};

async function call<T>(config: AuthConfig, action: string, body: object): Promise<T> {
  let response: Response;
  try {
    response = await fetch(config.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}` },
      body: JSON.stringify(body),
    });
  } catch {
    throw new AuthError('Network', 'Could not reach the sign-in service. Check your connection and try again.');
  }
  const answer = (await response.json().catch(() => ({}))) as { __type?: string; message?: string } & T;
  if (!response.ok) {
    const code = (answer.__type ?? '').split('#').pop() ?? '';
    throw new AuthError(code, MESSAGES[code] ?? answer.message ?? `Sign-in failed (${response.status}).`);
  }
  return answer;
}

interface Claims {
  exp?: number;
  iat?: number;
  email?: string;
}

/** The claims of a JWT, unverified: the API verifies; the app only reads its lifetime and email. */
function claimsOf(token: string): Claims {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '='))) as Claims;
  } catch {
    return {};
  }
}

interface AuthenticationResult {
  AuthenticationResult?: { IdToken: string; RefreshToken?: string };
}

function sessionFrom(result: AuthenticationResult, email: string, refreshToken?: string): Session {
  const tokens = result.AuthenticationResult;
  if (!tokens) throw new AuthError('Challenge', 'Sign-in needs a step this app does not support.');
  const claims = claimsOf(tokens.IdToken);
  // The token's lifetime (exp - iat) counted from now: exp alone, read by a clock behind the pool's, would
  // have the renewal come after the token has expired.
  const lifetime = claims.exp !== undefined && claims.iat !== undefined ? (claims.exp - claims.iat) * 1000 : 0;
  return {
    email: claims.email ?? email,
    idToken: tokens.IdToken,
    refreshToken: tokens.RefreshToken ?? refreshToken ?? '',
    expiresAt: Date.now() + lifetime,
  };
}

export const cognito = {
  signUp: (config: AuthConfig, email: string, password: string) =>
    call(config, 'SignUp', { ClientId: config.clientId, Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }] }),
  confirm: (config: AuthConfig, email: string, code: string) =>
    call(config, 'ConfirmSignUp', { ClientId: config.clientId, Username: email, ConfirmationCode: code }),
  signIn: async (config: AuthConfig, email: string, password: string) => {
    try {
      return sessionFrom(
        await call<AuthenticationResult>(config, 'InitiateAuth', {
          ClientId: config.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD: password },
        }),
        email,
      );
    } catch (e) {
      // cognito-local answers a wrong password so; Cognito answers NotAuthorizedException.
      if (e instanceof AuthError && e.code === 'InvalidPasswordException') throw new AuthError('NotAuthorizedException', MESSAGES.NotAuthorizedException);
      throw e;
    }
  },
  /** A new ID token for the session; the refresh token stays the same. */
  refresh: async (config: AuthConfig, session: Session) =>
    sessionFrom(
      await call<AuthenticationResult>(config, 'InitiateAuth', {
        ClientId: config.clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: session.refreshToken },
      }),
      session.email,
      session.refreshToken,
    ),
  /** Ends the refresh token's life at the pool too; signing out works here whether or not that succeeds. */
  revoke: (config: AuthConfig, session: Session) =>
    call(config, 'RevokeToken', { ClientId: config.clientId, Token: session.refreshToken }).catch(() => undefined),
};

/** How long before the ID token expires it is renewed. */
export const REFRESH_AHEAD_MS = 60_000;
