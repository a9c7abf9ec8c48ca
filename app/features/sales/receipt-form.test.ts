import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { SendReceiptSchema } from "./receipt-form";

const m = fr.salesReports.receipt.send;

describe("SendReceiptSchema", () => {
  it("reads an address, trimmed; says in French what is wrong", () => {
    expect(parseForm(SendReceiptSchema, { courriel: "  camille@exemple.fr " })).toEqual({ ok: true, values: { courriel: "camille@exemple.fr" } });
    expect(parseForm(SendReceiptSchema, { courriel: "" })).toEqual({ ok: false, errors: { courriel: m.emailEmpty } });
    expect(parseForm(SendReceiptSchema, { courriel: "camille@" })).toEqual({ ok: false, errors: { courriel: m.emailInvalid } });
    expect(parseForm(SendReceiptSchema, {})).toMatchObject({ ok: false });
  });
});
