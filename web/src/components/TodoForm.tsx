import { useState, type FormEvent } from 'react';

interface TodoFormProps {
  /** Resolves to true when the todo was created. */
  onAdd: (text: string) => Promise<boolean>;
  onInvalid: () => void;
  /** Read-only: the saved list shows offline, without a signed-in user. */
  disabled?: boolean;
}

export default function TodoForm({ onAdd, onInvalid, disabled = false }: TodoFormProps) {
  const [text, setText] = useState('');

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) {
      onInvalid();
      return;
    }
    // The todo shows at once; the field is free for the next one. If the server refuses, the text comes
    // back into the field (unless something new was typed meanwhile), so nothing typed is lost.
    setText('');
    if (!(await onAdd(trimmed))) setText((current) => current || trimmed);
  };

  return (
    <form className="todo-form" onSubmit={(e) => void handleSubmit(e)}>
      <label htmlFor="new-todo" className="visually-hidden">
        New todo
      </label>
      <input
        id="new-todo"
        className="todo-form-input"
        data-testid="new-todo-input"
        placeholder="What needs to be done?"
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoFocus
        autoComplete="off"
        disabled={disabled}
      />
      <button className="button" type="submit" data-testid="add-button" disabled={disabled}>
        Add
      </button>
    </form>
  );
}
