import './styles.css';
import { start } from './startup';

// React and the app are a chunk of their own, loaded while this small entry already fetches config.json and
// the list's first page: evaluating that chunk takes longer than both requests on a slow machine.
// The trace viewer is its own page; every other path is the app.
if (window.location.pathname.replace(/\/+$/, '') === '/traces') void import('./render').then((page) => page.renderTraces());
else void Promise.all([import('./render'), start()]).then(([page, startup]) => page.renderApp(startup));
