import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import Root from './Root';
import TracesPage from './traces/TracesPage';
import './styles.css';

// The trace viewer is its own page; every other path is the app (behind sign-in when the API takes users).
const page = window.location.pathname.replace(/\/+$/, '') === '/traces' ? <TracesPage /> : <Root />;

createRoot(document.getElementById('root')!).render(<StrictMode>{page}</StrictMode>);
