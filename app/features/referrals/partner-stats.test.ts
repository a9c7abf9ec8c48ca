import { describe, expect, it } from "vitest";
import { delayWords } from "./partner-stats";

describe("delayWords", () => {
  it("says the delay in hours under two days, in days after, and a dash when nothing was answered", () => {
    expect(delayWords(null)).toBe("—");
    expect(delayWords(0)).toBe("moins d'une heure");
    expect(delayWords(3599)).toBe("moins d'une heure");
    expect(delayWords(3600)).toBe("1 heure");
    expect(delayWords(5.4 * 3600)).toBe("5 heures");
    expect(delayWords(47.4 * 3600)).toBe("47 heures");
    expect(delayWords(47.6 * 3600)).toBe("2 jours");
    expect(delayWords(3.6 * 86_400)).toBe("4 jours");
  });
});
