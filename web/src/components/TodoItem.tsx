import { memo, useRef, useState, type KeyboardEvent } from 'react';
import type { Todo } from '../api';
import { isPending, type EditOutcome } from '../useTodos';

interface TodoItemProps {
  todo: Todo;
  onToggle: (todo: Todo) => Promise<void>;
  /** Reads the todo's current version when an edit starts; resolves to the todo as it is now. */
  onStartEdit: (todo: Todo) => Promise<{ todo: Todo; version: number | null }>;
  /** With the version the edit started from, for If-Match. */
  onEdit: (before: Todo, text: string, ifVersion: number | null) => Promise<EditOutcome>;
  onDelete: (todo: Todo) => Promise<void>;
  onHistory: (todo: Todo) => void;
  onInvalidEdit: () => void;
}

function TodoItem({ todo, onToggle, onStartEdit, onEdit, onDelete, onHistory, onInvalidEdit }: TodoItemProps) {
  // null while not editing.
  const [draft, setDraft] = useState<string | null>(null);
  const row = useRef<HTMLDivElement>(null);
  // Browsers fire blur when the edit input is removed, so a ref (not stale render state)
  // decides whether an edit is still open, preventing a second save after Enter or Escape.
  const editing = useRef(false);
  // What the edit started from: the todo as the server had it when the editor opened.
  const base = useRef(todo);
  const baseVersion = useRef<number | null>(null);
  // The editor's text, for callbacks that outlive a render.
  const typed = useRef('');
  const prepared = useRef<Promise<void>>(Promise.resolve());
  const pending = isPending(todo);

  // Not once a new edit has opened meanwhile: taking the focus from its editor would blur it, and blur saves.
  const focusEditButton = () =>
    requestAnimationFrame(() => {
      if (!editing.current) row.current?.querySelector<HTMLElement>('.todo-edit')?.focus();
    });

  const startEditing = () => {
    if (pending || editing.current) return;
    editing.current = true;
    base.current = todo;
    baseVersion.current = null;
    typed.current = todo.text;
    setDraft(todo.text);
    const shown = todo.text;
    prepared.current = onStartEdit(todo).then(({ todo: current, version }) => {
      if (!editing.current || current.text === shown) {
        baseVersion.current = version;
        return;
      }
      // Someone changed the text since the list was read. Not typed yet: start from theirs. Typed already:
      // the edit is from an older version than theirs, which the save's If-Match tells the server (a 412).
      if (typed.current === shown) {
        base.current = current;
        baseVersion.current = version;
        typed.current = current.text;
        setDraft(current.text);
      } else {
        baseVersion.current = version && version > 1 ? version - 1 : null;
      }
    });
  };

  const stopEditing = (refocus: boolean) => {
    editing.current = false;
    setDraft(null);
    if (refocus) focusEditButton();
  };

  const save = async (value: string, refocus: boolean) => {
    if (!editing.current) return;
    const text = value.trim();
    if (text === base.current.text) {
      stopEditing(refocus);
      return;
    }
    if (!text) {
      onInvalidEdit();
      return;
    }
    // The new text shows at once; a refusal brings the editor back with what was typed.
    stopEditing(refocus);
    await prepared.current;
    if ((await onEdit(base.current, text, baseVersion.current)) === 'refused') {
      editing.current = true;
      typed.current = value;
      setDraft(value);
    }
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save(event.currentTarget.value, true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      stopEditing(true);
    }
  };

  const remove = () => {
    // Focus goes to the next row (or the previous, or the form) so keyboard users keep their place;
    // rows sit in groups (see TodoList), so the next row may be the first of the next group.
    const here = row.current;
    const group = here?.parentElement;
    const neighbour =
      here?.nextElementSibling ?? group?.nextElementSibling?.firstElementChild ?? here?.previousElementSibling ?? group?.previousElementSibling?.lastElementChild;
    const target = neighbour?.querySelector<HTMLElement>('.todo-toggle') ?? document.getElementById('new-todo');
    target?.focus();
    void onDelete(todo);
  };

  const className = ['todo-item', todo.completed && 'completed', draft !== null && 'editing'].filter(Boolean).join(' ');

  return (
    <div
      ref={row}
      role="listitem"
      className={className}
      data-testid="todo-item"
      data-id={todo.id}
      data-completed={String(todo.completed)}
      data-pending={String(pending)}
      aria-busy={pending || undefined}
    >
      <input
        type="checkbox"
        className="todo-toggle"
        data-testid="todo-toggle"
        aria-label={`Completed: ${todo.text}`}
        checked={todo.completed}
        disabled={pending}
        onChange={() => void onToggle(todo)}
      />
      {draft !== null ? (
        <input
          className="todo-edit-input"
          data-testid="todo-edit-input"
          aria-label={`Edit todo: ${base.current.text}`}
          value={draft}
          onChange={(e) => {
            typed.current = e.target.value;
            setDraft(e.target.value);
          }}
          onKeyDown={handleKeyDown}
          onBlur={(e) => void save(e.currentTarget.value, false)}
          autoFocus
        />
      ) : (
        <span className="todo-text" data-testid="todo-text" title="Double-click to edit" onDoubleClick={startEditing}>
          {todo.text}
        </span>
      )}
      {draft === null && (
        <span className="todo-actions">
          <button type="button" className="icon-button todo-edit" data-testid="todo-edit" aria-label={`Edit: ${todo.text}`} onClick={startEditing} disabled={pending}>
            <span aria-hidden="true">✎</span>
          </button>
          <button
            type="button"
            className="icon-button todo-history"
            data-testid="todo-history"
            aria-label={`History: ${todo.text}`}
            onClick={() => onHistory(todo)}
            disabled={pending}
          >
            <span aria-hidden="true">⟲</span>
          </button>
          <button type="button" className="icon-button todo-delete" data-testid="todo-delete" aria-label={`Delete: ${todo.text}`} onClick={remove} disabled={pending}>
            <span aria-hidden="true">×</span>
          </button>
        </span>
      )}
    </div>
  );
}

export default memo(TodoItem);
