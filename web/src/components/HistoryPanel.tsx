import { useEffect, useState } from 'react';
import { api, ApiError, type Todo, type TodoEvent } from '../api';
import { messageOf } from '../useTodos';
import Dialog from './Dialog';

const HISTORY_PAGE = 100;

const TYPE_NAMES: Record<TodoEvent['type'], string> = {
  TodoCreated: 'Created',
  TodoTextChanged: 'Text changed',
  TodoCompleted: 'Completed',
  TodoReopened: 'Reopened',
  TodoDeleted: 'Deleted',
};

/** What an event changed, said from the text the todo had before it. */
function describe(event: TodoEvent, textBefore: string | undefined): string {
  switch (event.type) {
    case 'TodoCreated':
      return `“${event.data.text ?? ''}”`;
    case 'TodoTextChanged':
      return `“${textBefore ?? ''}” → “${event.data.text ?? ''}”`;
    case 'TodoCompleted':
      return 'marked done';
    case 'TodoReopened':
      return 'marked not done';
    case 'TodoDeleted':
      return 'removed';
  }
}

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

type AsOf = { version: number; item: Todo | null } | { version: number; error: string };

/**
 * The todo's events in order (type, time, what changed), and the item as of any earlier version; where the
 * host serves an X-Ray API (locally), a link to the trace of its last change.
 */
export default function HistoryPanel({ todo, traces, onClose }: { todo: Todo; traces: boolean; onClose: () => void }) {
  const [events, setEvents] = useState<TodoEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asOf, setAsOf] = useState<AsOf | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      const all: TodoEvent[] = [];
      let cursor: string | null = null;
      do {
        const page = await api.eventsPage(todo.id, HISTORY_PAGE, cursor);
        all.push(...page.items);
        cursor = page.next;
      } while (cursor);
      if (live) setEvents(all);
    })().catch((e: unknown) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [todo.id]);

  const showAsOf = async (version: number) => {
    try {
      const read = await api.asOfVersion(todo.id, version);
      setAsOf({ version, item: read.body });
    } catch (e) {
      setAsOf(e instanceof ApiError && e.status === 404 ? { version, item: null } : { version, error: messageOf(e) });
    }
  };

  const texts: (string | undefined)[] = [];
  events?.reduce<string | undefined>((text, e) => {
    texts.push(text);
    return e.data.text ?? text;
  }, undefined);

  return (
    <Dialog title={`History of “${todo.text}”`} onClose={onClose} testId="history-dialog">
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {!events && !error && <p className="status">Loading history…</p>}
      {events && (
        <ol className="history" aria-label="Events, oldest first">
          {events.map((e, i) => (
            <li key={e.version} className="history-event" data-testid="history-event" data-type={e.type} data-version={e.version}>
              <span className="history-version">v{e.version}</span>
              <span className="history-body">
                <strong className="history-type">{TYPE_NAMES[e.type] ?? e.type}</strong>{' '}
                <span className="history-change" data-testid="history-change">
                  {describe(e, texts[i])}
                </span>
                <time className="history-time" dateTime={e.occurredAt}>
                  {formatTime(e.occurredAt)}
                </time>
              </span>
              <button
                type="button"
                className="link-button"
                data-testid="show-as-of"
                aria-pressed={asOf?.version === e.version}
                onClick={() => void showAsOf(e.version)}
              >
                As of v{e.version}
              </button>
            </li>
          ))}
        </ol>
      )}
      {traces && (
        <p>
          <a className="link-button" href={`/traces?todo=${encodeURIComponent(todo.id)}`} data-testid="history-trace">
            Trace of the last change
          </a>
        </p>
      )}
      {asOf && (
        <section className="as-of" data-testid="as-of-view" aria-live="polite" aria-label={`As of version ${asOf.version}`}>
          <h3 className="as-of-title">As of version {asOf.version}</h3>
          {'error' in asOf ? (
            <p className="error-text">{asOf.error}</p>
          ) : asOf.item ? (
            <p>
              <span data-testid="as-of-text">{asOf.item.text}</span> —{' '}
              <span data-testid="as-of-completed">{asOf.item.completed ? 'done' : 'not done'}</span>
            </p>
          ) : (
            <p data-testid="as-of-missing">The todo did not exist at this version.</p>
          )}
        </section>
      )}
    </Dialog>
  );
}
