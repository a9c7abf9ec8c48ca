import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseForm, readForm } from "./forms";

const post = (body: BodyInit, contentType: string) => new Request("http://localhost/", { method: "POST", body, headers: { "content-type": contentType } });

/** What readForm threw: React Router's data() (status and French text). */
async function refusal(promise: Promise<unknown>) {
  const thrown = await promise.then(
    () => null,
    (error: unknown) => error as { init?: { status?: number }; data?: unknown },
  );
  return { status: thrown?.init?.status, text: thrown?.data };
}

describe("readForm", () => {
  it("reads a form within its cap", async () => {
    const form = await readForm(post("nom=Camille&role=mediator", "application/x-www-form-urlencoded"), { maxBytes: 100 });
    expect(Object.fromEntries(form)).toEqual({ nom: "Camille", role: "mediator" });
  });

  it("answers 413 past the cap, with the page's own words when it has some", async () => {
    const big = `message=${"a".repeat(200)}`;
    expect(await refusal(readForm(post(big, "application/x-www-form-urlencoded"), { maxBytes: 100 }))).toEqual({ status: 413, text: "Le formulaire envoyé est trop long." });
    expect(await refusal(readForm(post(big, "application/x-www-form-urlencoded"), { maxBytes: 100, tooLarge: "Fichier trop lourd" }))).toEqual({ status: 413, text: "Fichier trop lourd" });
  });

  it("answers 400 for a body that is not a form", async () => {
    expect(await refusal(readForm(post("--pas-une-limite\r\n", "multipart/form-data; boundary=autre"), { maxBytes: 100 }))).toEqual({ status: 400, text: "Requête invalide" });
  });
});

describe("parseForm", () => {
  const schema = z
    .object({
      email: z.string().trim().min(1, { error: "Indiquez une adresse." }).pipe(z.email({ error: "Adresse invalide." })),
      themes: z.array(z.string()),
      du: z.string(),
      au: z.string(),
    })
    .refine((v) => v.au >= v.du, { message: "Dates dans le désordre." });

  it("gives typed values; a field sent several times is a list, a file is left out", () => {
    const form = new FormData();
    form.set("email", " camille@exemple.fr ");
    form.append("themes", "Inclusion sociale");
    form.append("themes", "Innovation territoriale");
    form.set("du", "2026-01-01");
    form.set("au", "2026-12-31");
    form.set("piece", new File(["x"], "x.txt"));
    expect(parseForm(schema, form)).toEqual({ ok: true, values: { email: "camille@exemple.fr", themes: ["Inclusion sociale", "Innovation territoriale"], du: "2026-01-01", au: "2026-12-31" } });
  });

  it("gives the first French message of each field, and a problem of the whole form under `form`", () => {
    expect(parseForm(schema, { email: "", themes: [], du: "2026-01-01", au: "2026-12-31" })).toEqual({ ok: false, errors: { email: "Indiquez une adresse." } });
    expect(parseForm(schema, { email: "camille@exemple.fr", themes: [], du: "2026-12-31", au: "2026-01-01" })).toEqual({ ok: false, errors: { form: "Dates dans le désordre." } });
  });
});
