import { directoryUrl, widerRadius, type DirectoryQuery } from "./query";
import { fr } from "~/lib/messages";

/**
 * Around a position, when nothing (more) lies within the distance searched: an optional
 * sentence and a link to the same search a step farther (none past the farthest distance).
 */
export function LookFarther({ path, query, radiusKm, message }: { path: "/lieux" | "/lieux/carte"; query: DirectoryQuery; radiusKm: number; message?: string }) {
  const wider = widerRadius(radiusKm);
  if (!message && !wider) return null;
  return (
    <p>
      {message}
      {message && wider ? " " : null}
      {wider ? <a href={directoryUrl(path, { ...query, page: 1 }, { rayon: wider })}>{fr.directory.widen(wider)}</a> : null}
    </p>
  );
}
