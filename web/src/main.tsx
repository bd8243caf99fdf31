import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App';
import TracesPage from './traces/TracesPage';
import './styles.css';

// The trace viewer is its own page; every other path is the app.
const page = window.location.pathname.replace(/\/+$/, '') === '/traces' ? <TracesPage /> : <App />;

createRoot(document.getElementById('root')!).render(<StrictMode>{page}</StrictMode>);
