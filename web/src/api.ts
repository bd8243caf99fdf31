export interface Todo {
  id: string;
  text: string;
  completed: boolean;
  createdAt: string;
}

export type TodoChanges = Partial<Pick<Todo, 'text' | 'completed'>>;

/** An API or network failure carrying the message to show the user. */
export class ApiError extends Error {
  readonly status: number;
  readonly errors: Record<string, string>;

  constructor(message: string, status = 0, errors: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
  }
}

const BASE_URL = '/api/todos';

async function request<T>(url: string, init: RequestInit = {}, headers: Record<string, string> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    });
  } catch {
    throw new ApiError('Could not reach the server. Check your connection and try again.');
  }

  // Some failures (e.g. a gateway error page) are not JSON; fall back to the status line.
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    throw toApiError(response, body);
  }
  return body as T;
}

function toApiError(response: Response, body: unknown): ApiError {
  const fallback = `Request failed (${response.status}${response.statusText ? ` ${response.statusText}` : ''})`;
  if (typeof body !== 'object' || body === null) {
    return new ApiError(fallback, response.status);
  }
  const { message, errors } = body as { message?: unknown; errors?: unknown };
  const fieldErrors: Record<string, string> = {};
  if (typeof errors === 'object' && errors !== null) {
    for (const [field, reason] of Object.entries(errors)) {
      fieldErrors[field] = Array.isArray(reason) ? reason.join(' ') : String(reason);
    }
  }
  const text = typeof message === 'string' && message.trim() ? message : fallback;
  return new ApiError(text, response.status, fieldErrors);
}

const itemUrl = (id: string) => `${BASE_URL}/${encodeURIComponent(id)}`;

export const api = {
  list: () => request<Todo[]>(BASE_URL),
  // The key makes a create safe to retry: the server carries it out once and replays its answer.
  create: (text: string, idempotencyKey: string = crypto.randomUUID()) =>
    request<Todo>(BASE_URL, { method: 'POST', body: JSON.stringify({ text }) }, { 'Idempotency-Key': idempotencyKey }),
  update: (id: string, changes: TodoChanges) =>
    request<Todo>(itemUrl(id), { method: 'PUT', body: JSON.stringify(changes) }),
  remove: (id: string) => request<{ message: string }>(itemUrl(id), { method: 'DELETE' }),
};

/** Orders todos as the server does: by creation time, ties broken by id. */
export function compareTodos(a: Todo, b: Todo): number {
  const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
