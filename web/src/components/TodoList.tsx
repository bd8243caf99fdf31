import type { Todo, TodoChanges } from '../api';
import TodoItem from './TodoItem';

interface TodoListProps {
  todos: Todo[];
  onToggle: (todo: Todo) => Promise<void>;
  onEdit: (id: string, changes: TodoChanges) => Promise<boolean>;
  onDelete: (id: string) => Promise<void>;
  onInvalidEdit: () => void;
}

export default function TodoList({ todos, onToggle, onEdit, onDelete, onInvalidEdit }: TodoListProps) {
  return (
    <ul className="todo-list" data-testid="todo-list" aria-label="Todos">
      {todos.map((todo) => (
        <TodoItem
          key={todo.id}
          todo={todo}
          onToggle={onToggle}
          onEdit={onEdit}
          onDelete={onDelete}
          onInvalidEdit={onInvalidEdit}
        />
      ))}
    </ul>
  );
}
