import { useEffect, useRef, useState } from 'react';
import type { Todo } from '../api';
import type { EditOutcome } from '../useTodos';
import TodoItem from './TodoItem';

/** Rows rendered at first, and added each time the end of the rendered rows nears the screen. */
const STEP = 200;

interface TodoListProps {
  todos: Todo[];
  onToggle: (todo: Todo) => Promise<void>;
  onStartEdit: (todo: Todo) => Promise<{ todo: Todo; version: number | null }>;
  onEdit: (before: Todo, text: string, ifVersion: number | null) => Promise<EditOutcome>;
  onDelete: (todo: Todo) => Promise<void>;
  onHistory: (todo: Todo) => void;
  onInvalidEdit: () => void;
}

/**
 * Renders the list incrementally: a first batch of rows, then more as scrolling (or moving focus with the
 * keyboard) brings the end into view. Rows once rendered stay, so the tab order never skips a todo, and the
 * browser skips the layout of rows off screen (content-visibility), so 20,000 todos scroll smoothly.
 */
export default function TodoList({ todos, ...handlers }: TodoListProps) {
  const [shown, setShown] = useState(STEP);
  const sentinel = useRef<HTMLLIElement>(null);
  const more = todos.length > shown;

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
    <ul className="todo-list" data-testid="todo-list" aria-label="Todos">
      {todos.slice(0, shown).map((todo) => (
        <TodoItem key={todo.id} todo={todo} {...handlers} />
      ))}
      {more && <li ref={sentinel} className="todo-sentinel" aria-hidden="true" data-testid="list-sentinel" />}
    </ul>
  );
}
