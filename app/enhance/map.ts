/**
 * The map of the directory's results (/lieux/carte): a browser module, bundled by
 * scripts/build-enhancements.ts into /js/map.js with Leaflet and markercluster.
 *
 * The page works without it: the server renders the list of the same places and a
 * fallback text in #carte. This module reads the coordinates (<script type="application/json"
 * id="points">, in the order of the list), the names, links and statuses from the list
 * itself (ol.carte-liste), the tile source (data-tiles) and its words (data-labels, from
 * the server's French catalogue), then replaces the fallback with a keyboard-usable map.
 * Tiles are never required: markers, popups and the list work when they fail.
 */
import L from "leaflet";
// Leaflet's UMD build sets window.L, which markercluster extends.
import "leaflet.markercluster";

/**
 * Coordinates of the i-th place of the list, or null when it has none; `stops`: those of the
 * mobile EPN's stops, in the order of the second list (ol.carte-passages).
 */
type Payload = { points: ([number, number] | null)[]; focus: number; stops?: [number, number][] };
type Place = { latitude: number; longitude: number; name: string; item: HTMLElement; index: number };
type Tiles = { url: string; attribution: string; attributionUrl: string; maxZoom: number; subdomains?: string };
type Labels = { region: string; zoomIn: string; zoomOut: string; closePopup: string; cluster: string; stop: string };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The popup: the list item's link, commune and distance, opening status. */
function popupContent(item: HTMLElement): HTMLElement {
  const box = document.createElement("div");
  box.className = "carte-popup";
  const source = item.querySelector("a")!;
  const link = document.createElement("a");
  link.href = source.getAttribute("href")!;
  link.textContent = source.textContent;
  box.append(link);
  for (const selector of [".carte-liste-lieu", ".carte-liste-statut"]) {
    const part = item.querySelector(selector);
    if (!part) continue;
    const line = document.createElement("p");
    line.className = part.className;
    line.textContent = part.textContent;
    box.append(line);
  }
  return box;
}

/** The places of the list that have coordinates, with their list item. */
function placesOf(points: Payload["points"], list: HTMLElement): Place[] {
  const items = [...list.children] as HTMLElement[];
  if (items.length !== points.length) throw new Error("map points and list differ");
  return items.flatMap((item, i) => {
    const point = points[i];
    return point ? [{ latitude: point[0], longitude: point[1], name: item.querySelector("a")!.textContent ?? "", item, index: i }] : [];
  });
}

function clusterIcon(labels: Labels) {
  return (cluster: L.MarkerCluster) => {
    const count = cluster.getChildCount();
    const label = labels.cluster.replace("{n}", String(count));
    const size = count < 10 ? 40 : count < 100 ? 46 : 52;
    const icon = L.divIcon({ html: `<span aria-hidden="true">${count}</span>`, className: "carte-groupe", iconSize: L.point(size, size) });
    // Leaflet makes the icon a focusable role=button: give it a name.
    const create = icon.createIcon.bind(icon);
    icon.createIcon = (old?: HTMLElement) => {
      const element = create(old);
      element.setAttribute("aria-label", label);
      element.title = label;
      return element;
    };
    return icon;
  };
}

/** A stop's marker: a square of its own colour (map.css), named for screen readers. */
function stopIcon(label: string) {
  const icon = L.divIcon({ html: '<span aria-hidden="true"></span>', className: "carte-arret", iconSize: L.point(28, 28) });
  const create = icon.createIcon.bind(icon);
  icon.createIcon = (old?: HTMLElement) => {
    const element = create(old);
    element.setAttribute("aria-label", label);
    return element;
  };
  return icon;
}

