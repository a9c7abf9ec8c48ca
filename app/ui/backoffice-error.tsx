import { isRouteErrorResponse } from "react-router";
import { fr } from "~/lib/messages";

/** The error page of the back-office routes: 403 and 404 with their French message and a way back. */
export function BackofficeError({ error }: { error: unknown }) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const heading = status === 404 ? fr.errors.notFoundTitle : status === 403 ? fr.backoffice.forbiddenTitle : fr.errors.serverTitle;
  const text =
    isRouteErrorResponse(error) && typeof error.data === "string" && error.data && status < 500 ? error.data : status === 404 ? fr.errors.notFound : status === 403 ? fr.backoffice.forbidden : fr.errors.server;
  return (
    <>
      <title>{`${heading} — ${fr.site.name}`}</title>
      <h1>{heading}</h1>
      <p>{text}</p>
      <p>
        <a href="/gestion">{fr.backoffice.back}</a>
      </p>
    </>
  );
}
