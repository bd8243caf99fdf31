import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig(({ mode }) => {
  // The app calls the API on its own origin; in dev, forward /api to a backend
  // given as API_PROXY_TARGET (e.g. http://127.0.0.1:5000).
  const target = loadEnv(mode, '.', '').API_PROXY_TARGET;
  return {
    base: '/',
    plugins: [react()],
    build: { outDir: 'dist', emptyOutDir: true },
    server: target ? { proxy: { '/api': { target, changeOrigin: true } } } : undefined,
  };
});
