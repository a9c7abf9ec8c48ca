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

export class BodyTooLargeError extends Error {}

/**
 * The request's body, reading at most `maxBytes` whatever its Content-Length says (or does
 * not say): a larger body is refused with BodyTooLargeError before it is all in memory.
 */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw new BodyTooLargeError();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new BodyTooLargeError();
      }
      chunks.push(value);
    }
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The request's form, at most `maxBytes` read (see readBodyCapped). For file uploads. */
export async function readFormCapped(request: Request, maxBytes: number): Promise<FormData> {
  const body = await readBodyCapped(request, maxBytes);
  return new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
}
