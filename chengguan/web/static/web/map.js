/* Leaflet maps of the staff pages. Tiles only when a tile URL is configured; otherwise the grids
   are drawn on a plain background, so the pages work offline and send nothing outside. */
"use strict";

function cgBaseMap(el) {
  var map = L.map(el, { zoomSnap: 0.5 });
  var tiles = el.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 19, attribution: "地图数据" }).addTo(map);
  }
  return map;
}

function cgLoadGrids(map, el, fit) {
  if (!el.dataset.grids) return Promise.resolve(null);
  return fetch(el.dataset.grids, { credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) {
      if (!data) return null;
      var layer = L.geoJSON(data, {
        style: { color: "#0b3d6e", weight: 1, fillColor: "#8fb3d9", fillOpacity: 0.15 },
        onEachFeature: function (f, l) {
          var p = f.properties || {};
          l.bindTooltip((p.street || "") + " " + (p.community || "") + "<br>" + (p.code || ""));
        },
      }).addTo(map);
      if (fit && layer.getBounds().isValid()) map.fitBounds(layer.getBounds());
      return layer;
    });
}

/* helper:portal — which grid holds a point (ray casting over the GeoJSON rings), so the picker
   can name and highlight the grid a located or clicked point falls in (decision 088). */
function cgInRing(ring, x, y) {
  var inside = false;
  for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
    if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function cgInGeometry(g, x, y) {
  var polys = g.type === "Polygon" ? [g.coordinates] : (g.type === "MultiPolygon" ? g.coordinates : []);
  return polys.some(function (rings) {
    return cgInRing(rings[0], x, y) && !rings.slice(1).some(function (h) { return cgInRing(h, x, y); });
  });
}

function cgGridAt(layer, latlng) {
  var found = null;
  if (layer) layer.eachLayer(function (l) {
    if (!found && l.feature && cgInGeometry(l.feature.geometry, latlng.lng, latlng.lat)) found = l;
  });
  return found;
}
/* /helper:portal */

function cgPicker(mapId, lonId, latId, gpsId, statusId) {
  var el = document.getElementById(mapId);
  var lon = document.getElementById(lonId), lat = document.getElementById(latId);
  var status = document.getElementById(statusId);
  var map = cgBaseMap(el), marker = null;
  var grids = null, picked = null, gridNote = document.getElementById(mapId + "-grid");  // helper:portal
  map.setView([33.0, 111.5], 12);
  function place(latlng, pan) {
    lon.value = latlng.lng.toFixed(6);
    lat.value = latlng.lat.toFixed(6);
    if (marker) marker.setLatLng(latlng); else marker = L.marker(latlng).addTo(map);
    if (pan) map.panTo(latlng);
    // helper:portal: pick (highlight and name) the grid the point is in
    if (!grids) return;
    if (picked) grids.resetStyle(picked);
    picked = cgGridAt(grids, latlng);
    if (picked) picked.setStyle({ color: "#a4001d", weight: 3, fillOpacity: 0.3 });
    if (gridNote) {
      var p = picked ? picked.feature.properties || {} : null;
      gridNote.textContent = p ? "所在网格：" + (p.street || "") + " " + (p.community || "") + "（" + (p.code || "") + "）"
                               : "该位置不在本局网格范围内，请在地图上重新点选";
    }
    // /helper:portal
  }
  cgLoadGrids(map, el, true).then(function (layer) {
    grids = layer;  // helper:portal
    if (lon.value && lat.value) place(L.latLng(+lat.value, +lon.value), true);
  });
  map.on("click", function (e) { place(e.latlng, false); status.textContent = "已在地图上选定位置"; });
  [lon, lat].forEach(function (input) {
    input.addEventListener("change", function () {
      if (lon.value && lat.value) place(L.latLng(+lat.value, +lon.value), true);
    });
  });
  document.getElementById(gpsId).addEventListener("click", function () {
    if (!navigator.geolocation || !window.isSecureContext) {  // helper:portal: http pages have none
      status.textContent = "此浏览器或当前网页不支持定位，请在地图上点选"; return;
    }
    status.textContent = "正在定位…";
    navigator.geolocation.getCurrentPosition(function (pos) {
      place(L.latLng(pos.coords.latitude, pos.coords.longitude), true);
      status.textContent = "已使用当前位置（精度约 " + Math.round(pos.coords.accuracy) + " 米）";
    }, function (err) {  // helper:portal: say why, in Chinese
      status.textContent = err && err.code === 1 ? "您未允许获取位置，请在地图上点选问题位置"
        : (err && err.code === 3 ? "定位超时，请重试或在地图上点选" : "无法获取当前位置，请在地图上点选");
    },
    { enableHighAccuracy: true, timeout: 10000 });
  });
}

function cgPoint(mapId) {
  var el = document.getElementById(mapId);
  if (!el) return;
  var at = L.latLng(+el.dataset.lat, +el.dataset.lon);
  var map = cgBaseMap(el);
  map.setView(at, 16);
  cgLoadGrids(map, el, false);
  L.marker(at).addTo(map);
}

function cgOverview(mapId) {
  var el = document.getElementById(mapId);
  var map = cgBaseMap(el);
  map.setView([33.0, 111.5], 12);
  cgLoadGrids(map, el, true);
  fetch(el.dataset.cases, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      data.items.forEach(function (c) {
        var color = c.overdue ? "#a4001d" : (c.status === "reported" ? "#7a4a00" : "#0b3d6e");
        L.circleMarker([c.lat, c.lon], { radius: 7, color: color, fillOpacity: 0.8 })
          .bindPopup('<a href="' + c.url + '">' + c.number + "</a><br>" + c.category + " · " +
                     c.status_label + (c.overdue ? "（已超期）" : ""))
          .addTo(map);
      });
      var n = document.getElementById(mapId + "-count");
      if (n) n.textContent = data.items.length;
    });
}
