import type { AuthConfig } from './auth';

/**
 * /config.json: the local host serves it, deploy.sh writes it into the built app. `auth` says where users
 * sign in (null: the API is open, AuthMode=none); `xrayApi`, where the host's X-Ray API is, which only the
 * local host serves, so only there does the app offer its trace viewer.
 */
export interface AppConfig {
  auth: AuthConfig | null;
  xrayApi: string | null;
}

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('/config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`The app's configuration could not be loaded (${response.status}).`);
  const config = (await response.json()) as { auth?: AuthConfig | null; xrayApi?: string | null };
  return { auth: config.auth ?? null, xrayApi: config.xrayApi ?? null };
}
