import './styles.css';
import { loadConfig } from './config';
import { start } from './startup';

// React and the app are a chunk of their own, loaded while this small entry already fetches config.json and
// the list's first page: evaluating that chunk takes longer than both requests on a slow machine.
// The trace viewer is its own page (and chunk, which the app never loads); every other path is the app.
if (window.location.pathname.replace(/\/+$/, '') === '/traces')
  void Promise.all([import('./render'), loadConfig().then((config) => config.xrayApi, () => null)]).then(([page, xrayApi]) => page.renderTraces(xrayApi));
else void Promise.all([import('./render'), start()]).then(([page, startup]) => page.renderApp(startup));

// The service worker keeps the app shell for an offline start (see sw.js). Registered once the page has loaded, so
// that caching the shell does not compete with the first page's own requests; not in development, where Vite
// serves the files as they are edited.
if (import.meta.env.PROD && 'serviceWorker' in navigator)
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
