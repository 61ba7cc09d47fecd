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

// Live updates: while someone is signed in (the bell is on the page), one WebSocket per tab.
// - Notifications, read ones and "resync" raise `kindred:notification` (the app re-reads counts).
// - Access changes (removed from a community, a new channel…) raise `kindred:access`.
// - Chat messages, edits, reactions and typing raise `kindred:chat` with the JSON text as
//   `detail`; a new message in a channel not on screen also raises `kindred:chat-unread`.
// - A page showing a channel (an element with `data-chat-channel`) is subscribed with the last
//   message number up to which it holds every message (`data-last-seq`), so after a reconnect
//   the server sends exactly what was missed.
// - Typing in a `textarea[data-typing]` tells the channel, at most every 3 seconds.
// Reconnects back off from 1 s to 30 s.
(function () {
  if (!("WebSocket" in window)) return;
  var socket = null;
  var delay = 1000;
  var timer = null;
  var subscribed = {}; // channel id -> the element subscribed for, on the current socket
  var unreadTimer = null;
  var typedAt = {};
  function signedIn() {
    return !!document.querySelector('a.bell[href="/notifications"]');
  }
  var early = []; // chat events that arrived before the page was hydrated
  function raise(name, detail) {
    if (name === "kindred:chat" && !document.body.dataset.hydrated) {
      early.push(detail);
      return;
    }
    window.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }
  function onScreen(channel) {
    return !!document.querySelector('[data-chat-channel="' + channel + '"]');
  }
  function chatUnreadSoon() {
    if (unreadTimer) return;
    unreadTimer = setTimeout(function () {
      unreadTimer = null;
      raise("kindred:chat-unread", null);
    }, 800);
  }
  function subscribeVisible() {
    if (!socket || socket.readyState !== 1) return;
    document.querySelectorAll("[data-chat-channel]").forEach(function (el) {
      var ch = el.getAttribute("data-chat-channel");
      // A new element for the same channel (reloaded after a resync or a denial) subscribes
      // again, from the messages it now holds.
      if (subscribed[ch] === el) return;
      subscribed[ch] = el;
      var seen = parseInt(el.getAttribute("data-last-seq") || "0", 10) || 0;
      socket.send(JSON.stringify({ type: "subscribe", channel: ch, after: seen }));
    });
  }
  function connect() {
    timer = null;
    if (socket || !signedIn()) return;
    var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    var ws = new WebSocket(url);
    socket = ws;
    subscribed = {};
    ws.onopen = function () {
      delay = 1000;
      subscribeVisible();
    };
    ws.onmessage = function (ev) {
      var data;
      try {
        data = JSON.parse(ev.data);
      } catch (e) {
        return;
      }
      document.documentElement.dataset.live = "true";
      switch (data.type) {
        case "hello":
        case "notification":
          raise("kindred:notification", data);
          break;
        case "resync":
          raise("kindred:notification", data);
          if (data.channel) raise("kindred:chat", ev.data);
          else raise("kindred:access", data);
          break;
        case "access":
          raise("kindred:notification", data);
          raise("kindred:access", data);
          subscribed = {};
          subscribeVisible();
          break;
        case "message":
          if (data.channel && !onScreen(data.channel)) chatUnreadSoon();
          raise("kindred:chat", ev.data);
          break;
        case "message_updated":
        case "typing":
        case "denied":
          raise("kindred:chat", ev.data);
          break;
      }
    };
    ws.onclose = function (ev) {
      socket = null;
      subscribed = {};
      document.documentElement.dataset.live = "false";
      // 1012: the server is restarting. Come back soon, spread out so a whole instance's
      // clients do not all knock at the same moment.
      if (ev && ev.code === 1012) delay = 500 + Math.floor(Math.random() * 2000);
      schedule();
    };
  }
  function schedule() {
    if (timer) return;
    timer = setTimeout(connect, delay);
    delay = Math.min(delay * 2, 30000);
  }
  document.addEventListener("input", function (ev) {
    var el = ev.target;
    if (!el || !el.getAttribute || !socket || socket.readyState !== 1) return;
    var ch = el.getAttribute("data-typing");
    if (!ch || !el.value) return;
    var now = Date.now();
    if (typedAt[ch] && now - typedAt[ch] < 3000) return;
    typedAt[ch] = now;
    socket.send(JSON.stringify({ type: "typing", channel: ch }));
  });
  // Sign-in, sign-out and moving between channels happen without a page load: look often.
  setInterval(function () {
    if (early.length && document.body.dataset.hydrated) {
      var queued = early;
      early = [];
      queued.forEach(function (d) { raise("kindred:chat", d); });
    }
    if (signedIn() && !socket && !timer) connect();
    if (!signedIn() && socket) socket.close();
    // Channels no longer on screen are forgotten, so coming back subscribes (and catches up) again.
    Object.keys(subscribed).forEach(function (ch) {
      if (!onScreen(ch)) delete subscribed[ch];
    });
    subscribeVisible();
  }, 500);
  document.addEventListener("DOMContentLoaded", connect);
})();
