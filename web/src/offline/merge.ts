import { compareTodos, type Todo } from '../api';
import type { QueuedChange } from './db';

/** Temporary ids of todos created offline, until the server's id replaces them. */
export const LOCAL = 'local-';

/** The list with changes applied: an item replaces or joins its todo's row, a deletion takes it away. */
export function merge(todos: Todo[], changes: Map<string, Todo | null>): Todo[] {
  if (!changes.size) return todos;
  const kept = todos.filter((t) => !changes.has(t.id)).concat([...changes.values()].filter((t): t is Todo => t !== null));
  return kept.sort(compareTodos);
}

/** The list as the server has it with the user's queued changes over it, as they were shown when made. */
export function overlay(todos: Todo[], queued: QueuedChange[]): Todo[] {
  let result = todos;
  for (const change of queued) {
    if (change.kind === 'create')
      result = merge(result, new Map([[change.id, { id: change.id, text: change.text ?? '', completed: false, createdAt: change.createdAt ?? new Date().toISOString() }]]));
    else if (change.kind === 'delete') result = result.filter((t) => t.id !== change.id);
    else
      result = result.map((t) =>
        t.id === change.id ? { ...t, ...(change.text !== undefined && { text: change.text }), ...(change.completed !== undefined && { completed: change.completed }) } : t,
      );
  }
  return result;
}
