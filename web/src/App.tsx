import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Todo } from './api';
import ConflictDialog from './components/ConflictDialog';
import HistoryPanel from './components/HistoryPanel';
import TodoForm from './components/TodoForm';
import TodoList from './components/TodoList';
import type { LiveState } from './live';
import { useLive } from './useLive';
import { useOnline } from './useOnline';
import { useTodos, type ListOwner } from './useTodos';

const EMPTY_TEXT_MESSAGE = 'Todo text cannot be empty.';

type Filter = 'all' | 'active' | 'completed';
const FILTERS: { value: Filter; label: string; hash: string }[] = [
  { value: 'all', label: 'All', hash: '#/' },
  { value: 'active', label: 'Active', hash: '#/active' },
  { value: 'completed', label: 'Completed', hash: '#/completed' },
];

/** The filter lives in the URL (#/active, #/completed), so it survives a reload and can be linked to. */
function useFilter(): Filter {
  const read = () => FILTERS.find((f) => f.hash === window.location.hash && f.value !== 'all')?.value ?? 'all';
  const [filter, setFilter] = useState<Filter>(read);
  useEffect(() => {
    const changed = () => setFilter(read());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return filter;
}

// One formatter for every count: toLocaleString builds a new one on each call, which the list's renders felt.
const count = new Intl.NumberFormat('en');
const plural = (n: number, word: string) => `${count.format(n)} ${word}${n === 1 ? '' : 's'}`;

/** The signed-in user, when the API takes users; without an ID token, the user whose saved list shows offline. */
export interface SignedInUser {
  email: string;
  onSignOut: () => void;
  idToken?: string;
}

interface AppProps {
  owner: ListOwner;
  user?: SignedInUser;
  /** config.json's live endpoint, or null. */
  live: string | null;
  /** The host serves an X-Ray API, so a todo's history links to the trace viewer. */
  traces: boolean;
}

/** What the live status says: whether changes made elsewhere show here as they happen. */
function liveText(live: LiveState, offline: boolean, queued: number, pushes: boolean): string {
  const waiting = queued ? ` ${plural(queued, 'change')} waiting to be sent.` : '';
  if (offline) return `Offline: showing your list as last seen.${waiting}`;
  if (!pushes) return `Up to date when you return to this tab.${waiting}`;
  return (live === 'live' ? 'Live: changes made elsewhere show here at once.' : 'Connecting… changes made elsewhere show when connected.') + waiting;
}

export default function App({ owner, user, live, traces }: AppProps) {
  const store = useTodos(owner);
  const { todos, load, error, setError, busy, offline, queued } = store;
  const liveState = useLive({
    live,
    idToken: user?.idToken ?? null,
    user: owner.user,
    enabled: load === 'done' && !offline && !owner.readOnly,
    apply: store.applyChanges,
    gap: store.gap,
  });
  const online = useOnline();
  const disconnected = offline || !online;
  const status = owner.readOnly ? 'off' : disconnected ? 'offline' : live === null ? 'polling' : liveState;
  const filter = useFilter();
  const [history, setHistory] = useState<Todo | null>(null);

  const counts = useMemo(() => {
    const completed = todos.reduce((n, t) => n + (t.completed ? 1 : 0), 0);
    return { all: todos.length, active: todos.length - completed, completed };
  }, [todos]);
  const shown = useMemo(
    () => (filter === 'all' ? todos : todos.filter((t) => (filter === 'completed' ? t.completed : !t.completed))),
    [todos, filter],
  );

  const invalid = useCallback(() => setError(EMPTY_TEXT_MESSAGE), [setError]);
  const openHistory = useCallback((todo: Todo) => setHistory(todo), []);
  const loaded = load === 'done';
  // Bulk actions work on the whole list, so they wait until every page is in.
  const bulkDisabled = !loaded || busy;

  return (
    <main className="app" data-load={load}>
      <h1 className="app-title">todos</h1>
      {user && (
        <p className="user-bar">
          <span data-testid="signed-in-as">{owner.readOnly ? `Offline, as ${user.email}` : `Signed in as ${user.email}`}</span>
          <button type="button" className="link-button" onClick={user.onSignOut} data-testid="sign-out">
            {owner.readOnly ? 'Sign in' : 'Sign out'}
          </button>
        </p>
      )}
      <p className="live-status" role="status" data-testid="live-status" data-live={status} data-queued={queued}>
        <span className="live-dot" aria-hidden="true" />
        {owner.readOnly
          ? `You are offline and not signed in: your list shows as it was last seen, read-only.${queued ? ` ${plural(queued, 'change')} will be sent when you sign in online.` : ''}`
          : liveText(liveState, disconnected, queued, live !== null)}
      </p>

      <section className="card" aria-label="Todo list">
        <div className="todo-head">
          <input
            id="toggle-all"
            type="checkbox"
            className="toggle-all"
            data-testid="toggle-all"
            checked={counts.all > 0 && counts.active === 0}
            disabled={bulkDisabled || counts.all === 0}
            onChange={() => void store.toggleAll()}
          />
          <label htmlFor="toggle-all" className="visually-hidden">
            {counts.active === 0 ? 'Mark all as not done' : 'Mark all as done'}
          </label>
          <TodoForm onAdd={store.add} onInvalid={invalid} disabled={owner.readOnly} />
        </div>

        {error && (
          <div className="error">
            {/* The alert holds only the message, so its text is exactly what the user needs to read. */}
            <p className="error-text" role="alert" data-testid="error-message">
              {error}
            </p>
            <button type="button" className="icon-button" onClick={() => setError(null)} aria-label="Dismiss error">
              <span aria-hidden="true">×</span>
            </button>
          </div>
        )}

        <nav className="filters" aria-label="Filter todos">
          {FILTERS.map((f) => (
            <a
              key={f.value}
              href={f.hash}
              className="filter"
              data-testid={`filter-${f.value}`}
              aria-current={filter === f.value ? 'page' : undefined}
            >
              {f.label} <span className="count" data-testid={`count-${f.value}`}>{count.format(counts[f.value])}</span>
            </a>
          ))}
        </nav>

        {load === 'first' && todos.length === 0 ? (
          <p className="status" data-testid="loading">
            Loading…
          </p>
        ) : (
          <>
            <TodoList
              todos={shown}
              onToggle={store.toggle}
              onStartEdit={store.prepareEdit}
              onEdit={store.edit}
              onDelete={store.remove}
              onHistory={openHistory}
              onInvalidEdit={invalid}
            />
            {load === 'failed' ? (
              <p className="status">
                Your todos could not be loaded.{' '}
                <button type="button" className="link-button" onClick={() => void store.reload()}>
                  Retry loading todos
                </button>
              </p>
            ) : (
              shown.length === 0 &&
              loaded && (
                <p className="status empty" data-testid="empty-state">
                  {filter === 'all' ? 'Nothing to do yet. Add your first todo above.' : filter === 'active' ? 'Nothing left to do.' : 'Nothing completed yet.'}
                </p>
              )
            )}
          </>
        )}

        <footer className="footer">
          <span data-testid="items-left">{plural(counts.active, 'item')} left</span>
          <span className="load-status" data-testid="load-status" role="status">
            {load === 'more' ? `Loading more… ${count.format(counts.all)} so far` : ''}
          </span>
          <button
            type="button"
            className="link-button"
            data-testid="clear-completed"
            onClick={() => void store.clearCompleted()}
            disabled={bulkDisabled || counts.completed === 0}
          >
            Clear completed
          </button>
        </footer>
      </section>

      {history && <HistoryPanel todo={history} traces={traces} onClose={() => setHistory(null)} />}
      {store.conflict && <ConflictDialog conflict={store.conflict} onChoose={(keepMine) => void store.resolveConflict(keepMine)} />}
    </main>
  );
}
