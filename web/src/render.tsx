import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import Root from './Root';
import type { Startup } from './startup';
import TracesPage from './traces/TracesPage';

const mount = (page: ReactNode) => createRoot(document.getElementById('root')!).render(<StrictMode>{page}</StrictMode>);

/** The app, behind sign-in when the API takes users. */
export const renderApp = (startup: Startup) => mount(<Root startup={startup} />);

export const renderTraces = () => mount(<TracesPage />);
