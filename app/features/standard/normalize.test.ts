import { expect, test } from "vitest";
import { normalizeDate, normalizeEmails, normalizePhone, normalizePivot, normalizePostcode, normalizeUrl, normalizeUrls, PIVOT_PLACEHOLDER } from "./normalize";

test("phone numbers", () => {
  expect(normalizePhone("02 48 24 22 26").value).toBe("+33248242226");
  expect(normalizePhone("02.48.64.28.13").value).toBe("+33248642813");
  expect(normalizePhone("+33 2 37 31 32 33").value).toBe("+33237313233");
  expect(normalizePhone("+33 (0)2 37 31 32 33").value).toBe("+33237313233");
  expect(normalizePhone("237641660").value).toBe("+33237641660");
  expect(normalizePhone("0590 12 34 56", "97139").value).toBe("+590590123456");
  expect(normalizePhone("0596 78 00 40", "97221").value).toBe("+596596780040");
  expect(normalizePhone("0594 12 34 56", "97300").value).toBe("+594594123456");
  expect(normalizePhone("0262 12 34 56", "97400").value).toBe("+262262123456");
  expect(normalizePhone("0269 61 12 34", "97600").value).toBe("+262269611234");
  expect(normalizePhone("42 67 00", "98800").value).toBe("+687426700");
  expect(normalizePhone("+687050709", "98800").value).toBe("+687050709");
  const two = normalizePhone("02 48 24 22 26 / 06 12 34 56 78");
  expect(two.value).toBe("+33248242226");
  expect(two.notes[0]).toContain("seul le premier est gardé");
  expect(normalizePhone("+687", "98800")).toEqual({ value: undefined, notes: ["Numéro de téléphone illisible, ignoré : « +687 »."] });
  expect(normalizePhone("--").value).toBeUndefined();
});

test("postcodes and dates", () => {
  expect(normalizePostcode(1200)).toBe("01200");
  expect(normalizePostcode("13 100")).toBe("13100");
  expect(normalizePostcode(45000)).toBe("45000");
  expect(normalizeDate("2020/06/30 14:16:50.898")).toBe("2020-06-30");
  expect(normalizeDate("30/06/2020")).toBe("2020-06-30");
  expect(normalizeDate("2023-05-11T08:00:00Z")).toBe("2023-05-11");
  expect(normalizeDate("2023-02-30")).toBeUndefined();
  expect(normalizeDate("hier")).toBeUndefined();
});

test("pivot", () => {
  expect(normalizePivot("434 806 402").value).toBe("434806402");
  expect(normalizePivot(21130001700012).value).toBe("21130001700012");
  expect(normalizePivot("W131004321").value).toBe("W131004321");
  expect(normalizePivot("1234567.001").value).toBe("1234567001");
  const missing = normalizePivot(null);
  expect(missing.value).toBe(PIVOT_PLACEHOLDER);
  expect(missing.notes[0]).toContain("absent");
  expect(normalizePivot("0").notes[0]).toContain("inutilisable");
});

test("e-mails and URLs", () => {
  expect(normalizeEmails(" a@b.fr ; c@d.org ").values).toEqual(["a@b.fr", "c@d.org"]);
  expect(normalizeEmails("msap.chateaumeillant.fr").notes).toHaveLength(1);
  expect(normalizeUrl(" www.cma.nc ").value).toBe("https://www.cma.nc");
  expect(normalizeUrl("numeriquepourtous.nc").value).toBe("https://numeriquepourtous.nc");
  expect(normalizeUrl("htpps://www.facebook.com/PIJ-Tuo").value).toBe("https://www.facebook.com/PIJ-Tuo");
  expect(normalizeUrl("NEANT").value).toBeUndefined();
  expect(normalizeUrl("raymond@gmail.com").notes[0]).toContain("adresse électronique");
  expect(normalizeUrls("https://www.feracci.org/ (refonte en-cours)").values).toEqual(["https://www.feracci.org/"]);
  expect(normalizeUrls("https://a.fr/, https://b.fr/x,").values).toEqual(["https://a.fr/", "https://b.fr/x"]);
});
