import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, compareTodos, type Todo, type TodoChanges } from './api';
import TodoForm from './components/TodoForm';
import TodoList from './components/TodoList';

const EMPTY_TEXT_MESSAGE = 'Todo text cannot be empty.';

/** Inserts or replaces a todo by id, keeping the server's ordering. */
function upsert(todos: Todo[], item: Todo): Todo[] {
  return [...todos.filter((t) => t.id !== item.id), item].sort(compareTodos);
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    const details = Object.values(error.errors).filter((reason) => reason && reason !== error.message);
    // e.g. "Validation failed: Text must be at most 1000 characters"
    return details.length ? `${error.message.replace(/[.:]\s*$/, '')}: ${details.join('; ')}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export default function App() {
  const [todos, setTodos] = useState<Todo[]>([]);
  const [loading, setLoading] = useState(true);
  const [loadFailed, setLoadFailed] = useState(false);
  const [clearing, setClearing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fail = useCallback((e: unknown) => setError(messageOf(e)), []);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const fetched = await api.list();
      // Items written while the list was loading come from command responses, which are
      // newer than the (eventually consistent) read side, so they win over fetched copies.
      setTodos((local) => local.reduce(upsert, [...fetched].sort(compareTodos)));
      setLoadFailed(false);
      setError(null);
    } catch (e) {
      setLoadFailed(true);
      fail(e);
    } finally {
      setLoading(false);
    }
  }, [fail]);

  useEffect(() => {
    void load();
  }, [load]);

  // The read side lags behind commands, so every command updates local state from its own
  // response instead of re-fetching the list.
  // Keeps a command's answer; false (with the error shown) when it failed.
  const keep = useCallback(
    async (command: Promise<Todo>): Promise<boolean> => {
      try {
        const saved = await command;
        setTodos((current) => upsert(current, saved));
        setError(null);
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    [fail],
  );

  const addTodo = useCallback((text: string) => keep(api.create(text)), [keep]);

  const updateTodo = useCallback((id: string, changes: TodoChanges) => keep(api.update(id, changes)), [keep]);

  const toggleTodo = useCallback(
    async (todo: Todo) => {
      const completed = !todo.completed;
      // Flip the checkbox at once so it responds like a native control; undo it if the server refuses.
      setTodos((current) => current.map((t) => (t.id === todo.id ? { ...t, completed } : t)));
      const ok = await updateTodo(todo.id, { completed });
      if (!ok) {
        setTodos((current) => current.map((t) => (t.id === todo.id ? { ...t, completed: !completed } : t)));
      }
    },
    [updateTodo],
  );

  const deleteTodo = useCallback(
    async (id: string) => {
      try {
        await api.remove(id);
        setTodos((current) => current.filter((t) => t.id !== id));
        setError(null);
      } catch (e) {
        // A 404 means the todo is already gone, so drop the stale row but still report it.
        if (e instanceof ApiError && e.status === 404) {
          setTodos((current) => current.filter((t) => t.id !== id));
        }
        fail(e);
      }
    },
    [fail],
  );

  const completedIds = todos.filter((t) => t.completed).map((t) => t.id);

  const clearCompleted = async () => {
    setClearing(true);
    const results = await Promise.allSettled(completedIds.map((id) => api.remove(id)));
    const removed = new Set(completedIds.filter((_, i) => results[i].status === 'fulfilled'));
    setTodos((current) => current.filter((t) => !removed.has(t.id)));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failures.length) {
      const prefix = failures.length > 1 ? `${failures.length} todos could not be deleted: ` : '';
      setError(prefix + messageOf(failures[0].reason));
    } else {
      setError(null);
    }
    setClearing(false);
  };

  const itemsLeft = todos.length - completedIds.length;

  return (
    <main className="app">
      <h1 className="app-title">todos</h1>

      <section className="card">
        <TodoForm onAdd={addTodo} onInvalid={() => setError(EMPTY_TEXT_MESSAGE)} />

        {error && (
          <div className="error">
            {/* The alert holds only the message, so its text is exactly what the user needs to read. */}
            <p className="error-text" role="alert" data-testid="error-message">
              {error}
            </p>
            <button type="button" className="icon-button" onClick={() => setError(null)} aria-label="Dismiss error">
              ×
            </button>
          </div>
        )}

        {loading ? (
          <p className="status" data-testid="loading">
            Loading…
          </p>
        ) : (
          <>
            <TodoList
              todos={todos}
              onToggle={toggleTodo}
              onEdit={updateTodo}
              onDelete={deleteTodo}
              onInvalidEdit={() => setError(EMPTY_TEXT_MESSAGE)}
            />
            {loadFailed ? (
              <p className="status">
                Your todos could not be loaded.{' '}
                <button type="button" className="link-button" onClick={() => void load()} aria-label="Retry loading todos">
                  Retry
                </button>
              </p>
            ) : (
              todos.length === 0 && <p className="status">Nothing to do yet.</p>
            )}
            <footer className="footer">
              <span data-testid="items-left">
                {itemsLeft} {itemsLeft === 1 ? 'item' : 'items'} left
              </span>
              <button
                type="button"
                className="link-button"
                data-testid="clear-completed"
                aria-label="Clear completed todos"
                onClick={() => void clearCompleted()}
                disabled={completedIds.length === 0 || clearing}
              >
                Clear completed
              </button>
            </footer>
          </>
        )}
      </section>
    </main>
  );
}
