import { describe, expect, it } from "vitest";
import { eurosField, formatEuros, readEuros } from "./money";

describe("money", () => {
  it("reads what people type", () => {
    expect(readEuros("2")).toBe(200);
    expect(readEuros("2,5")).toBe(250);
    expect(readEuros(" 2.50 € ")).toBe(250);
    expect(readEuros("1 200,05")).toBe(120_005);
    expect(readEuros("0,05")).toBe(5);
    for (const bad of ["", "abc", "2,505", "-3", "1e3", "2,"]) expect(readEuros(bad)).toBeUndefined();
    expect(readEuros("10001", 1_000_000)).toBeUndefined();
  });
  it("writes amounts the French way", () => {
    expect(formatEuros(121_250)).toBe("1\u202f212,50\u00a0€");
    expect(formatEuros(-300)).toBe("−3,00\u00a0€");
    expect(formatEuros(5)).toBe("0,05\u00a0€");
    expect(eurosField(300)).toBe("3");
    expect(eurosField(250)).toBe("2,50");
  });
});
