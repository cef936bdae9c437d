/* The public map of 便民临时摊点 (decision 088): the points' polygons from stall-points.json, each
   with its free places and a link to apply. Uses cgBaseMap/cgLoadGrids of web/map.js. */
"use strict";

function cgStallMap(mapId) {
  var el = document.getElementById(mapId);
  if (!el) return;
  var map = cgBaseMap(el);
  map.setView([33.0, 111.5], 12);
  cgLoadGrids(map, el, true).then(function () {
    return fetch(el.dataset.points, { credentials: "same-origin" });
  }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
    if (!data || !data.features.length) return;
    var layer = L.geoJSON(data, {
      style: { color: "#7a4a00", weight: 2, fillColor: "#f0b429", fillOpacity: 0.45 },
      onEachFeature: function (f, l) {
        var p = f.properties || {};
        var box = document.createElement("div");
        var title = document.createElement("strong");
        title.textContent = p.name;
        box.appendChild(title);
        box.appendChild(document.createElement("br"));
        box.appendChild(document.createTextNode(
          p.season_from + " 至 " + p.season_to + " · " + p.hours + " · 空余摊位 " + p.free + "/" + p.capacity));
        if (el.dataset.taking) {
          box.appendChild(document.createElement("br"));
          var a = document.createElement("a");
          a.href = el.dataset.apply.replace("/0/", "/" + p.id + "/") + (el.dataset.b || "");
          a.textContent = "申请摊位";
          a.className = "stall-apply";
          box.appendChild(a);
        }
        l.bindPopup(box);
        l.bindTooltip(p.name);
      },
    }).addTo(map);
    if (layer.getBounds().isValid()) map.fitBounds(layer.getBounds(), { maxZoom: 17 });
  });
}
