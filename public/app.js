// Registers Kindred's service worker (offline page, cached app shell). Loaded as a file so the
// Content-Security-Policy can forbid inline scripts.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function (err) {
      console.warn("Kindred: service worker not registered", err);
    });
  });
}

// Tells the server this device's time zone, so event times can be shown in it.
(function () {
  try {
    var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz && document.cookie.indexOf("kindred_tz=" + encodeURIComponent(tz)) === -1) {
      document.cookie = "kindred_tz=" + encodeURIComponent(tz) + "; path=/; max-age=31536000; samesite=lax";
    }
  } catch (e) {
    /* No Intl time zone support: times stay in each event's own zone. */
  }
})();

// "Use my location" buttons fill the latitude/longitude fields of their form (with permission).
document.addEventListener("click", function (ev) {
  var button = ev.target.closest && ev.target.closest("[data-geolocate]");
  if (!button || !navigator.geolocation) return;
  var form = button.closest("form");
  button.disabled = true;
  navigator.geolocation.getCurrentPosition(
    function (pos) {
      form.querySelector('[data-geo="lat"]').value = pos.coords.latitude.toFixed(4);
      form.querySelector('[data-geo="lon"]').value = pos.coords.longitude.toFixed(4);
      button.disabled = false;
    },
    function () {
      button.disabled = false;
      button.textContent = "Location not available — type a point instead";
    },
    { timeout: 10000, maximumAge: 600000 }
  );
});
document.addEventListener("DOMContentLoaded", function () {
  if (!navigator.geolocation) return;
  document.querySelectorAll("[data-geolocate]").forEach(function (b) { b.hidden = false; });
});

// Live notifications: while someone is signed in (the bell is on the page), one WebSocket per
// tab. Each message — a new notification, a read one, or "resync" after missed messages — raises
// `kindred:notification`, and the app re-reads the unread count. Reconnects back off from 1 s to
// 30 s; every (re)connect starts with a "hello", which re-reads too, so nothing is missed.
(function () {
  if (!("WebSocket" in window)) return;
  var socket = null;
  var delay = 1000;
  var timer = null;
  function signedIn() {
    return !!document.querySelector('a.bell[href="/notifications"]');
  }
  function announce(data) {
    window.dispatchEvent(new CustomEvent("kindred:notification", { detail: data }));
  }
  function connect() {
    timer = null;
    if (socket || !signedIn()) return;
    var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    var ws = new WebSocket(url);
    socket = ws;
    ws.onopen = function () {
      delay = 1000;
    };
    ws.onmessage = function (ev) {
      try {
        var data = JSON.parse(ev.data);
        document.documentElement.dataset.live = "true";
        if (data.type === "notification" || data.type === "resync" || data.type === "hello") announce(data);
      } catch (e) {
        /* not ours */
      }
    };
    ws.onclose = function () {
      socket = null;
      document.documentElement.dataset.live = "false";
      schedule();
    };
  }
  function schedule() {
    if (timer) return;
    timer = setTimeout(connect, delay);
    delay = Math.min(delay * 2, 30000);
  }
  // Sign-in and sign-out happen without a page load: look again every few seconds.
  setInterval(function () {
    if (signedIn() && !socket && !timer) connect();
    if (!signedIn() && socket) socket.close();
  }, 3000);
  document.addEventListener("DOMContentLoaded", connect);
})();
