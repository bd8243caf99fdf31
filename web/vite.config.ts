import { defineConfig, loadEnv, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Adds a modulepreload link for each chunk the entry imports dynamically (React and the app, behind the small
 * entry in main.ts), and its styles: the browser then fetches and compiles it alongside the entry instead of
 * after the entry has run. Only the entry's own: the trace viewer, which the app's chunk imports on its page,
 * stays out of the first page.
 */
function preloadDynamicChunks(): Plugin {
  return {
    name: 'preload-dynamic-chunks',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const outputs = Object.values(bundle ?? {});
        const fromEntry = new Set(outputs.flatMap((output) => (output.type === 'chunk' && output.isEntry ? output.dynamicImports : [])));
        const chunks = outputs.filter((output) => output.type === 'chunk' && fromEntry.has(output.fileName));
        return chunks.flatMap((chunk) => [
          { tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` }, injectTo: 'head' as const },
          // Its styles too: the dynamic import would otherwise wait for them to load after the entry ran.
          ...[...(chunk.viteMetadata?.importedCss ?? [])].map((css) => ({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: `/${css}` },
            injectTo: 'head' as const,
          })),
        ]);
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  // The app calls the API on its own origin; in dev, forward /api to a backend
  // given as API_PROXY_TARGET (e.g. http://127.0.0.1:5000).
  const target = loadEnv(mode, '.', '').API_PROXY_TARGET;
  return {
    base: '/',
    plugins: [react(), preloadDynamicChunks()],
    build: { outDir: 'dist', emptyOutDir: true },
    server: target ? { proxy: { '/api': { target, changeOrigin: true } } } : undefined,
  };
});
