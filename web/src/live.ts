import type { Change } from './api';

/** Whether pushes arrive: live, (re)connecting, or none (no live endpoint, or offline). */
export type LiveState = 'live' | 'connecting' | 'off';

export interface LiveHandlers {
  /** Each pushed change, in the order received. */
  onChange: (change: Change) => void;
  /** The socket is open: whatever happened while it was not must be read from the feed. */
  onOpen: () => void;
  onState: (state: LiveState) => void;
}

const PING_MS = 5 * 60_000; // well inside the 10-minute idle timeout
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;
/** API Gateway's "going away": the idle timeout or the 2-hour cap ended the connection, not a failure. */
const GOING_AWAY = 1001;

/**
 * One WebSocket to the live endpoint (config.json's `live`), kept open: reconnects after a drop with a jittered,
 * doubling delay (at once after a close for a limit), and pings every 5 minutes so an idle tab is not cut off.
 * The ID token goes as the second subprotocol, since a browser cannot set headers on a WebSocket.
 */
export function connectLive(url: string, idToken: string | null, handlers: LiveHandlers): () => void {
  let socket: WebSocket | null = null;
  let failures = 0;
  let retry: number | undefined;
  let ping: number | undefined;
  let stopped = false;

  const schedule = (delay: number) => {
    handlers.onState(navigator.onLine ? 'connecting' : 'off');
    retry = window.setTimeout(open, delay);
  };

  function open() {
    if (stopped) return;
    handlers.onState('connecting');
    const ws = new WebSocket(url, idToken ? ['todo.v1', idToken] : ['todo.v1']);
    socket = ws;
    ws.onopen = () => {
      failures = 0;
      handlers.onState('live');
      handlers.onOpen();
      ping = window.setInterval(() => ws.send(JSON.stringify({ action: 'ping' })), PING_MS);
    };
    ws.onmessage = (event) => {
      try {
        const message = JSON.parse(String(event.data)) as Change & { type?: string };
        if (message.type === 'change' && typeof message.id === 'string' && typeof message.version === 'number') handlers.onChange(message);
      } catch {
        // Not a message of this protocol: nothing to apply.
      }
    };
    ws.onclose = (event) => {
      window.clearInterval(ping);
      if (stopped || socket !== ws) return;
      socket = null;
      if (event.code === GOING_AWAY) return schedule(0);
      // Full jitter: tabs that lost the same server do not all come back in the same instant.
      const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failures++);
      schedule(Math.random() * ceiling);
    };
  }

  // Back online: try now rather than at the end of a long backoff.
  const online = () => {
    if (socket || stopped) return;
    window.clearTimeout(retry);
    failures = 0;
    open();
  };
  const offline = () => {
    if (!socket) handlers.onState('off');
  };
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  open();

  return () => {
    stopped = true;
    window.clearTimeout(retry);
    window.clearInterval(ping);
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
    socket?.close(1000);
    socket = null;
  };
}
