import { describe, expect, it } from "vitest";
import { fr } from "~/lib/messages";
import { parseStatisticsQuery, readDate, statisticsQueryString } from "./stats-filters";

const e = fr.statistics.errors;
const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";
const M = "33333333-3333-4333-8333-333333333333";
const scope = { places: [A, B], mediators: [M], today: "2026-03-15" };
const parse = (query: string) => parseStatisticsQuery(new URLSearchParams(query), scope);

describe("readDate", () => {
  it("reads the French way and ISO dates, and nothing else", () => {
    expect(readDate("31/12/2025")).toBe("2025-12-31");
    expect(readDate("1/3/2025")).toBe("2025-03-01");
    expect(readDate("2025-12-31")).toBe("2025-12-31");
    expect(readDate("31/02/2025")).toBeNull();
    expect(readDate("2025-13-01")).toBeNull();
    expect(readDate("hier")).toBeNull();
  });
});

describe("parseStatisticsQuery", () => {
  it("defaults to this year up to today, every place of the page, no other filter", () => {
    const parsed = parse("");
    expect(parsed).toMatchObject({ ok: true, filters: { from: "2026-01-01", to: "2026-03-15", placeIds: [A, B] } });
    if (parsed.ok) expect(Object.keys(parsed.filters).sort()).toEqual(["from", "placeIds", "to"]);
  });

  it("keeps the places, mediators, kinds and themes chosen, each once", () => {
    const parsed = parse(`du=01/01/2025&au=2025-06-30&lieu=${B}&lieu=${B}&mediateur=${M}&type=collectif&theme=Email&theme=Sante`);
    expect(parsed).toMatchObject({
      ok: true,
      filters: { from: "2025-01-01", to: "2025-06-30", placeIds: [B], mediatorIds: [M], kinds: ["collectif"], themes: ["Email", "Sante"] },
      values: { du: "2025-01-01", au: "2025-06-30" },
    });
  });

  it("says in French what is wrong, field by field", () => {
    expect(parse("du=32/01/2025")).toMatchObject({ ok: false, errors: { du: e.date } });
    expect(parse("du=2025-06-01&au=2025-05-01")).toMatchObject({ ok: false, errors: { au: e.order } });
    expect(parse("du=2015-01-01&au=2025-01-01")).toMatchObject({ ok: false, errors: { au: e.span } });
    expect(parse(`lieu=${M}`)).toMatchObject({ ok: false, errors: { lieu: e.place } });
    expect(parse("lieu=pas-un-identifiant")).toMatchObject({ ok: false, errors: { lieu: e.place } });
    expect(parse(`mediateur=${A}`)).toMatchObject({ ok: false, errors: { mediateur: e.mediator } });
    expect(parse("type=demarche")).toMatchObject({ ok: false, errors: { type: e.choice } });
    expect(parse("theme=Astrologie")).toMatchObject({ ok: false, errors: { theme: e.choice } });
  });

  it("shows the form back as it was typed when it is refused", () => {
    const parsed = parse("du=hier&type=collectif&theme=Email");
    expect(parsed.values).toMatchObject({ du: "hier", type: ["collectif"], theme: ["Email"] });
  });
});

describe("statisticsQueryString", () => {
  it("writes the filters back as a link", () => {
    expect(statisticsQueryString({ du: "2025-01-01", au: "2025-12-31", mediateur: [M], theme: ["Email"] })).toBe(`?du=2025-01-01&au=2025-12-31&mediateur=${M}&theme=Email`);
    expect(statisticsQueryString({})).toBe("");
  });
});
