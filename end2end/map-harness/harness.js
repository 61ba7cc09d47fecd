// Stands in for the Leptos app around public/map.js: marks the body hydrated after a delay, counts
// the `input` events of #places-bbox, and re-renders the list the way the app does (the whole
// <ol> at once), so that the browser tests can drive every part of map.js's DOM contract.
//
// URL parameters: hydrate=<ms>|never (default 300), reload=off (do not re-render the list on a
// bbox event).
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);

  // Every place the fake server knows. The page's HTML starts with the first four.
  var PLACES = [
    { id: "0b9f6c1e-0000-4000-8000-000000000001", lat: 51.5145, lng: -0.1235, name: "Peaceful Grounds Café", type: "Coffee", anxiety: "Low" },
    { id: "0b9f6c1e-0000-4000-8000-000000000002", lat: 51.5299, lng: -0.1277, name: "Quiet Pages Library", type: "Library", anxiety: "Low" },
    { id: "0b9f6c1e-0000-4000-8000-000000000003", lat: 51.5055, lng: -0.0754, name: "Riverside Yoga", type: "Studio", anxiety: "Medium" },
    { id: "0b9f6c1e-0000-4000-8000-000000000004", lat: 51.5073, lng: -0.1657, name: "<b>Tom & Jerry's</b> Bench", type: "Park", anxiety: "Low", href: "javascript:alert(1)" },
    { id: "0b9f6c1e-0000-4000-8000-000000000005", lat: 51.4826, lng: -0.0077, name: "Greenwich Tea Room", type: "Coffee", anxiety: "Medium" },
    { id: "0b9f6c1e-0000-4000-8000-000000000006", lat: 48.8566, lng: 2.3522, name: "Calme Corner Paris", type: "Coffee", anxiety: "High" },
  ];

  var H = (window.Harness = {
    PLACES: PLACES,
    bboxEvents: 0,
    bboxValues: [],
    listRenders: 0,
    initialListHTML: null,
  });

  function item(p) {
    var li = document.createElement("li");
    var href = p.href || "/places/" + p.id;
    li.className = "place-item";
    li.setAttribute("data-place-id", p.id);
    li.setAttribute("data-lat", String(p.lat));
    li.setAttribute("data-lng", String(p.lng));
    li.setAttribute("data-name", p.name);
    li.setAttribute("data-type", p.type);
    li.setAttribute("data-anxiety", p.anxiety);
    li.setAttribute("data-href", href);
    var a = document.createElement("a");
    a.href = "/places/" + p.id;
    a.textContent = p.name;
    var meta = document.createElement("p");
    meta.textContent = p.type + " · anxiety " + p.anxiety.toLowerCase();
    li.appendChild(a);
    li.appendChild(meta);
    return li;
  }

  /** Replaces the items of the current <ol> (the <ol> itself stays). */
  H.renderItems = function (places) {
    var list = document.getElementById("places-list");
    while (list.firstChild) list.removeChild(list.firstChild);
    places.forEach(function (p) { list.appendChild(item(p)); });
    H.listRenders++;
  };

  /** Replaces the whole <ol> with a new element, as Leptos's <Transition> does. */
  H.replaceList = function (places) {
    var old = document.getElementById("places-list");
    var list = document.createElement("ol");
    list.id = "places-list";
    list.className = "places-list";
    places.forEach(function (p) { list.appendChild(item(p)); });
    old.parentNode.replaceChild(list, old);
    H.listRenders++;
  };

  /** Removes the list altogether (the app shows an error instead). */
  H.removeList = function () {
    var old = document.getElementById("places-list");
    if (old) old.parentNode.removeChild(old);
  };

  H.byIds = function (ids) {
    return PLACES.filter(function (p) { return ids.indexOf(p.id) !== -1; });
  };

  H.inBox = function (bbox) {
    var b = bbox.split(",").map(Number);
    return PLACES.filter(function (p) { return p.lng >= b[0] && p.lat >= b[1] && p.lng <= b[2] && p.lat <= b[3]; });
  };

  /** Client-side navigation away from the places page: the map container goes. */
  H.removeMap = function () {
    var el = document.getElementById("places-map");
    if (el) el.parentNode.removeChild(el);
  };

  /** Client-side navigation to a places page: a fresh container (and a list, if asked). */
  H.addMap = function (withList) {
    var root = document.querySelector(".places-layout") || document.getElementById("app-root");
    var el = document.createElement("div");
    el.id = "places-map";
    el.className = "places-map";
    el.setAttribute("role", "region");
    el.setAttribute("aria-label", "Map of places");
    el.setAttribute("data-tile-url", "https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    el.setAttribute("data-attribution", "© OpenStreetMap contributors");
    el.setAttribute("data-lat", "51.5074");
    el.setAttribute("data-lng", "-0.1278");
    el.setAttribute("data-zoom", "13");
    root.insertBefore(el, root.firstChild);
    if (withList && !document.getElementById("places-list")) {
      var ol = document.createElement("ol");
      ol.id = "places-list";
      ol.className = "places-list";
      withList.forEach(function (p) { ol.appendChild(item(p)); });
      root.appendChild(ol);
    }
  };

  var list = document.getElementById("places-list");
  if (list) H.initialListHTML = list.outerHTML;

  // The app's on:input handler: the map moved, so load the places in view.
  document.addEventListener("input", function (ev) {
    if (!ev.target || ev.target.id !== "places-bbox") return;
    H.bboxEvents++;
    H.bboxValues.push(ev.target.value);
    if (params.get("reload") !== "off") {
      var places = H.inBox(ev.target.value);
      setTimeout(function () { H.replaceList(places); }, 50); // a server round trip
    }
  });

  var hydrate = params.get("hydrate") || "300";
  if (hydrate !== "never") {
    setTimeout(function () {
      document.body.setAttribute("data-hydrated", "true");
    }, Number(hydrate));
  }
})();
