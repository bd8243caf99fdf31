import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { api, ApiError, compareTodos, FIRST_PAGE, NEXT_PAGES, settleAll, type Todo, type Versioned } from './api';

const PENDING = 'pending-';
const CHANGED_ELSEWHERE = 'This todo was changed elsewhere, so your change was not applied. It now shows the latest version.';

export type LoadState = 'first' | 'more' | 'done' | 'failed';

/** A text edit the server refused because the todo changed elsewhere since it was read (412). */
export interface Conflict {
  mine: string;
  theirs: Todo;
  theirsVersion: number;
}

/** Outcome of an edit: saved, refused (with the message shown), or in conflict (the conflict dialog decides). */
export type EditOutcome = 'saved' | 'refused' | 'conflict';

export function isPending(todo: Todo): boolean {
  return todo.id.startsWith(PENDING);
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    const details = Object.values(error.errors).filter((reason) => reason && reason !== error.message);
    // e.g. "Invalid request body: must be at most 1000 characters"
    return details.length ? `${error.message.replace(/[.:]\s*$/, '')}: ${details.join('; ')}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Resolves once the next frame has been painted, so the first rows are on screen before the next page is asked
 * for; or after 100 ms, since a tab in the background paints no frames.
 */
const painted = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 100);
  });

const replace = (todos: Todo[], id: string, item: Todo) => todos.map((t) => (t.id === id ? item : t));
const patch = (todos: Todo[], id: string, changes: Partial<Todo>) => todos.map((t) => (t.id === id ? { ...t, ...changes } : t));
const restore = (todos: Todo[], items: Todo[]) => {
  const ids = new Set(todos.map((t) => t.id));
  return [...todos, ...items.filter((t) => !ids.has(t.id))].sort(compareTodos);
};

/** A 412: the todo changed elsewhere since the version this tab sent in If-Match. */
const isStale = (e: unknown): e is ApiError & { currentVersion: number } =>
  e instanceof ApiError && e.status === 412 && e.currentVersion !== null;

function failureSummary(failures: PromiseRejectedResult[], what: string): string | null {
  if (!failures.length) return null;
  const prefix = failures.length > 1 ? `${failures.length} todos could not be ${what}: ` : '';
  return prefix + messageOf(failures[0].reason);
}

/**
 * The list and every change to it. Each change shows at once (optimistic) and is rolled back, with the
 * server's message, if the server refuses it or cannot be reached. Commands' answers are newer than the
 * (eventually consistent) read side, so they win over pages fetched later.
 */
export function useTodos() {
  const [todos, setTodos] = useState<Todo[]>([]);
  const [load, setLoad] = useState<LoadState>('first');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<(Conflict & { id: string }) | null>(null);
  /** Versions from the server's answers (ETag), for If-Match on edits. */
  const versions = useRef(new Map<string, number>());
  /** Deleted here: a page fetched afterwards must not bring them back. */
  const removed = useRef(new Set<string>());
  const generation = useRef(0);
  const fail = useCallback((e: unknown) => setError(messageOf(e)), []);

  /** This tab's changes to one todo, chained: each is sent after the one before it settles. */
  const inFlight = useRef(new Map<string, Promise<unknown>>());
  /** `<id>:<from>` → the version this tab's own change moved the todo to from there. */
  const ownSteps = useRef(new Map<string, number>());

  const keepVersion = (id: string, version: number | null) => {
    if (version) versions.current.set(id, version);
  };

  /**
   * Sends one change to a todo in its turn, with If-Match on the version it started from carried past this
   * tab's own changes since: a toggle still in flight when an edit opened is not "changed elsewhere".
   */
  const inTurn = useCallback(<T,>(id: string, from: number | null | undefined, send: (ifVersion: number | undefined) => Promise<Versioned<T>>) => {
    const run = async () => {
      let version = from ?? versions.current.get(id);
      for (let next = version && ownSteps.current.get(`${id}:${version}`); next; next = ownSteps.current.get(`${id}:${next}`)) version = next;
      const answer = await send(version);
      if (version && answer.version) ownSteps.current.set(`${id}:${version}`, answer.version);
      keepVersion(id, answer.version);
      return answer;
    };
    const previous = inFlight.current.get(id) ?? Promise.resolve();
    const turn = previous.then(run, run);
    inFlight.current.set(id, turn);
    const done = () => {
      if (inFlight.current.get(id) === turn) inFlight.current.delete(id);
    };
    turn.then(done, done);
    return turn;
  }, []);

  const reload = useCallback(async () => {
    const run = ++generation.current;
    setLoad('first');
    let cursor: string | null = null;
    let first = true;
    try {
      do {
        const page = await api.listPage(first ? FIRST_PAGE : NEXT_PAGES, cursor);
        if (run !== generation.current) return;
        setTodos((current) => {
          const known = new Set(current.map((t) => t.id));
          const fresh = page.items.filter((t) => !known.has(t.id) && !removed.current.has(t.id));
          return fresh.length ? [...current, ...fresh].sort(compareTodos) : current;
        });
        cursor = page.next;
        setLoad(cursor ? 'more' : 'done');
        if (first && cursor) await painted();
        first = false;
      } while (cursor);
      setError(null);
    } catch (e) {
      if (run !== generation.current) return;
      setLoad('failed');
      fail(e);
    }
  }, [fail]);

  // A layout effect, run before the first paint: the first page, asked for at start, is then taken (and its rows
  // rendered) without waiting for the empty list to be painted first.
  useLayoutEffect(() => {
    void reload();
    return () => {
      generation.current++;
    };
  }, [reload]);

  const add = useCallback(
    async (text: string): Promise<boolean> => {
      const temp: Todo = { id: PENDING + crypto.randomUUID(), text, completed: false, createdAt: new Date().toISOString() };
      setTodos((current) => [...current, temp]);
      try {
        const saved = await api.create(text);
        keepVersion(saved.body.id, saved.version);
        setTodos((current) => replace(current, temp.id, saved.body).sort(compareTodos));
        setError(null);
        return true;
      } catch (e) {
        setTodos((current) => current.filter((t) => t.id !== temp.id));
        fail(e);
        return false;
      }
    },
    [fail],
  );

  const edit = useCallback(
    async (before: Todo, text: string, ifVersion?: number | null): Promise<EditOutcome> => {
      setTodos((current) => patch(current, before.id, { text }));
      try {
        const saved = await inTurn(before.id, ifVersion, (version) => api.update(before.id, { text }, version));
        setTodos((current) => replace(current, before.id, saved.body));
        setError(null);
        return 'saved';
      } catch (e) {
        if (e instanceof ApiError && e.status === 412 && e.currentVersion) {
          // Show the newer version and let the user choose; the row shows it meanwhile.
          try {
            const theirs = await api.get(before.id);
            keepVersion(before.id, theirs.version);
            setTodos((current) => replace(current, before.id, theirs.body));
            setConflict({ id: before.id, mine: text, theirs: theirs.body, theirsVersion: theirs.version ?? e.currentVersion });
            setError(null);
            return 'conflict';
          } catch (reading) {
            e = reading;
          }
        }
        if (e instanceof ApiError && e.status === 404) {
          // Deleted elsewhere: drop the row, and say so.
          removed.current.add(before.id);
          setTodos((current) => current.filter((t) => t.id !== before.id));
          setError('This todo was deleted elsewhere; your edit was not saved.');
          return 'refused';
        }
        setTodos((current) => patch(current, before.id, { text: before.text }));
        fail(e);
        return 'refused';
      }
    },
    [inTurn, fail],
  );

  /** The version an edit starts from: this tab's last answer for the todo, else a read of it (whose text may be newer). */
  const prepareEdit = useCallback(async (todo: Todo): Promise<{ todo: Todo; version: number | null }> => {
    const known = versions.current.get(todo.id);
    if (known || isPending(todo)) return { todo, version: known ?? null };
    try {
      const read = await api.get(todo.id);
      keepVersion(todo.id, read.version);
      // A change of this tab's still in flight is newer than this read, and its answer will show.
      if (!inFlight.current.has(todo.id)) setTodos((current) => replace(current, todo.id, read.body));
      return { todo: read.body, version: read.version };
    } catch {
      return { todo, version: null }; // the edit then goes without If-Match
    }
  }, []);

  const resolveConflict = useCallback(
    async (keepMine: boolean) => {
      const open = conflict;
      setConflict(null);
      if (open && keepMine) await edit(open.theirs, open.mine, open.theirsVersion);
    },
    [conflict, edit],
  );

  /**
   * After a 412 on a toggle or delete: the row shows the newer version the server named, so the user sees
   * what changed elsewhere and the next change starts from it. A toggle or delete has nothing of the user's
   * to keep (unlike a text edit), so no dialog: the change is simply not applied, and the message says why.
   */
  const showNewer = useCallback(async (todo: Todo, e: ApiError & { currentVersion: number }) => {
    keepVersion(todo.id, e.currentVersion);
    try {
      const theirs = await api.get(todo.id);
      keepVersion(todo.id, theirs.version);
      setTodos((current) => restore(replace(current, todo.id, theirs.body), [theirs.body]));
    } catch (reading) {
      // Deleted meanwhile: the row stays away; any other failure brings back the row as it was.
      if (reading instanceof ApiError && reading.status === 404) {
        removed.current.add(todo.id);
        setTodos((current) => current.filter((t) => t.id !== todo.id));
      } else setTodos((current) => restore(current, [todo]));
    }
  }, []);

  const saveCompleted = useCallback(async (todo: Todo, completed: boolean) => {
    try {
      const saved = await inTurn(todo.id, undefined, (version) => api.update(todo.id, { completed }, version));
      setTodos((current) => replace(current, todo.id, saved.body));
    } catch (e) {
      if (isStale(e)) await showNewer(todo, e);
      throw e;
    }
  }, [inTurn, showNewer]);

  const toggle = useCallback(
    async (todo: Todo) => {
      setTodos((current) => patch(current, todo.id, { completed: !todo.completed }));
      try {
        await saveCompleted(todo, !todo.completed);
        setError(null);
      } catch (e) {
        if (isStale(e)) setError(CHANGED_ELSEWHERE);
        else {
          setTodos((current) => patch(current, todo.id, { completed: todo.completed }));
          fail(e);
        }
      }
    },
    [saveCompleted, fail],
  );

  /** Deletes from the version this tab shows: a todo changed elsewhere since is kept, shown as it is now. */
  const removeOne = useCallback(async (todo: Todo) => {
    try {
      await inTurn(todo.id, undefined, (version) => api.remove(todo.id, version));
      removed.current.add(todo.id);
    } catch (e) {
      if (isStale(e)) await showNewer(todo, e);
      // A 404 means the todo is already gone, so the row stays away.
      else if (e instanceof ApiError && e.status === 404) removed.current.add(todo.id);
      throw e;
    }
  }, [inTurn, showNewer]);

  const remove = useCallback(
    async (todo: Todo) => {
      setTodos((current) => current.filter((t) => t.id !== todo.id));
      try {
        await removeOne(todo);
        setError(null);
      } catch (e) {
        if (isStale(e)) setError(CHANGED_ELSEWHERE);
        else {
          if (!(e instanceof ApiError && e.status === 404)) setTodos((current) => restore(current, [todo]));
          fail(e);
        }
      }
    },
    [removeOne, fail],
  );

  /** One request per todo, a few at a time; the failed ones come back, and the first failure is shown with their count. */
  const clearCompleted = useCallback(async () => {
    const done = todos.filter((t) => t.completed && !isPending(t));
    const ids = new Set(done.map((t) => t.id));
    setBusy(true);
    setTodos((current) => current.filter((t) => !ids.has(t.id)));
    const results = await settleAll(done, removeOne);
    const gone = (r: PromiseSettledResult<unknown>) =>
      r.status === 'fulfilled' || (r.reason instanceof ApiError && r.reason.status === 404);
    // Those changed elsewhere are back already, as they are now; the others that failed come back as they were.
    const failed = done.filter((_, i) => !gone(results[i]) && !isStale((results[i] as PromiseRejectedResult).reason));
    if (failed.length) setTodos((current) => restore(current, failed));
    setError(failureSummary(results.filter((r): r is PromiseRejectedResult => r.status === 'rejected'), 'deleted'));
    setBusy(false);
  }, [todos, removeOne]);

  /** Completes every todo, or reopens every one if all are completed; failures are rolled back and reported. */
  const toggleAll = useCallback(async () => {
    const completed = todos.some((t) => !t.completed);
    const changing = todos.filter((t) => t.completed !== completed && !isPending(t));
    const ids = new Set(changing.map((t) => t.id));
    setBusy(true);
    setTodos((current) => current.map((t) => (ids.has(t.id) ? { ...t, completed } : t)));
    const results = await settleAll(changing, (t) => saveCompleted(t, completed));
    const failed = new Set(
      changing.filter((_, i) => results[i].status === 'rejected' && !isStale((results[i] as PromiseRejectedResult).reason)).map((t) => t.id),
    );
    if (failed.size) setTodos((current) => current.map((t) => (failed.has(t.id) ? { ...t, completed: !completed } : t)));
    setError(failureSummary(results.filter((r): r is PromiseRejectedResult => r.status === 'rejected'), 'changed'));
    setBusy(false);
  }, [todos, saveCompleted]);

  return {
    todos, load, error, setError, busy, conflict,
    reload, add, edit, prepareEdit, resolveConflict, toggle, remove, clearCompleted, toggleAll,
  };
}
