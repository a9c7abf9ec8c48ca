/**
 * The map of the directory's results (/lieux/carte): a browser module, bundled by
 * scripts/build-enhancements.ts into /js/map.js with Leaflet and markercluster.
 *
 * The page works without it: the server renders the list of the same places and a
 * fallback text in #carte. This module reads the points (<script type="application/json"
 * id="points">), the tile source (data-tiles) and its words (data-labels, from the
 * server's French catalogue), then replaces the fallback with a keyboard-usable map.
 * Tiles are never required: markers, popups and the list work when they fail.
 */
import L from "leaflet";
// Leaflet's UMD build sets window.L, which markercluster extends.
import "leaflet.markercluster";

/** [latitude, longitude, name, slug, where (commune, distance), opening status] */
type Point = [number, number, string, string, string, string];
type Payload = { points: Point[]; focus: number };
type Tiles = { url: string; attribution: string; attributionUrl: string; maxZoom: number; subdomains?: string };
type Labels = { region: string; zoomIn: string; zoomOut: string; closePopup: string; cluster: string };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function popupContent(name: string, slug: string, where: string, status: string): HTMLElement {
  const box = document.createElement("div");
  box.className = "carte-popup";
  const link = document.createElement("a");
  link.href = `/lieux/${encodeURIComponent(slug)}`;
  link.textContent = name;
  const place = document.createElement("p");
  place.textContent = where;
  const open = document.createElement("p");
  open.textContent = status;
  box.append(link, place, open);
  return box;
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

function showMap(container: HTMLElement, payload: Payload, tiles: Tiles, labels: Labels) {
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
  const markers = payload.points.map(([lat, lon, name, slug, where, status]) =>
    L.marker([lat, lon], { title: name, alt: name, keyboard: true }).bindPopup(() => popupContent(name, slug, where, status), {
      autoPanPadding: L.point(16, 16),
    }),
  );
  group.addLayers(markers);
  map.addLayer(group);

  const framed = markers.slice(0, Math.max(1, payload.focus));
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
    }
  });

  container.querySelector(".carte-repli")?.remove();
}

function start() {
  const container = document.getElementById("carte");
  const data = document.getElementById("points");
  if (!container || !data) return;
  const fallback = container.querySelector(".carte-repli");
  try {
    const payload = JSON.parse(data.textContent ?? "") as Payload;
    const tiles = JSON.parse(container.dataset.tiles ?? "") as Tiles;
    const labels = JSON.parse(container.dataset.labels ?? "") as Labels;
    showMap(container, payload, tiles, labels);
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
