import { describe, expect, it } from "vitest";
import { ENUMS } from "~/features/standard/schema";
import { PLACE_SERVICES } from "~/db/schema";

describe("places schema", () => {
  it("has one nearest-first index per service of the national standard, in its order", () => {
    expect([...PLACE_SERVICES]).toEqual([...ENUMS.services]);
  });
});
