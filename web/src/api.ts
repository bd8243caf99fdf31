export interface Todo {
  id: string;
  text: string;
  completed: boolean;
  createdAt: string;
}

export type TodoChanges = Partial<Pick<Todo, 'text' | 'completed'>>;

/** One event of a todo's history, as GET /api/todos/{id}/events lists it. */
export interface TodoEvent {
  version: number;
  type: 'TodoCreated' | 'TodoTextChanged' | 'TodoCompleted' | 'TodoReopened' | 'TodoDeleted';
  occurredAt: string;
  data: { text?: string; createdAt?: string };
}

/** An answer about one todo, with the version it shows (its ETag). */
export interface Versioned<T> {
  body: T;
  version: number | null;
}

/** An API or network failure carrying the message to show the user. */
export class ApiError extends Error {
  readonly status: number;
  readonly errors: Record<string, string>;
  /** The todo's current version, which a 412 names in its ETag. */
  readonly currentVersion: number | null;

  constructor(message: string, status = 0, errors: Record<string, string> = {}, currentVersion: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
    this.currentVersion = currentVersion;
  }
}

/** The request never reached the server, or its answer never came back: offline, or the network dropped. */
export const isUnreachable = (e: unknown): boolean => e instanceof ApiError && e.status === 0;

// --- The one place every request is made: sign-in adds its token here, for every call. ---

let accessToken: string | null = null;
let unauthorized: (() => void) | null = null;

/** Called by sign-in with the user's ID token (what the API's Cognito authorizer takes), or null on sign-out. */
export function setAccessToken(token: string | null): void {
  // Signing out forgets which todos this tab changed: the next user of the tab learns nothing of them.
  if (accessToken && !token) forgetTokens();
  accessToken = token;
}

/** Called when the API refuses the token (401): the session has ended. */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorized = handler;
}

// Version tokens (<todoId>:<version>) of this tab's recent commands, kept in sessionStorage so that a reload
// right after a change still sends them: a list read that carries them is never older than those changes. The
// server's own cookie does the same for any client, but of commands sent at once it keeps only the last answer's;
// these tokens keep every one (clearing completed todos deletes several at once). With sign-in, a reload starts
// signed out and drops them (startup.ts).
const TOKENS_KEY = 'todo.versionTokens';
const TOKEN_LIFETIME_MS = 60_000; // far longer than the projection's lag; then reads need no help
const MAX_TOKENS = 50;

interface StoredToken {
  id: string;
  version: number;
  at: number;
}

function readTokens(): StoredToken[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(TOKENS_KEY) ?? '[]');
    const now = Date.now();
    return Array.isArray(parsed) ? (parsed as StoredToken[]).filter((t) => now - t.at < TOKEN_LIFETIME_MS) : [];
  } catch {
    return [];
  }
}

function rememberToken(header: string | null): void {
  const match = header && /^(.+):(\d+)$/.exec(header);
  if (!match) return;
  const [, id, version] = match;
  const kept = readTokens().filter((t) => t.id !== id);
  kept.push({ id, version: Number(version), at: Date.now() });
  try {
    sessionStorage.setItem(TOKENS_KEY, JSON.stringify(kept.slice(-MAX_TOKENS)));
  } catch {
    // Storage full or disabled: reads are then only eventually consistent.
  }
}

function forgetTokens(): void {
  try {
    sessionStorage.removeItem(TOKENS_KEY);
  } catch {
    // Storage disabled: nothing was kept.
  }
}

function minVersionHeader(): Record<string, string> {
  const tokens = readTokens();
  return tokens.length ? { 'X-Min-Version': tokens.map((t) => `${t.id}:${t.version}`).join(',') } : {};
}

function versionOf(response: Response): number | null {
  const match = /^"(\d+)"$/.exec(response.headers.get('ETag') ?? '');
  return match ? Number(match[1]) : null;
}

// A 429 (a rate limit) or 503 (the store throttled or briefly out of reach) says when to try again; the request
// is repeated then, a few times, where a repeat cannot apply it twice. A 429 refused the request before any
// function ran, so every request is. A 503 may follow a command that did commit: a read is repeated, and so is a
// command that carries an Idempotency-Key (the app's all do: the server replays its first answer) or If-Match (if
// the first attempt did commit, the repeat is refused, 412 or 404, and the app shows the todo as it now is).
const RETRIES = 3;
const MAX_WAIT_MS = 5_000;

function retryDelay(response: Response, attempt: number): number {
  const seconds = Number(response.headers.get('Retry-After'));
  return Math.min(MAX_WAIT_MS, (Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000) * 2 ** attempt);
}

async function send<T>(url: string, init: RequestInit = {}, headers: Record<string, string> = {}): Promise<{ body: T; response: Response }> {
  const safeToRepeat = !init.method || init.method === 'GET' || 'Idempotency-Key' in headers || 'If-Match' in headers;
  let response: Response;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await fetch(url, {
        ...init,
        headers: {
          Accept: 'application/json',
          ...(init.body ? { 'Content-Type': 'application/json' } : {}),
          ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
          ...headers,
        },
      });
    } catch {
      throw new ApiError('Could not reach the server. Check your connection and try again.');
    }
    const retry = response.status === 429 || (response.status === 503 && safeToRepeat);
    if (!retry || attempt === RETRIES) break;
    await new Promise((resolve) => setTimeout(resolve, retryDelay(response, attempt)));
  }

  // Some failures (e.g. a gateway error page) are not JSON; fall back to the status line.
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 401 && accessToken) unauthorized?.();
  if (!response.ok) {
    throw toApiError(response, body);
  }
  if (init.method && init.method !== 'GET') rememberToken(response.headers.get('X-Version-Token'));
  return { body: body as T, response };
}

