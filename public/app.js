// Registers Kindred's service worker (offline page, cached app shell). Loaded as a file so the
// Content-Security-Policy can forbid inline scripts.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function (err) {
      console.warn("Kindred: service worker not registered", err);
    });
  });
}
