import { describe, expect, it } from "vitest";
import { todayIn, todayInFrance } from "~/features/time/today";

describe("todayIn", () => {
  it("is the day the zone's clock shows, not the process's (TZ=UTC here)", () => {
    const now = new Date("2026-11-24T23:30:00Z"); // 00:30 on Wednesday in Paris
    expect(todayIn("Europe/Paris", now)).toBe("2026-11-25");
    expect(todayInFrance(now)).toBe("2026-11-25");
    expect(todayIn("America/Cayenne", now)).toBe("2026-11-24");
    expect(todayIn("America/Martinique", now)).toBe("2026-11-24");
    expect(todayIn("Indian/Reunion", now)).toBe("2026-11-25");
    expect(todayIn("Indian/Mayotte", now)).toBe("2026-11-25");
    expect(todayIn("Pacific/Noumea", now)).toBe("2026-11-25");
    expect(todayIn("Pacific/Tahiti", now)).toBe("2026-11-24");
  });

  it("changes at local midnight, in summer and in winter", () => {
    expect(todayInFrance(new Date("2026-07-13T21:59:59Z"))).toBe("2026-07-13");
    expect(todayInFrance(new Date("2026-07-13T22:00:00Z"))).toBe("2026-07-14");
    expect(todayInFrance(new Date("2026-12-31T22:59:59Z"))).toBe("2026-12-31");
    expect(todayInFrance(new Date("2026-12-31T23:00:00Z"))).toBe("2027-01-01");
    expect(todayIn("Pacific/Noumea", new Date("2026-12-31T13:00:00Z"))).toBe("2027-01-01");
  });
});
