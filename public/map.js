// Kindred's map of places. Loaded on every page; it does nothing until a #places-map element is
// in the document, then loads Leaflet (/vendor/leaflet/) and draws one circle marker per item of
// #places-list. The list is the app's (Leptos renders and re-renders it); this file only reads it.
//
// The DOM contract, rendered by the places page:
//   <div id="places-map" data-tile-url data-attribution data-lat data-lng data-zoom>  the map
//   <ol id="places-list"><li data-place-id data-lat data-lng data-name data-type
//       data-anxiety data-href>…</li></ol>                                           the places
//   <input type="hidden" id="places-bbox">   after a user pan/zoom: "west,south,east,north" and
//                                            an `input` event, so the app reloads the places
//   <button type="button" data-locate-map hidden>   "Near me": centres the map on the device
// Test hooks on the container: data-ready="true" once drawn, data-marker-count after each sync.
//
// A file, not an inline script, because the Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";

  var MAP_ID = "places-map";
  var LIST_ID = "places-list";
  var BBOX_ID = "places-bbox";
  var LOCATE = "[data-locate-map]";
  var ITEM_ATTRS = ["data-place-id", "data-lat", "data-lng", "data-name", "data-type", "data-anxiety", "data-href"];
  var HYDRATION_WAIT_MS = 4000; // initialise anyway if the WASM app never says it is live
  var SETTLE_MS = 300; // a moved map must rest this long before the places are reloaded
  var FIT_MAX_ZOOM = 15;
  var LOCATE_ZOOM = 14;
  var LOCATE_FAILED = "Location not available \u2014 type a city instead";

  // Leaflet sits beside this file: /map.js -> /vendor/leaflet/.
  var thisScript = document.currentScript;
  var base = "/vendor/leaflet/";
  try {
    if (thisScript && thisScript.src) base = new URL("vendor/leaflet/", thisScript.src).href;
  } catch (e) {
    /* keep the default */
  }

  var Leaflet = null; // Leaflet's `L`, kept here rather than as a global
  var leafletLoading = null; // a Promise of it while the files load
  var gateOpen = false; // true once the app has hydrated (or we stopped waiting for it)
  var current = null; // the live map: { container, map, markers, list, ... }
  var pending = null; // a container waiting for Leaflet to load

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function connected(el) {
    return !!el && (el.isConnected !== undefined ? el.isConnected : document.documentElement.contains(el));
  }

  // ---- Loading Leaflet, once, and only when a map is on the page ----

  // Where Leaflet's <link> and <script> go: right after this file's own <script>, which the app
  // puts in <head> before leptos_meta's <!--HEAD--> marker. Hydration walks the tags after that
  // marker one by one (and the whole <body>), so nothing may be added among them; and the app's
  // stylesheet comes after the marker, so its rules win over Leaflet's defaults.
  function headSpot(head) {
    if (thisScript && thisScript.parentNode === head) return { parent: head, before: thisScript.nextSibling };
    for (var n = head.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 8 && n.nodeValue === "HEAD") return { parent: head, before: n };
    }
    return { parent: head, before: head.querySelector('link[rel="stylesheet"], style') };
  }

  function loadLeaflet() {
    if (Leaflet) return Promise.resolve(Leaflet);
    if (window.L && window.L.map) return Promise.resolve((Leaflet = window.L)); // the page's own copy
    if (leafletLoading) return leafletLoading;
    var head = document.head || document.getElementsByTagName("head")[0];
    var place = headSpot(head);
    var css = new Promise(function (resolve) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = base + "leaflet.css";
      link.setAttribute("data-kindred-map", "");
      // Without its styles Leaflet still works, only uglier: carry on either way.
      link.onload = link.onerror = function () { resolve(); };
      place.parent.insertBefore(link, place.before);
    });
    var js = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = base + "leaflet.js";
      script.async = true;
      script.setAttribute("data-kindred-map", "");
      script.onload = function () {
        var lib = window.L;
        if (!lib || !lib.map) return reject(new Error("Leaflet did not define L"));
        // Leaflet's UMD build leaves `L` and `leaflet` on window: take them back (no other
        // script on these pages uses them).
        try {
          delete window.L;
          delete window.leaflet;
        } catch (e) {
          /* old browsers: leave them */
        }
        resolve((Leaflet = lib));
      };
      script.onerror = function () {
        if (script.parentNode) script.parentNode.removeChild(script);
        reject(new Error("could not load " + script.src));
      };
      place.parent.insertBefore(script, place.before);
    });
    leafletLoading = Promise.all([js, css]).then(
      function (r) { return r[0]; },
      function (err) {
        leafletLoading = null; // a later map (another page) tries again
        throw err;
      }
    );
    return leafletLoading;
  }

  // ---- Reading the DOM contract ----

  function num(v, min, max) {
    if (v === null || v === undefined || String(v).trim() === "") return null;
    var n = Number(v);
    return isFinite(n) && n >= min && n <= max ? n : null;
  }

  function readItems(list) {
    var out = [];
    var seen = Object.create(null);
    if (!list) return out;
    var lis = list.querySelectorAll("[data-place-id]");
    for (var i = 0; i < lis.length; i++) {
      var li = lis[i];
      var id = li.getAttribute("data-place-id");
      var lat = num(li.getAttribute("data-lat"), -90, 90);
      var lng = num(li.getAttribute("data-lng"), -180, 180);
      if (!id || seen[id] || lat === null || lng === null) continue;
      seen[id] = true;
      var item = {
        id: id,
        lat: lat,
        lng: lng,
        name: li.getAttribute("data-name") || "",
        type: li.getAttribute("data-type") || "",
        anxiety: li.getAttribute("data-anxiety") || "",
        href: li.getAttribute("data-href") || "",
      };
      item.key = [lat, lng, item.name, item.type, item.anxiety, item.href].join("\u0000");
      out.push(item);
    }
    return out;
  }

  // Only http(s) links (relative ones included) go into a popup.
  function safeHref(raw) {
    if (!raw) return null;
    try {
      var u = new URL(raw, window.location.href);
      return u.protocol === "http:" || u.protocol === "https:" ? raw : null;
    } catch (e) {
      return null;
    }
  }

  function slug(s) {
    return String(s).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  }

  // Built with DOM calls and textContent: place names are user content.
  function popupContent(item) {
    var box = document.createElement("div");
    box.className = "place-popup";
    var href = safeHref(item.href);
    var name = document.createElement(href ? "a" : "strong");
    if (href) name.setAttribute("href", href);
    name.className = "place-popup-name";
    name.textContent = item.name || "Unnamed place";
    box.appendChild(name);
    var meta = [];
    if (item.type) meta.push(item.type);
    if (item.anxiety) meta.push("anxiety: " + item.anxiety.toLowerCase());
    if (meta.length) {
      var p = document.createElement("p");
      p.className = "place-popup-meta";
      p.textContent = meta.join(" \u00b7 ");
      box.appendChild(p);
    }
    return box;
  }

  // ---- Markers ----

  function markerClass(item) {
    return "place-marker" + (item.anxiety ? " place-marker--anxiety-" + slug(item.anxiety) : "");
  }

  function labelPath(entry) {
    var path = entry.marker.getElement && entry.marker.getElement();
    if (!path) return; // a canvas renderer has no element per marker; the list is the accessible view
    path.setAttribute("aria-label", entry.item.name || "Unnamed place");
    path.setAttribute("role", "button");
    path.setAttribute("tabindex", "0");
    // Leaflet sets className only when it creates the path; an item's anxiety level may change.
    var keep = (path.getAttribute("class") || "").split(/\s+/).filter(function (c) {
      return c && c.indexOf("place-marker") !== 0;
    });
    path.setAttribute("class", keep.concat(markerClass(entry.item).split(" ")).join(" "));
  }

  function addMarker(inst, item) {
    var marker = Leaflet.circleMarker([item.lat, item.lng], {
      radius: 9,
      weight: 2,
      color: "#ffffff",
      fillColor: "#5b46c9",
      fillOpacity: 0.9,
      className: markerClass(item),
      bubblingMouseEvents: false,
    });
    var entry = { item: item, marker: marker };
    marker.bindPopup(popupContent(item), { maxWidth: 260, autoPanPadding: [24, 24] });
    marker.addTo(inst.map);
    labelPath(entry);
    var path = marker.getElement && marker.getElement();
    if (path) {
      path.addEventListener("keydown", function (ev) {
        var k = ev.key;
        if (k === "Enter" || k === " " || k === "Spacebar") {
          ev.preventDefault();
          inst.engaged = true; // opening a popup may pan the map: that is the user's doing
          marker.openPopup();
          var link = marker.getPopup() && marker.getPopup().getElement();
          link = link && link.querySelector(".place-popup-name");
          if (link && link.focus) link.focus();
        } else if (k === "Escape" || k === "Esc") {
          marker.closePopup();
        }
      });
    }
    // Escape inside the popup closes it and returns the focus to its marker.
    marker.on("popupopen", function (e) {
      var el = e.popup.getElement();
      if (!el || el.getAttribute("data-kindred-keys")) return;
      el.setAttribute("data-kindred-keys", "1");
      el.addEventListener("keydown", function (ev) {
        if (ev.key === "Escape" || ev.key === "Esc") {
          marker.closePopup();
          var p = marker.getElement && marker.getElement();
          if (p && p.focus) p.focus();
        }
      });
    });
    return entry;
  }

  function updateMarker(entry, item) {
    entry.item = item;
    entry.marker.setLatLng([item.lat, item.lng]);
    entry.marker.setPopupContent(popupContent(item));
    labelPath(entry);
  }

  // Makes the markers match the list, by data-place-id. Never moves the map.
  function sync(inst) {
    if (!inst || !inst.map) return;
    var items = readItems(inst.list);
    var keep = Object.create(null);
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var entry = inst.markers[item.id];
      keep[item.id] = true;
      if (!entry) inst.markers[item.id] = addMarker(inst, item);
      else if (entry.item.key !== item.key) updateMarker(entry, item);
    }
    var count = 0;
    for (var id in inst.markers) {
      if (!keep[id]) {
        inst.markers[id].marker.remove();
        delete inst.markers[id];
      } else {
        count++;
      }
    }
    inst.container.setAttribute("data-marker-count", String(count));
    return items;
  }

  function fitTo(inst, items) {
    var latlngs = [];
    for (var i = 0; i < items.length; i++) latlngs.push([items[i].lat, items[i].lng]);
    inst.map.fitBounds(Leaflet.latLngBounds(latlngs), { maxZoom: FIT_MAX_ZOOM, padding: [24, 24], animate: false });
  }

  // Watches #places-list; the app may replace the <ol> itself, so this re-attaches when it does.
  // Returns true when the list element changed.
  function bindList(inst) {
    var list = document.getElementById(LIST_ID);
    if (list === inst.list) return false;
    if (inst.listObserver) inst.listObserver.disconnect();
    inst.listObserver = null;
    inst.list = list;
    if (list) {
      inst.listObserver = new MutationObserver(function () {
        if (current === inst) sync(inst);
      });
      inst.listObserver.observe(list, { childList: true, subtree: true, attributes: true, attributeFilter: ITEM_ATTRS });
    }
    return true;
  }

  // ---- The map view -> #places-bbox ----

  function fixed(v) {
    return (Math.abs(v) < 0.000005 ? 0 : v).toFixed(5);
  }

  function viewBox(map) {
    var size = map.getSize();
    if (!size.x || !size.y) return null; // a hidden map has no view
    var b = map.getBounds();
    var west = b.getWest(), east = b.getEast();
    var south = Math.max(-90, b.getSouth()), north = Math.min(90, b.getNorth());
    if (east - west >= 360) {
      west = -180;
      east = 180;
    } else {
      // Panned onto another copy of the world: shift back so the centre is within ±180.
      var mid = (west + east) / 2;
      var wrapped = ((((mid + 180) % 360) + 360) % 360) - 180;
      var shift = mid - wrapped;
      west = Math.max(-180, west - shift);
      east = Math.min(180, east - shift);
    }
    if (!(west < east && south < north)) return null;
    return [fixed(west), fixed(south), fixed(east), fixed(north)].join(",");
  }

  function reportView(inst) {
    inst.settleTimer = null;
    if (current !== inst || !inst.map) return;
    var input = document.getElementById(BBOX_ID);
    var value = viewBox(inst.map);
    if (!input || value === null || input.value === value) return;
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function onMoveStart(inst) {
    if (inst.settleTimer) clearTimeout(inst.settleTimer);
    inst.settleTimer = null;
  }

  function onMoveEnd(inst) {
    // Until the user has touched the map, moves are ours (the first view, resizes): not reported.
    if (!inst.engaged) return;
    if (inst.settleTimer) clearTimeout(inst.settleTimer);
    inst.settleTimer = setTimeout(function () { reportView(inst); }, SETTLE_MS);
  }

  // ---- "Near me" ----

  function showLocateButtons(show) {
    var buttons = document.querySelectorAll(LOCATE);
    var hide = !(show && navigator.geolocation);
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].hidden !== hide) buttons[i].hidden = hide;
    }
  }

  document.addEventListener("click", function (ev) {
    var button = ev.target && ev.target.closest && ev.target.closest(LOCATE);
    if (!button || !current || !current.map || !navigator.geolocation) return;
    var inst = current;
    inst.engaged = true; // the move that follows is the user's
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (pos) {
        button.disabled = false;
        if (current !== inst || !inst.map) return;
        inst.map.setView([pos.coords.latitude, pos.coords.longitude], LOCATE_ZOOM, { animate: !reducedMotion() });
      },
      function () {
        button.disabled = false;
        button.textContent = LOCATE_FAILED;
      },
      { timeout: 10000, maximumAge: 600000 }
    );
  });

  // ---- One map's life ----

  function init(container) {
    var L = Leaflet;
    var d = container.dataset;
    var still = reducedMotion();
    var map = L.map(container, {
      minZoom: 2,
      maxZoom: 19,
      worldCopyJump: true,
      zoomAnimation: !still,
      fadeAnimation: !still,
      markerZoomAnimation: !still,
      inertia: !still,
    });
    var inst = {
      container: container,
      map: map,
      markers: Object.create(null),
      list: undefined, // not yet looked for
      listObserver: null,
      resizeObserver: null,
      settleTimer: null,
      engaged: false,
      fitted: false,
      cleanup: [],
    };

    // Keyboard pans, popup auto-pans and drag inertia animate unless told not to: tell them,
    // when asked to. And a drag's inertia starts a frame after the drag ends: if the map was
    // removed in between (the page changed), Leaflet would throw.
    var panBy = map.panBy;
    map.panBy = function (offset, options) {
      if (inst.map !== map) return this;
      if (reducedMotion()) options = L.extend({}, options, { animate: false });
      return panBy.call(this, offset, options);
    };

    if (d.tileUrl) {
      var tiles = L.tileLayer(d.tileUrl, { attribution: d.attribution || "", maxZoom: 19 });
      // Offline (or a tile server that is down): the markers are vectors and still show.
      tiles.on("tileerror", function () {
        if (container.getAttribute("data-tiles") !== "ok") container.setAttribute("data-tiles", "unavailable");
      });
      tiles.on("tileload", function () {
        if (container.getAttribute("data-tiles") !== "ok") container.setAttribute("data-tiles", "ok");
      });
      tiles.addTo(map);
    }

    // Any pointer, wheel or key inside the map is the user's: moves from then on are reported.
    var engage = function () { inst.engaged = true; };
    ["pointerdown", "mousedown", "touchstart", "wheel", "keydown"].forEach(function (type) {
      container.addEventListener(type, engage, { capture: true, passive: true });
      inst.cleanup.push(function () { container.removeEventListener(type, engage, { capture: true }); });
    });
    map.on("movestart", function () { onMoveStart(inst); });
    map.on("moveend", function () { onMoveEnd(inst); });

    // The first view: the places if there are any, else the page's centre and zoom. (Leaflet
    // adds layers only to a map that has a view, so the view comes before the markers.)
    bindList(inst);
    var items = readItems(inst.list);
    if (items.length && map.getSize().x && map.getSize().y) {
      fitTo(inst, items);
      inst.fitted = true;
    } else {
      var lat = num(d.lat, -90, 90), lng = num(d.lng, -180, 180), zoom = num(d.zoom, 0, 19);
      map.setView([lat === null ? 51.5074 : lat, lng === null ? -0.1278 : lng], zoom === null ? 13 : zoom, { animate: false });
      inst.fitted = !!inst.list; // an empty list is an answer; a missing one is still loading
    }
    sync(inst);

    // Leaflet only notices window resizes; the container can change size by itself (layout).
    if (window.ResizeObserver) {
      var lastW = container.clientWidth, lastH = container.clientHeight;
      inst.resizeObserver = new ResizeObserver(function () {
        if (container.clientWidth === lastW && container.clientHeight === lastH) return;
        lastW = container.clientWidth;
        lastH = container.clientHeight;
        if (current === inst) map.invalidateSize({ animate: false });
      });
      inst.resizeObserver.observe(container);
    }

    current = inst;
    showLocateButtons(true);
    container.setAttribute("data-ready", "true");
  }

  function destroy(inst) {
    if (inst.settleTimer) clearTimeout(inst.settleTimer);
    if (inst.listObserver) inst.listObserver.disconnect();
    if (inst.resizeObserver) inst.resizeObserver.disconnect();
    inst.cleanup.forEach(function (f) { f(); });
    try {
      inst.map.remove();
    } catch (e) {
      /* the container is already gone from the page */
    }
    inst.map = null;
    inst.markers = Object.create(null);
    inst.container.removeAttribute("data-ready");
    inst.container.removeAttribute("data-marker-count");
    if (current === inst) {
      current = null;
      showLocateButtons(false);
    }
  }

  // Runs whenever the page changes: starts, keeps up or ends the map.
  function check() {
    if (current && !connected(current.container)) destroy(current);
    var el = document.getElementById(MAP_ID);
    if (current && current.container !== el) destroy(current);
    if (current) {
      if (bindList(current)) {
        var items = sync(current);
        // The list arrived after the map (it was still loading): show it, unless the user moved.
        if (!current.fitted && current.list) {
          current.fitted = true;
          if (items.length && !current.engaged) fitTo(current, items);
        }
      }
      showLocateButtons(true);
      return;
    }
    if (!el || el.getAttribute("data-ready") === "true" || el.hasAttribute("data-map-error")) return;
    // Fetch Leaflet now; draw only once the app has hydrated (Leaflet adds children to the
    // container, and hydration must see the server's HTML first).
    var loading = loadLeaflet();
    if (!gateOpen || pending === el) return;
    pending = el;
    loading.then(
      function () {
        pending = null;
        if (!current && connected(el) && document.getElementById(MAP_ID) === el && el.getAttribute("data-ready") !== "true") init(el);
        else check();
      },
      function (err) {
        pending = null;
        el.setAttribute("data-map-error", "unavailable");
        if (window.console && console.warn) console.warn("Kindred: the map could not load;", err && err.message);
      }
    );
  }

  // ---- Start ----

  function openGate() {
    if (gateOpen) return;
    gateOpen = true;
    check();
  }

  function start() {
    var body = document.body;
    if (body.getAttribute("data-hydrated") === "true") {
      gateOpen = true;
    } else {
      var hydration = new MutationObserver(function () {
        if (body.getAttribute("data-hydrated") === "true") {
          hydration.disconnect();
          openGate();
        }
      });
      hydration.observe(body, { attributes: true, attributeFilter: ["data-hydrated"] });
      setTimeout(function () {
        hydration.disconnect();
        openGate();
      }, HYDRATION_WAIT_MS);
    }
    // Client-side navigation adds and removes the map and replaces the list at any time.
    new MutationObserver(function (records) {
      // Leaflet's own work inside the map (tiles, markers) is not news.
      if (current) {
        var outside = false;
        for (var i = 0; i < records.length && !outside; i++) {
          if (!current.container.contains(records[i].target)) outside = true;
        }
        if (!outside) return;
      }
      check();
    }).observe(body, { childList: true, subtree: true });
    check();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  window.KindredMap = {
    /** The live Leaflet map, or null. */
    map: function () {
      return current ? current.map : null;
    },
    /** Re-reads the page now (the observers do this by themselves). */
    refresh: function () {
      check();
      if (current) sync(current);
    },
  };
})();
