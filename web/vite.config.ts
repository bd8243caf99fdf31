import { defineConfig, loadEnv, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** The page and the files of public/ the app shell needs offline (the manifest and its icons); the build's own files are added. */
const PUBLIC_SHELL = ['/', '/manifest.webmanifest', '/icon.svg', '/icon-192.png', '/icon-512.png'];

/** A short digest of the shell's file names (FNV-1a): it changes with any file, which makes the worker a new one. */
function digest(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16);
}

/**
 * The service worker (sw.js beside this file, an entry of the build kept at /sw.js) gets the list of the build's
 * files to keep for an offline start, and a version from their names: a new build is a new worker, which replaces
 * the old cache.
 */
function serviceWorker(): Plugin {
  return {
    name: 'service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const worker = bundle['sw.js'];
      if (worker?.type !== 'chunk') throw new Error('The build has no sw.js.');
      const files = Object.keys(bundle).filter((name) => name !== 'sw.js' && name !== 'index.html').map((name) => `/${name}`);
      const shell = [...files, ...PUBLIC_SHELL].sort();
      worker.code = worker.code.replace('__VERSION__', JSON.stringify(digest(shell.join('\n')))).replace('__SHELL__', JSON.stringify(shell));
    },
  };
}

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
    plugins: [react(), preloadDynamicChunks(), serviceWorker()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      rollupOptions: {
        input: { index: 'index.html', sw: 'sw.js' },
        output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
      },
    },
    server: target ? { proxy: { '/api': { target, changeOrigin: true } } } : undefined,
  };
});