function showMap(container: HTMLElement, payload: Payload, places: Place[], stops: Place[], tiles: Tiles, labels: Labels) {
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  L.Icon.Default.imagePath = new URL("images/", import.meta.url).href;

  container.setAttribute("role", "region");
  container.setAttribute("aria-label", labels.region);
  const help = document.getElementById("carte-aide");
  if (help) {
    help.hidden = false;
    container.setAttribute("aria-describedby", help.id);
  }

  const map = L.map(container, {
    keyboard: true,
    zoomControl: false,
    scrollWheelZoom: false, // the page scrolls; +/− buttons, keys and pinch zoom the map
    zoomAnimation: !still,
    fadeAnimation: !still,
    markerZoomAnimation: !still,
  });
  L.control.zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut }).addTo(map);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
  L.tileLayer(tiles.url, {
    maxZoom: tiles.maxZoom,
    subdomains: tiles.subdomains ?? "abc",
    attribution: `<a href="${escapeHtml(tiles.attributionUrl)}">${escapeHtml(tiles.attribution)}</a>`,
  }).addTo(map);

  const group = L.markerClusterGroup({
    showCoverageOnHover: false,
    animate: !still,
    maxClusterRadius: 50,
    iconCreateFunction: clusterIcon(labels),
  });
  // Popups fit a phone-sized map and stay clear of the zoom buttons and the attribution:
  // content width + its margins (≈ 64 px, map.css) + the padding on both sides ≤ the map's width.
  const popup: L.PopupOptions = {
    maxWidth: Math.max(140, Math.min(300, container.clientWidth - 56 - 12 - 72)),
    autoPanPaddingTopLeft: L.point(56, 12),
    autoPanPaddingBottomRight: L.point(12, 32),
  };
  const markers = places.map((place) =>
    L.marker([place.latitude, place.longitude], { title: place.name, alt: place.name, keyboard: true }).bindPopup(() => popupContent(place.item), popup),
  );
  const stopMarkers = stops.map((stop) => {
    const name = `${stop.name} — ${labels.stop}`;
    return L.marker([stop.latitude, stop.longitude], { title: name, keyboard: true, icon: stopIcon(name) }).bindPopup(() => popupContent(stop.item), popup);
  });
  group.addLayers(markers);
  map.addLayer(group);
  // Stops are another kind of point: never hidden in a group of places.
  for (const marker of stopMarkers) map.addLayer(marker);

  // The first `focus` places of the list (the nearest ones around a position); the stops when no place is on the map.
  const focused = markers.filter((_, i) => places[i].index < payload.focus);
  const framed = focused.length > 0 ? focused : stopMarkers;
  if (framed.length > 0) {
    const bounds = L.latLngBounds(framed.map((m) => m.getLatLng()));
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
  } else {
    map.setView([46.6, 2.5], 5); // France
  }

  // A popup opened from the keyboard: its link gets the focus, Escape gives it back.
  let opener: HTMLElement | null = null;
  map.on("popupopen", (e: L.PopupEvent) => {
    const element = e.popup.getElement();
    const close = element?.querySelector<HTMLElement>(".leaflet-popup-close-button");
    close?.setAttribute("aria-label", labels.closePopup);
    if (close) close.title = labels.closePopup;
    const active = document.activeElement;
    opener = active instanceof HTMLElement && active.classList.contains("leaflet-marker-icon") ? active : null;
    if (opener) element?.querySelector<HTMLElement>(".carte-popup a")?.focus({ preventScroll: true });
  });
  map.on("popupclose", () => {
    const back = opener;
    opener = null;
    if (back?.isConnected && (document.activeElement === document.body || container.contains(document.activeElement))) back.focus({ preventScroll: true });
  });
  container.addEventListener("keydown", (event) => {
    const target = event.target as HTMLElement;
    if (event.key === "Escape" && container.querySelector(".leaflet-popup")) {
      map.closePopup();
      event.preventDefault();
    } else if (event.key === " " && target.classList.contains("leaflet-marker-icon")) {
      // role="button": Space works like Enter (Leaflet only handles Enter).
      event.preventDefault();
      target.click();
      // A group zooms in and disappears: keep the focus on the map, as Enter does.
      if (!target.isConnected || target.classList.contains("carte-groupe")) container.focus({ preventScroll: true });
    }
  });

  container.querySelector(".carte-repli")?.remove();
}

function start() {
  const container = document.getElementById("carte");
  const data = document.getElementById("points");
  const list = document.querySelector<HTMLElement>("ol.carte-liste");
  if (!container || !data || !list) return;
  const fallback = container.querySelector(".carte-repli");
  try {
    const payload = JSON.parse(data.textContent ?? "") as Payload;
    const tiles = JSON.parse(container.dataset.tiles ?? "") as Tiles;
    const labels = JSON.parse(container.dataset.labels ?? "") as Labels;
    const stopList = document.querySelector<HTMLElement>("ol.carte-passages");
    const stops = stopList && payload.stops ? placesOf(payload.stops, stopList) : [];
    showMap(container, payload, placesOf(payload.points, list), stops, tiles, labels);
  } catch (error) {
    // The list below stays; the fallback text says the map is not there.
    if (fallback) container.replaceChildren(fallback);
    container.className = "carte carte-echec";
    for (const name of ["role", "aria-label", "aria-describedby", "tabindex"]) container.removeAttribute(name);
    document.getElementById("carte-aide")?.setAttribute("hidden", "");
    console.error(error);
  }
}

start();
