import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, compareTodos, FIRST_PAGE, isUnreachable, NEXT_PAGES, settleAll, type Change, type Todo, type Versioned } from './api';
import { queue, saved, type QueuedChange } from './offline/db';
import { LOCAL, merge, overlay } from './offline/merge';

const PENDING = 'pending-';
const CHANGED_ELSEWHERE = 'This todo was changed elsewhere, so your change was not applied. It now shows the latest version.';
const READ_ONLY = 'You are offline and not signed in: your list shows as it was last seen. Sign in when online to make changes.';
/** Queued changes are tried again this often while the server cannot be reached but the browser thinks it is online. */
const RETRY_QUEUE_MS = 10_000;

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

/** Whose list this is (the signed-in e-mail address, '' in the open mode) and whether it may be changed. */
export interface ListOwner {
  user: string;
  /** Offline and not signed in: the saved list shows, nothing can be changed or sent. */
  readOnly: boolean;
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

const same = (a: Todo | undefined, b: Todo) =>
  a !== undefined && a.text === b.text && a.completed === b.completed && a.createdAt === b.createdAt;

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
export function useTodos({ user, readOnly }: ListOwner) {
  const [todos, setTodos] = useState<Todo[]>([]);
  /** The rows shown by id, for a change that only confirms one (the echo of the list's own read) to leave it be. */
  const byId = useMemo(() => new Map(todos.map((t) => [t.id, t])), [todos]);
  const todosRef = useRef(byId);
  todosRef.current = byId;
  /** Changes made offline and not yet sent. */
  const [queued, setQueued] = useState(0);
  /** The list shown is the saved one: the server could not be reached. */
  const [offline, setOffline] = useState(false);
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

  /** Ids of todos with a queued change: what arrives for them waits, like for one in flight, so it cannot undo what shows. */
  const queuedIds = useRef(new Set<string>());
  const queuedCount = useRef(0);
  /** The newest change that arrived for a todo while a change of this tab to it was in flight or queued. */
  const held = useRef(new Map<string, Change>());
  /** Asked for when a push skips a version of a todo shown: the feed has what came between. */
  const gap = useRef<(() => void) | null>(null);

  /**
   * Applies changes from the feed or a push. One is applied only if it is newer than the version shown: the echo
   * of this tab's own change (or anything older) is dropped, and one for a todo with a change of this tab in
   * flight or queued waits until that is answered, so it cannot bring back what the user just changed.
   */
  const applyChanges = useCallback((changes: Change[], pushed = false) => {
    const updates = new Map<string, Todo | null>();
    for (const change of changes) {
      const known = versions.current.get(change.id) ?? 0;
      if (change.version <= known) continue;
      if (inFlight.current.has(change.id) || queuedIds.current.has(change.id)) {
        if ((held.current.get(change.id)?.version ?? 0) < change.version) held.current.set(change.id, change);
        continue;
      }
      // A deletion is a todo's last event: nothing after it brings the todo back.
      if (removed.current.has(change.id) && !change.deleted) continue;
      if (pushed && known && change.version > known + 1) gap.current?.();
      versions.current.set(change.id, change.version);
      if (change.deleted || !change.item) {
        removed.current.add(change.id);
        updates.set(change.id, null);
      } else if (!same(todosRef.current.get(change.id), change.item)) updates.set(change.id, change.item);
    }
    if (updates.size) setTodos((current) => merge(current, updates));
  }, []);

  const releaseHeld = useCallback((id: string) => {
    const change = held.current.get(id);
    if (!change || inFlight.current.has(id) || queuedIds.current.has(id)) return;
    held.current.delete(id);
    applyChanges([change]);
  }, [applyChanges]);

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
      if (inFlight.current.get(id) !== turn) return;
      inFlight.current.delete(id);
      // After the caller has shown the answer: what waited is applied over it only if newer.
      window.setTimeout(() => releaseHeld(id));
    };
    turn.then(done, done);
    return turn;
  }, [releaseHeld]);

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
      setOffline(false);
      setError(null);
      // What was changed offline and not sent yet shows over the server's list until it is sent.
      const pending = await queue.all(user);
      if (run !== generation.current || !pending.length) return;
      trackQueue(pending);
      setTodos((current) => overlay(current, pending));
      void drainRef.current();
    } catch (e) {
      if (run !== generation.current) return;
      if (isUnreachable(e) && (await showSaved(run))) return;
      setLoad('failed');
      fail(e);
    }
  }, [fail, user]);

  /** Offline: the list as it was last shown, with the changes queued since (they were shown when made, and saved so). */
  const showSaved = async (run: number): Promise<boolean> => {
    const [list, pending] = await Promise.all([saved.list(user).catch(() => undefined), queue.all(user).catch(() => [])]);
    if (run !== generation.current || !list) return false;
    versions.current = new Map(list.versions);
    trackQueue(pending);
    // The list is saved a moment after each change: the queue has the last ones for sure (showing one twice is harmless).
    setTodos(overlay(list.todos, pending));
    setOffline(true);
    setLoad('done');
    return true;
  };

  const trackQueue = (pending: QueuedChange[]) => {
    const before = queuedIds.current;
    queuedIds.current = new Set(pending.map((c) => c.id));
    queuedCount.current = pending.length;
    setQueued(pending.length);
    for (const id of before) if (!queuedIds.current.has(id)) releaseHeld(id);
  };

  /**
   * Whether a change goes to the queue rather than to the server: while offline, and while earlier changes wait
   * there (they are sent in order). Read-only, nothing may be changed: says so, and answers null.
   */
  const queueing = (): boolean | null => {
    if (readOnly) {
      setError(READ_ONLY);
      return null;
    }
    return !navigator.onLine || queuedCount.current > 0;
  };

  /** Keeps a change in IndexedDB, to be sent when the server can be reached; the caller has shown it already. */
  const enqueue = async (change: Omit<QueuedChange, 'user' | 'idempotencyKey'>, idempotencyKey: string = crypto.randomUUID()) => {
    queuedIds.current.add(change.id);
    queuedCount.current++;
    try {
      await queue.add({ ...change, user, idempotencyKey });
      // Counted as waiting once it is stored: from then on a reload or a closed tab keeps it.
      setQueued((n) => n + 1);
    } catch (e) {
      fail(e);
    }
  };

  const sendQueued = (change: QueuedChange) => {
    const text = change.text !== undefined ? { text: change.text } : {};
    const completed = change.completed !== undefined ? { completed: change.completed } : {};
    if (change.kind === 'create') return api.create(change.text ?? '', change.idempotencyKey);
    if (change.kind === 'delete') return api.remove(change.id, change.ifVersion, change.idempotencyKey);
    return api.update(change.id, { ...text, ...completed }, change.ifVersion, change.idempotencyKey);
  };

  /** The todo as the server has it now, or its row gone if it is deleted. */
  const showAsServerHas = async (id: string) => {
    try {
      const theirs = await api.get(id);
      keepVersion(id, theirs.version);
      setTodos((current) => merge(current, new Map([[id, theirs.body]])));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        removed.current.add(id);
        setTodos((current) => current.filter((t) => t.id !== id));
      }
    }
  };

  /** A queued change the server refused: a text edit in conflict opens the dialog; else the todo shows as it now is, and why. */
  const refused = async (change: QueuedChange, e: ApiError) => {
    if (e.status === 412 && change.kind === 'update' && change.text !== undefined) {
      try {
        const theirs = await api.get(change.id);
        keepVersion(change.id, theirs.version);
        setTodos((current) => replace(current, change.id, theirs.body));
        setConflict({ id: change.id, mine: change.text, theirs: theirs.body, theirsVersion: theirs.version ?? e.currentVersion ?? 0 });
        return;
      } catch (reading) {
        if (!(reading instanceof ApiError)) throw reading;
        e = reading;
      }
    }
    if (e.status === 404) {
      removed.current.add(change.id);
      setTodos((current) => current.filter((t) => t.id !== change.id));
      setError('A todo you changed offline was deleted elsewhere; your change was not applied.');
      return;
    }
    setError(e.status === 412 ? CHANGED_ELSEWHERE : messageOf(e));
    if (change.kind === 'create') setTodos((current) => current.filter((t) => t.id !== change.id));
    else await showAsServerHas(change.id);
  };

  const draining = useRef(false);
  /**
   * Sends the queued changes in order, each with its own Idempotency-Key and the If-Match it was made on. Stops,
   * keeping the rest, when the server cannot be reached or is busy; a change it refuses leaves the queue, shown
   * as the conflict dialog (a text edit), or as the todo now is with the reason.
   */
  const drain = async () => {
    if (draining.current || readOnly) return;
    draining.current = true;
    try {
      for (let pending = await queue.all(user); pending.length; pending = await queue.all(user)) {
        const change = pending[0];
        if (change.id.startsWith(LOCAL) && change.kind !== 'create') {
          // Its create was refused: there is no todo to change.
          await queue.done(change, change.id, null);
          continue;
        }
        let answer: Versioned<Todo | { message: string }>;
        try {
          answer = await sendQueued(change);
        } catch (e) {
          if (!(e instanceof ApiError) || e.status === 0 || e.status === 401 || e.status === 429 || e.status >= 500) {
            if (isUnreachable(e)) setOffline(true);
            return;
          }
          await queue.done(change, change.id, null);
          trackQueue(await queue.all(user));
          await refused(change, e);
          continue;
        }
        const id = change.kind === 'create' ? (answer.body as Todo).id : change.id;
        await queue.done(change, id, answer.version);
        keepVersion(id, answer.version);
        const rest = await queue.all(user);
        const more = rest.some((c) => c.id === id);
        if (change.kind === 'delete') removed.current.add(id);
        else if (change.kind === 'create')
          // The row keeps what it shows (later queued edits), under the server's id; a push of it may have come first.
          setTodos((current) => current.filter((t) => t.id !== id).map((t) => (t.id === change.id ? { ...t, id, createdAt: (answer.body as Todo).createdAt } : t)));
        else if (!more) setTodos((current) => replace(current, id, answer.body as Todo));
        trackQueue(rest);
      }
      setOffline(false);
    } finally {
      draining.current = false;
    }
  };
  const drainRef = useRef(drain);
  drainRef.current = drain;

  // Back online: the saved list gives way to the server's, and the queue is sent; while changes wait, they are
  // tried again from time to time (the browser may think itself online when the server cannot be reached).
  useEffect(() => {
    // Read-only there is no one to send them as: they wait for a sign-in.
    if (readOnly) return;
    const online = () => (offline ? void reload() : void drainRef.current());
    window.addEventListener('online', online);
    const timer = window.setInterval(() => {
      if (queuedCount.current && navigator.onLine) void drainRef.current();
    }, RETRY_QUEUE_MS);
    return () => {
      window.removeEventListener('online', online);
      window.clearInterval(timer);
    };
  }, [offline, reload, readOnly]);

  // The list as shown is saved for an offline start: once every page is in, and at each change. One write at a
  // time; changes made during a write are saved by one more write after it, with the list as it then is.
  const saving = useRef<{ again: boolean } | null>(null);
  const latest = useRef(todos);
  latest.current = todos;
  useEffect(() => {
    if (load !== 'done' || readOnly) return;
    if (saving.current) {
      saving.current.again = true;
      return;
    }
    const state = { again: true };
    saving.current = state;
    void (async () => {
      while (state.again) {
        state.again = false;
        await saved.putList({ user, todos: latest.current.filter((t) => !isPending(t)), versions: [...versions.current] }).catch(() => undefined);
      }
      saving.current = null;
    })();
  }, [todos, load, user, readOnly]);

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
      const offline = queueing();
      if (offline === null) return false;
      const local = LOCAL + crypto.randomUUID();
      const createdAt = new Date().toISOString();
      const key = crypto.randomUUID();
      const queueIt = () => enqueue({ kind: 'create', id: local, text, createdAt, ifVersion: null }, key);
      if (offline) {
        setTodos((current) => [...current, { id: local, text, completed: false, createdAt }]);
        await queueIt();
        return true;
      }
      const temp: Todo = { id: PENDING + crypto.randomUUID(), text, completed: false, createdAt };
      setTodos((current) => [...current, temp]);
      try {
        const created = await api.create(text, key);
        keepVersion(created.body.id, created.version);
        // Its push may have come first.
        setTodos((current) => replace(current.filter((t) => t.id !== created.body.id), temp.id, created.body).sort(compareTodos));
        setError(null);
        return true;
      } catch (e) {
        if (isUnreachable(e)) {
          // Perhaps created, perhaps not: the same key, sent again from the queue, creates it once.
          setTodos((current) => replace(current, temp.id, { ...temp, id: local }));
          await queueIt();
          return true;
        }
        setTodos((current) => current.filter((t) => t.id !== temp.id));
        fail(e);
        return false;
      }
    },
    [fail, user, readOnly],
  );

  const edit = useCallback(
    async (before: Todo, text: string, ifVersion?: number | null): Promise<EditOutcome> => {
      const offline = queueing();
      if (offline === null) return 'refused';
      setTodos((current) => patch(current, before.id, { text }));
      const key = crypto.randomUUID();
      const queueIt = () => enqueue({ kind: 'update', id: before.id, text, ifVersion: ifVersion ?? versions.current.get(before.id) ?? null }, key);
      if (offline) {
        await queueIt();
        return 'saved';
      }
      try {
        const saved = await inTurn(before.id, ifVersion, (version) => api.update(before.id, { text }, version, key));
        setTodos((current) => replace(current, before.id, saved.body));
        setError(null);
        return 'saved';
      } catch (e) {
        if (isUnreachable(e)) {
          await queueIt();
          return 'saved';
        }
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
    [inTurn, fail, user, readOnly],
  );

  /** The version an edit starts from: this tab's last answer for the todo, else a read of it (whose text may be newer). */
  const prepareEdit = useCallback(async (todo: Todo): Promise<{ todo: Todo; version: number | null }> => {
    const known = versions.current.get(todo.id);
    if (known || isPending(todo) || todo.id.startsWith(LOCAL)) return { todo, version: known ?? null };
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

  /** Offline (or when the server cannot be reached), the change is queued instead: it shows already. */
  const saveCompleted = useCallback(async (todo: Todo, completed: boolean, offline: boolean) => {
    const key = crypto.randomUUID();
    const queueIt = () => enqueue({ kind: 'update', id: todo.id, completed, ifVersion: versions.current.get(todo.id) ?? null }, key);
    if (offline) return queueIt();
    try {
      const saved = await inTurn(todo.id, undefined, (version) => api.update(todo.id, { completed }, version, key));
      setTodos((current) => replace(current, todo.id, saved.body));
    } catch (e) {
      if (isUnreachable(e)) return queueIt();
      if (isStale(e)) await showNewer(todo, e);
      throw e;
    }
  }, [inTurn, showNewer, user]);

  const toggle = useCallback(
    async (todo: Todo) => {
      const offline = queueing();
      if (offline === null) return;
      setTodos((current) => patch(current, todo.id, { completed: !todo.completed }));
      try {
        await saveCompleted(todo, !todo.completed, offline);
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
  const removeOne = useCallback(async (todo: Todo, offline: boolean) => {
    const key = crypto.randomUUID();
    const queueIt = () => enqueue({ kind: 'delete', id: todo.id, ifVersion: versions.current.get(todo.id) ?? null }, key);
    if (offline) return queueIt();
    try {
      await inTurn(todo.id, undefined, (version) => api.remove(todo.id, version, key));
      removed.current.add(todo.id);
    } catch (e) {
      if (isUnreachable(e)) return queueIt();
      if (isStale(e)) await showNewer(todo, e);
      // A 404 means the todo is already gone, so the row stays away.
      else if (e instanceof ApiError && e.status === 404) removed.current.add(todo.id);
      throw e;
    }
  }, [inTurn, showNewer, user]);

  const remove = useCallback(
    async (todo: Todo) => {
      const offline = queueing();
      if (offline === null) return;
      setTodos((current) => current.filter((t) => t.id !== todo.id));
      try {
        await removeOne(todo, offline);
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
    const offline = queueing();
    if (offline === null) return;
    const done = todos.filter((t) => t.completed && !isPending(t));
    const ids = new Set(done.map((t) => t.id));
    setBusy(true);
    setTodos((current) => current.filter((t) => !ids.has(t.id)));
    const results = await settleAll(done, (t) => removeOne(t, offline));
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
    const offline = queueing();
    if (offline === null) return;
    const completed = todos.some((t) => !t.completed);
    const changing = todos.filter((t) => t.completed !== completed && !isPending(t));
    const ids = new Set(changing.map((t) => t.id));
    setBusy(true);
    setTodos((current) => current.map((t) => (ids.has(t.id) ? { ...t, completed } : t)));
    const results = await settleAll(changing, (t) => saveCompleted(t, completed, offline));
    const failed = new Set(
      changing.filter((_, i) => results[i].status === 'rejected' && !isStale((results[i] as PromiseRejectedResult).reason)).map((t) => t.id),
    );
    if (failed.size) setTodos((current) => current.map((t) => (failed.has(t.id) ? { ...t, completed: !completed } : t)));
    setError(failureSummary(results.filter((r): r is PromiseRejectedResult => r.status === 'rejected'), 'changed'));
    setBusy(false);
  }, [todos, saveCompleted]);

  return {
    todos, load, error, setError, busy, conflict, queued, offline,
    reload, add, edit, prepareEdit, resolveConflict, toggle, remove, clearCompleted, toggleAll, applyChanges, gap,
  };
}
