import type { Todo } from '../api';

// What the app keeps in IndexedDB, per user (the e-mail address signed in with; '' in the open mode): the list as
// last shown, with the versions it knows, the feed's position, and the changes made offline, in order.

/** A change made while the server could not be reached, waiting to be sent; kept across reloads. */
export interface QueuedChange {
  /** Its place in the queue (IndexedDB's key generator): changes are sent in this order. */
  seq?: number;
  user: string;
  kind: 'create' | 'update' | 'delete';
  /** The todo's id; a temporary one (local-…) for a todo created offline until its create is answered. */
  id: string;
  text?: string;
  completed?: boolean;
  createdAt?: string;
  /** The version the change was made on, sent as If-Match; null when the app knew none. */
  ifVersion: number | null;
  /** Made when the change was queued, so a replay after a lost answer is applied once. */
  idempotencyKey: string;
}

export interface SavedList {
  user: string;
  todos: Todo[];
  versions: [string, number][];
}

const NAME = 'todo-app';
const LISTS = 'lists';
const FEED = 'feed';
const QUEUE = 'queue';

let opened: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore(LISTS, { keyPath: 'user' });
      db.createObjectStore(FEED);
      db.createObjectStore(QUEUE, { keyPath: 'seq', autoIncrement: true }).createIndex('user', 'user');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

/** Runs one transaction over the named stores; resolves with what <c>work</c> returned once it has committed. */
async function transact<T>(stores: string[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => T | IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(stores, mode);
    const result = work(tx);
    tx.oncomplete = () => resolve(result instanceof IDBRequest ? (result.result as T) : result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export const saved = {
  list: (user: string) => transact<SavedList | undefined>([LISTS], 'readonly', (tx) => tx.objectStore(LISTS).get(user)),
  putList: (list: SavedList) => transact([LISTS], 'readwrite', (tx) => void tx.objectStore(LISTS).put(list)),
  feedToken: (user: string) => transact<string | undefined>([FEED], 'readonly', (tx) => tx.objectStore(FEED).get(user)),
  putFeedToken: (user: string, token: string) => transact([FEED], 'readwrite', (tx) => void tx.objectStore(FEED).put(token, user)),
  /** The user's list and feed position, on sign-out: the next user of the browser finds neither. */
  forget: (user: string) =>
    transact([LISTS, FEED], 'readwrite', (tx) => {
      tx.objectStore(LISTS).delete(user);
      tx.objectStore(FEED).delete(user);
    }),
};

export const queue = {
  /** The user's queued changes, oldest first. */
  all: (user: string) =>
    transact<QueuedChange[]>([QUEUE], 'readonly', (tx) => tx.objectStore(QUEUE).index('user').getAll(user)).then((changes) =>
      changes.sort((a, b) => a.seq! - b.seq!),
    ),
  add: (change: QueuedChange) => transact<IDBValidKey>([QUEUE], 'readwrite', (tx) => tx.objectStore(QUEUE).add(change)),
  /**
   * Takes a sent change off the queue, and makes the user's later changes to the same todo follow it: onto the
   * server's id (a create) and onto the version it was answered with (If-Match), in the same transaction.
   */
  done: (sent: QueuedChange, serverId: string, version: number | null) =>
    transact([QUEUE], 'readwrite', (tx) => {
      const store = tx.objectStore(QUEUE);
      store.delete(sent.seq!);
      const cursor = store.index('user').openCursor(sent.user);
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) return;
        const later = at.value as QueuedChange;
        if (later.seq! > sent.seq! && later.id === sent.id && (sent.kind === 'create' || later.ifVersion === sent.ifVersion))
          at.update({ ...later, id: serverId, ifVersion: version ?? later.ifVersion });
        at.continue();
      };
    }),
};
