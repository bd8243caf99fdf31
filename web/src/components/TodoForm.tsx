import { useState, type FormEvent } from 'react';

interface TodoFormProps {
  /** Resolves to true when the todo was created. */
  onAdd: (text: string) => Promise<boolean>;
  onInvalid: () => void;
}

export default function TodoForm({ onAdd, onInvalid }: TodoFormProps) {
  const [text, setText] = useState('');
  const [submitting, setSubmitting] = useState(false);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const trimmed = text.trim();
    if (!trimmed) {
      onInvalid();
      return;
    }
    setSubmitting(true);
    // Keep the text on failure so the user can correct it and retry.
    if (await onAdd(trimmed)) setText('');
    setSubmitting(false);
  };

  return (
    <form className="todo-form" onSubmit={(e) => void handleSubmit(e)}>
      <input
        className="todo-form-input"
        data-testid="new-todo-input"
        aria-label="New todo"
        placeholder="What needs to be done?"
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoFocus
        autoComplete="off"
      />
      <button className="button" type="submit" data-testid="add-button" aria-label="Add todo" disabled={submitting}>
        Add
      </button>
    </form>
  );
}
