import type { AuthConfig } from './auth';

/**
 * /config.json: the local host serves it, deploy.sh writes it into the built app. `auth` says where users
 * sign in (null: the API is open, AuthMode=none); `xrayApi`, where the host's X-Ray API is, which only the
 * local host serves, so only there does the app offer its trace viewer; `live`, the WebSocket endpoint that pushes
 * changes (null or absent: none, and the app reads the changes feed on a timer instead).
 */
export interface AppConfig {
  auth: AuthConfig | null;
  xrayApi: string | null;
  live: string | null;
}

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('/config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`The app's configuration could not be loaded (${response.status}).`);
  const config = (await response.json()) as { auth?: AuthConfig | null; xrayApi?: string | null; live?: string | null };
  return { auth: config.auth ?? null, xrayApi: config.xrayApi ?? null, live: config.live ?? null };
}
