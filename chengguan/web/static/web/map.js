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

function cgPicker(mapId, lonId, latId, gpsId, statusId) {
  var el = document.getElementById(mapId);
  var lon = document.getElementById(lonId), lat = document.getElementById(latId);
  var status = document.getElementById(statusId);
  var map = cgBaseMap(el), marker = null;
  map.setView([33.0, 111.5], 12);
  function place(latlng, pan) {
    lon.value = latlng.lng.toFixed(6);
    lat.value = latlng.lat.toFixed(6);
    if (marker) marker.setLatLng(latlng); else marker = L.marker(latlng).addTo(map);
    if (pan) map.panTo(latlng);
  }
  cgLoadGrids(map, el, true).then(function () {
    if (lon.value && lat.value) place(L.latLng(+lat.value, +lon.value), true);
  });
  map.on("click", function (e) { place(e.latlng, false); status.textContent = "已在地图上选定位置"; });
  [lon, lat].forEach(function (input) {
    input.addEventListener("change", function () {
      if (lon.value && lat.value) place(L.latLng(+lat.value, +lon.value), true);
    });
  });
  document.getElementById(gpsId).addEventListener("click", function () {
    if (!navigator.geolocation) { status.textContent = "此浏览器不支持定位，请在地图上点选"; return; }
    status.textContent = "正在定位…";
    navigator.geolocation.getCurrentPosition(function (pos) {
      place(L.latLng(pos.coords.latitude, pos.coords.longitude), true);
      status.textContent = "已使用当前位置（精度约 " + Math.round(pos.coords.accuracy) + " 米）";
    }, function () { status.textContent = "无法获取当前位置，请在地图上点选"; },
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
