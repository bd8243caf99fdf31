import { useRef, useState, type KeyboardEvent } from 'react';
import type { Todo, TodoChanges } from '../api';

interface TodoItemProps {
  todo: Todo;
  onToggle: (todo: Todo) => Promise<void>;
  /** Resolves to true when the change was saved. */
  onEdit: (id: string, changes: TodoChanges) => Promise<boolean>;
  onDelete: (id: string) => Promise<void>;
  onInvalidEdit: () => void;
}

export default function TodoItem({ todo, onToggle, onEdit, onDelete, onInvalidEdit }: TodoItemProps) {
  // null while not editing.
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Browsers fire blur when the edit input is removed, so a ref (not stale render state)
  // decides whether an edit is still open, preventing a second save after Enter or Escape.
  const editing = useRef(false);

  const startEditing = () => {
    if (busy) return;
    editing.current = true;
    setDraft(todo.text);
  };

  const stopEditing = () => {
    editing.current = false;
    setDraft(null);
  };

  const save = async (value: string) => {
    if (!editing.current) return;
    const text = value.trim();
    if (text === todo.text) {
      stopEditing();
      return;
    }
    if (!text) {
      onInvalidEdit();
      return;
    }
    editing.current = false;
    setBusy(true);
    const saved = await onEdit(todo.id, { text });
    setBusy(false);
    if (saved) {
      setDraft(null);
    } else {
      // Leave the input open with the rejected text so it can be fixed.
      editing.current = true;
    }
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save(event.currentTarget.value);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      stopEditing();
    }
  };

  const remove = async () => {
    setBusy(true);
    await onDelete(todo.id);
    // On success this item is unmounted; the update is only needed after a failure.
    setBusy(false);
  };

  const className = ['todo-item', todo.completed && 'completed', draft !== null && 'editing'].filter(Boolean).join(' ');

  return (
    <li className={className} data-testid="todo-item" data-id={todo.id} data-completed={String(todo.completed)}>
      <input
        type="checkbox"
        className="todo-toggle"
        data-testid="todo-toggle"
        aria-label={`Mark "${todo.text}" as ${todo.completed ? 'not completed' : 'completed'}`}
        checked={todo.completed}
        onChange={() => void onToggle(todo)}
      />
      {draft !== null ? (
        <input
          className="todo-edit-input"
          data-testid="todo-edit-input"
          aria-label={`Edit "${todo.text}"`}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={handleKeyDown}
          onBlur={(e) => void save(e.currentTarget.value)}
          readOnly={busy}
          autoFocus
        />
      ) : (
        <span
          className="todo-text"
          data-testid="todo-text"
          title="Double-click to edit"
          tabIndex={0}
          onDoubleClick={startEditing}
          // Keyboard users have no double-click; Enter opens the editor for them.
          onKeyDown={(e) => e.key === 'Enter' && startEditing()}
        >
          {todo.text}
        </span>
      )}
      <button
        type="button"
        className="icon-button todo-delete"
        data-testid="todo-delete"
        aria-label={`Delete "${todo.text}"`}
        onClick={() => void remove()}
        disabled={busy}
      >
        ×
      </button>
    </li>
  );
}
