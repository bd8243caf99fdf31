// The service worker (vite.config.ts fills in the version and the files of the build): the app shell and
// config.json come from the cache when the network cannot be reached, so the app starts offline. The API and the
// live socket are never cached here: the app keeps the last list, and the changes made offline, in IndexedDB.
const VERSION = __VERSION__;
const SHELL = __SHELL__;
const CACHE = `todo-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(SHELL);
      // config.json may be missing (a plain static server): the app then says so, online or not.
      await cache.add('/config.json').catch(() => undefined);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((key) => key.startsWith('todo-shell-') && key !== CACHE).map((key) => caches.delete(key)))),
  );
});

/** The network's answer, kept for next time; the cached one when the network cannot be reached. */
async function networkFirst(request, cachedAs) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && cachedAs === '/config.json') await cache.put(cachedAs, response.clone());
    return response;
  } catch (e) {
    const cached = await cache.match(cachedAs);
    if (cached) return cached;
    throw e;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/_')) return;
  if (request.mode === 'navigate') event.respondWith(networkFirst(request, '/'));
  else if (url.pathname === '/config.json') event.respondWith(networkFirst(request, '/config.json'));
  // The build's files never change under a name (their names carry a hash): the cached copy is the file.
  else if (SHELL.includes(url.pathname)) event.respondWith(caches.match(url.pathname).then((cached) => cached ?? fetch(request)));
});
