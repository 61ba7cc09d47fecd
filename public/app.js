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
