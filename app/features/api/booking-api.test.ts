import { describe, expect, it } from "vitest";
import { availabilityPeriod, isIdempotencyKey, parseReservationBody, reservationJson, slotJson } from "~/features/api/booking-api";

describe("availabilityPeriod", () => {
  it("defaults to today and the next 13 days, follows du, and allows at most 31 days", () => {
    expect(availabilityPeriod({}, "2026-12-10")).toEqual({ ok: true, from: "2026-12-10", to: "2026-12-23" });
    expect(availabilityPeriod({ du: "2026-12-28" }, "2026-12-10")).toEqual({ ok: true, from: "2026-12-28", to: "2027-01-10" });
    expect(availabilityPeriod({ du: "2027-02-01", au: "2027-03-03" }, "2026-12-10")).toEqual({ ok: true, from: "2027-02-01", to: "2027-03-03" });
    expect(availabilityPeriod({ du: "2027-02-01", au: "2027-03-04" }, "2026-12-10").ok).toBe(false);
    expect(availabilityPeriod({ au: "2026-12-09" }, "2026-12-10").ok).toBe(false);
  });
});

describe("the reservation's body", () => {
  it("takes an instant with its offset, refuses one without (it would be read in the server's zone)", () => {
    const body = { lieu: "lieu-a", ressource: "ordinateur", prenom: "Aïcha", telephone: "0612345678" };
    expect(parseReservationBody({ ...body, debut: "2026-12-10T14:00:00+01:00", duree: 90 }, "k".repeat(16))).toEqual({
      ok: true,
      value: { lieu: "lieu-a", ressource: "ordinateur", fields: { debut: "2026-12-10T14:00:00+01:00", duree: 90, cle: "k".repeat(16), prenom: "Aïcha", telephone: "0612345678", courriel: undefined, note: undefined, motif: undefined } },
    });
    expect(parseReservationBody({ ...body, debut: "2026-12-10T13:00Z" }, "k".repeat(16)).ok).toBe(true);
    for (const debut of ["2026-12-10T14:00:00", "2026-12-10", "demain", "2026-13-10T14:00:00+01:00"]) {
      expect(parseReservationBody({ ...body, debut }, "k".repeat(16)), debut).toMatchObject({ ok: false, errors: { debut: expect.any(String) } });
    }
    expect(parseReservationBody({ debut: "2026-12-10T14:00:00+01:00", duree: 1.5 }, "k".repeat(16))).toMatchObject({ ok: false, errors: { lieu: expect.any(String), ressource: expect.any(String), duree: expect.any(String) } });
  });

  it("checks the idempotency key as the booking form does", () => {
    expect(isIdempotencyKey("abcdefgh_-ABCDEF")).toBe(true);
    expect(isIdempotencyKey("court")).toBe(false);
    expect(isIdempotencyKey("a".repeat(65))).toBe(false);
    expect(isIdempotencyKey(null)).toBe(false);
  });
});

describe("JSON shapes", () => {
  it("writes slots and bookings with the place's offset, across Paris's autumn change", () => {
    const start = Date.parse("2026-10-25T00:30:00Z"); // 02:30 CEST, the first pass
    expect(slotJson("Europe/Paris", { start, end: start + 3_600_000, maxEnd: start + 7_200_000 })).toEqual({
      debut: "2026-10-25T02:30:00+02:00", fin_min: "2026-10-25T02:30:00+01:00", fin_max: "2026-10-25T03:30:00+01:00",
    });
    expect(reservationJson("Indian/Reunion", "https://epn.example", { id: "x", status: "pending", start, end: start + 3_600_000, manageToken: "jeton" })).toEqual({
      id: "x", statut: "a_confirmer", debut: "2026-10-25T04:30:00+04:00", fin: "2026-10-25T05:30:00+04:00", lien_gestion: "https://epn.example/reservation/jeton",
    });
  });
});
