/**
 * "Autour de moi" (≈1 KB): shows the button only when the browser can locate,
 * asks for the position on click, then submits lat/lon to the results page.
 */
const form = document.querySelector<HTMLFormElement>("form[data-around-me]");
if (form && "geolocation" in navigator) {
  const status = form.querySelector<HTMLElement>("[data-around-me-status]");
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (status) status.textContent = "Recherche de votre position…";
    navigator.geolocation.getCurrentPosition(
      (position) => {
        (form.elements.namedItem("lat") as HTMLInputElement).value = position.coords.latitude.toFixed(5);
        (form.elements.namedItem("lon") as HTMLInputElement).value = position.coords.longitude.toFixed(5);
        form.submit();
      },
      () => {
        if (status) status.textContent = "Votre position n'a pas pu être trouvée. Tapez le nom de votre commune.";
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  });
}
