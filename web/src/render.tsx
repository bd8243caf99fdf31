import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import Root from './Root';
import type { Startup } from './startup';

const mount = (page: ReactNode) => createRoot(document.getElementById('root')!).render(<StrictMode>{page}</StrictMode>);

/** The app, behind sign-in when the API takes users. */
export const renderApp = (startup: Startup) => mount(<Root startup={startup} />);

/**
 * The trace viewer over the X-Ray API config.json names, loaded as a chunk of its own only on its page.
 * Only the local host serves that API: elsewhere the page says so.
 */
export async function renderTraces(xrayApi: string | null) {
  if (xrayApi === null)
    return mount(
      <main className="app">
        <p className="status" role="alert">
          There are no traces to show here: the trace viewer reads the local host's X-Ray API. <a href="/">Back to the todos</a>
        </p>
      </main>,
    );
  const { default: TracesPage } = await import('./traces/TracesPage');
  mount(<TracesPage xrayApi={xrayApi} />);
}
