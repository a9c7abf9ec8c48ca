import { fr } from "~/lib/messages";

/**
 * "Autour de moi": a form that the small /js/around-me.js module reveals and fills
 * with the device's position. Hidden without JavaScript (geolocation needs it).
 */
export function AroundMe() {
  return (
    <>
      <form className="around-me" method="get" action="/lieux" hidden data-around-me>
        <input type="hidden" name="lat" />
        <input type="hidden" name="lon" />
        <button type="submit" className="secondary">
          {fr.directory.aroundMe}
        </button>
        <p className="muted" data-around-me-status role="status">
          {fr.directory.aroundMeHelp}
        </p>
      </form>
      <script type="module" src="/js/around-me.js" />
    </>
  );
}
