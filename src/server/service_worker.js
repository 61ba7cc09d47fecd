// Kindred's service worker. Build __VERSION__.
// Pages and assets come from the network first, so a new build applies at once; the cached
// shell is the fallback, and a navigation that cannot reach the server shows the offline page.
// Personal pages (served to a signed-in member, marked x-kindred-personal) are never kept, and
// logging out empties the page cache.
const CACHE = "kindred-__VERSION__";
const PAGES = "kindred-pages-__VERSION__";
const SHELL = [
  "/offline.html",
  "/app.js",
  "/manifest.webmanifest",
  "/icons/icon-192.png",
  "__PKG__.js",
  "__PKG__.wasm",
  "__PKG__.css",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith("kindred-") && k !== CACHE && k !== PAGES).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === "POST" && url.origin === self.location.origin && url.pathname === "/api/auth/logout") {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== "GET") return;
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;

  if (request.mode === "navigate") {
    // Places pages are kept once seen, so the list of places still opens without a network.
    const keep = url.pathname === "/places" || url.pathname.startsWith("/places/");
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (keep && response.ok && !response.headers.has("x-kindred-personal")) {
            const copy = response.clone();
            caches.open(PAGES).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(() =>
          (keep ? caches.open(PAGES).then((cache) => cache.match(request)) : Promise.resolve(undefined)).then(
            (hit) =>
              hit ||
              caches.match("/offline.html").then((page) => page || new Response("You are offline.", { status: 503 })),
          ),
        ),
    );
    return;
  }

  const cacheable =
    SHELL.includes(url.pathname) ||
    url.pathname.startsWith("/pkg/") ||
    url.pathname.startsWith("/icons/") ||
    url.pathname.startsWith("/vendor/") ||
    url.pathname === "/map.js";
  if (!cacheable) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request).then((hit) => hit || Response.error())),
  );
});
