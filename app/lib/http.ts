/**
 * Headers of pages with a form: never cached (their answers are personal), and a
 * refused try (429) passes its Retry-After on to the document response.
 */
export function formPageHeaders({ actionHeaders }: { actionHeaders: Headers }): Headers {
  const headers = new Headers({ "Cache-Control": "no-store" });
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
}

/**
 * Pages whose URL holds a secret token (invitation, password reset, email verification):
 * the token must not reach another site through the Referer header. Not "no-referrer":
 * with it Chromium sends `Origin: null` on the page's own form, and React Router then
 * refuses the POST as cross-site (400) — the invitation could not be accepted.
 */
export const TOKEN_PAGE_REFERRER_POLICY = "same-origin";
