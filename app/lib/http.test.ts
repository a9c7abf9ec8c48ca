import { describe, expect, it } from "vitest";
import { BodyTooLargeError, readFormCapped } from "./http";

/** A request whose body comes in chunks, without Content-Length (as a chunked upload). */
function streamed(chunks: Uint8Array[], contentType: string) {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
  return new Request("http://localhost/", { method: "POST", body, headers: { "content-type": contentType }, duplex: "half" } as RequestInit);
}

describe("readFormCapped", () => {
  it("reads a form within the limit, sent in chunks without Content-Length", async () => {
    const text = new TextEncoder().encode("csrf=abc&lieu=1");
    const form = await readFormCapped(streamed([text.slice(0, 5), text.slice(5)], "application/x-www-form-urlencoded"), 1024);
    expect(form.get("lieu")).toBe("1");
  });

  it("stops reading as soon as the body passes the limit, whatever the headers say", async () => {
    const chunk = new Uint8Array(600);
    await expect(readFormCapped(streamed([chunk, chunk], "application/x-www-form-urlencoded"), 1000)).rejects.toBeInstanceOf(BodyTooLargeError);
    const declared = new Request("http://localhost/", { method: "POST", body: "a=1", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": "5000" } });
    await expect(readFormCapped(declared, 1000)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});
