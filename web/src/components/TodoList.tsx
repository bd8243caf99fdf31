import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { Todo } from '../api';
import type { EditOutcome } from '../useTodos';
import TodoItem from './TodoItem';

/** Rows rendered at first, and added each time the end of the rendered rows nears the screen. */
const STEP = 400;
/** Rows per group: the browser skips the layout and paint of a group off screen as one box. */
const GROUP = 25;
/** A row's height (min-height and border), for the size of a group the browser has not laid out yet. */
const ROW_HEIGHT = 57;

interface Handlers {
  onToggle: (todo: Todo) => Promise<void>;
  onStartEdit: (todo: Todo) => Promise<{ todo: Todo; version: number | null }>;
  onEdit: (before: Todo, text: string, ifVersion: number | null) => Promise<EditOutcome>;
  onDelete: (todo: Todo) => Promise<void>;
  onHistory: (todo: Todo) => void;
  onInvalidEdit: () => void;
}

interface TodoListProps extends Handlers {
  todos: Todo[];
}

interface Group {
  key: number;
  todos: Todo[];
}

/**
 * Splits the rows into groups of about GROUP. A row keeps the group it was first placed in, so a change
 * elsewhere in the list (a delete, a page fetched, a filter) never moves it to another group, which would
 * mount it anew and lose its focus or an edit in progress. A row not placed yet joins the group before it
 * while that has room, or when that group goes on after it (a row put back in the middle).
 */
function groupRows(todos: Todo[], placed: Map<string, number>, keys: { next: number }): Group[] {
  const groups: Group[] = [];
  const started = new Set<number>();
  let current: Group | undefined;
  todos.forEach((todo, i) => {
    let key = placed.get(todo.id);
    // A row whose group is already behind it (only an order changed) is placed anew.
    if (key === undefined || (key !== current?.key && started.has(key))) {
      const goesOn = current !== undefined && i + 1 < todos.length && placed.get(todos[i + 1].id) === current.key;
      key = current && (current.todos.length < GROUP || goesOn) ? current.key : keys.next++;
      placed.set(todo.id, key);
    }
    if (key !== current?.key) {
      current = { key, todos: [] };
      groups.push(current);
      started.add(key);
    }
    current.todos.push(todo);
  });
  return groups;
}

const sameRows = (a: Todo[], b: Todo[]) => a.length === b.length && a.every((todo, i) => todo === b[i]);

/** A group renders again only when one of its own rows changed: a scroll step or a fetched page leaves the others alone. */
const TodoGroup = memo(
  function TodoGroup({ todos, handlers }: { todos: Todo[]; handlers: Handlers }) {
    return (
      <div className="todo-group" style={{ containIntrinsicSize: `auto ${todos.length * ROW_HEIGHT}px` }}>
        {todos.map((todo) => (
          <TodoItem key={todo.id} todo={todo} {...handlers} />
        ))}
      </div>
    );
  },
  (before, after) => before.handlers === after.handlers && sameRows(before.todos, after.todos),
);

/**
 * Renders the list incrementally: a first batch of rows, then more as scrolling (or moving focus with the
 * keyboard) brings the end into view. Rows once rendered stay, so the tab order never skips a todo. They sit
 * in groups the browser skips while off screen (content-visibility on the group): per row, that skipping
 * costs every frame a check of each row, which with 20,000 rows took seconds per scroll step.
 */
export default function TodoList({ todos, onToggle, onStartEdit, onEdit, onDelete, onHistory, onInvalidEdit }: TodoListProps) {
  const [shown, setShown] = useState(STEP);
  const sentinel = useRef<HTMLDivElement>(null);
  const placed = useRef(new Map<string, number>());
  const keys = useRef({ next: 0 });
  const more = todos.length > shown;
  const handlers = useMemo(
    () => ({ onToggle, onStartEdit, onEdit, onDelete, onHistory, onInvalidEdit }),
    [onToggle, onStartEdit, onEdit, onDelete, onHistory, onInvalidEdit],
  );
  const groups = useMemo(() => groupRows(todos.slice(0, shown), placed.current, keys.current), [todos, shown]);

  useEffect(() => {
    const end = sentinel.current;
    if (!end) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setShown((n) => n + STEP);
    }, { rootMargin: '1500px 0px' });
    observer.observe(end);
    return () => observer.disconnect();
  }, [more, shown]);

  return (
    <>
      <div className="todo-list" role="list" data-testid="todo-list" aria-label="Todos">
        {groups.map((group) => (
          <TodoGroup key={group.key} todos={group.todos} handlers={handlers} />
        ))}
      </div>
      {more && <div ref={sentinel} className="todo-sentinel" aria-hidden="true" data-testid="list-sentinel" />}
    </>
  );
}