function toApiError(response: Response, body: unknown): ApiError {
  const fallback = `Request failed (${response.status}${response.statusText ? ` ${response.statusText}` : ''})`;
  const current = versionOf(response);
  if (typeof body !== 'object' || body === null) {
    return new ApiError(fallback, response.status, {}, current);
  }
  const { message, errors } = body as { message?: unknown; errors?: unknown };
  const fieldErrors: Record<string, string> = {};
  if (typeof errors === 'object' && errors !== null) {
    for (const [field, reason] of Object.entries(errors)) {
      fieldErrors[field] = Array.isArray(reason) ? reason.join(' ') : String(reason);
    }
  }
  const text = typeof message === 'string' && message.trim() ? message : fallback;
  return new ApiError(text, response.status, fieldErrors, current);
}

// Relative, so the same build works behind CloudFront and on the local host.
const BASE_URL = '/api/todos';
const itemUrl = (id: string) => `${BASE_URL}/${encodeURIComponent(id)}`;
const pageQuery = (limit: number, cursor: string | null) =>
  `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

export interface Page<T> {
  items: T[];
  /** Where the next page starts; null on the last page. */
  next: string | null;
}

async function page<T>(url: string, headers: Record<string, string> = {}): Promise<Page<T>> {
  const { body, response } = await send<T[]>(url, {}, headers);
  return { items: body, next: response.headers.get('X-Next-Cursor') };
}

async function versioned<T>(url: string, init: RequestInit = {}, headers: Record<string, string> = {}): Promise<Versioned<T>> {
  const { body, response } = await send<T>(url, init, headers);
  return { body, version: versionOf(response) };
}

const ifMatch = (version?: number | null): Record<string, string> => (version ? { 'If-Match': `"${version}"` } : {});
const keyed = (idempotencyKey?: string): Record<string, string> => (idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {});

/** One change of the feed (GET /api/todos/changes) or of a push: the todo as of a version, or its deletion. */
export interface Change {
  id: string;
  version: number;
  item?: Todo;
  deleted?: boolean;
}

export interface ChangesPage {
  changes: Change[];
  next: string;
}

/** The first page is about what a screen shows, so the list shows at once; the rest follows in larger pages. */
export const FIRST_PAGE = 30;
export const NEXT_PAGES = 1000;

// The list's first page, asked for as soon as the app knows who is signed in, while the app's script is still
// loading: the first rows then wait for the slower of the two, not for both in turn. Taken by the first
// listPage of the same page with the same token, once.
let ahead: { url: string; token: string | null; page: Promise<Page<Todo>> } | null = null;

/** Starts the request for the list's first page now; see <c>ahead</c>. */
export function listFirstPageAhead(): void {
  const url = BASE_URL + pageQuery(FIRST_PAGE, null);
  ahead = { url, token: accessToken, page: page<Todo>(url, minVersionHeader()) };
  ahead.page.catch(() => undefined); // its failure is reported to whoever takes it
}

function listPage(limit: number, cursor: string | null): Promise<Page<Todo>> {
  const url = BASE_URL + pageQuery(limit, cursor);
  const started = ahead;
  ahead = null;
  return started && started.url === url && started.token === accessToken ? started.page : page<Todo>(url, minVersionHeader());
}

export const api = {
  /** One page of the list, never older than this tab's recent changes. */
  listPage,
  /** The item as its newest event has it: never older than any change already answered. */
  get: (id: string) => versioned<Todo>(itemUrl(id)),
  // The key makes a create safe to retry: the server carries it out once and replays its answer.
  create: (text: string, idempotencyKey: string = crypto.randomUUID()) =>
    versioned<Todo>(BASE_URL, { method: 'POST', body: JSON.stringify({ text }) }, { 'Idempotency-Key': idempotencyKey }),
  /** With a version, the server refuses (412) if the todo has moved on since; so does remove. */
  update: (id: string, changes: TodoChanges, ifVersion?: number | null, idempotencyKey?: string) =>
    versioned<Todo>(itemUrl(id), { method: 'PUT', body: JSON.stringify(changes) }, { ...ifMatch(ifVersion), ...keyed(idempotencyKey) }),
  remove: (id: string, ifVersion?: number | null, idempotencyKey?: string) =>
    versioned<{ message: string }>(itemUrl(id), { method: 'DELETE' }, { ...ifMatch(ifVersion), ...keyed(idempotencyKey) }),
  /** The list's changes after a feed token (from the beginning without one); an empty page means caught up. */
  changes: async (after: string | null, limit = NEXT_PAGES) =>
    (await send<ChangesPage>(`${BASE_URL}/changes?limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`)).body,
  eventsPage: (id: string, limit: number, cursor: string | null) => page<TodoEvent>(`${itemUrl(id)}/events${pageQuery(limit, cursor)}`),
  asOfVersion: (id: string, version: number) => versioned<Todo>(`${itemUrl(id)}?asOfVersion=${version}`),
};

/** Orders todos as the server does: by creation time, ties broken by id. */
export function compareTodos(a: Todo, b: Todo): number {
  const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Runs <paramref name="work"/> over the items, a few at a time, and settles every one. */
export async function settleAll<T, R>(items: T[], work: (item: T) => Promise<R>, concurrency = 6): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      try {
        results[i] = { status: 'fulfilled', value: await work(items[i]) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
