import { describe, expect, it } from "vitest";
import { pageWindow } from "./pages";

describe("pageWindow", () => {
  it("keeps the requested page within 1 … pages, one page for an empty list", () => {
    expect(pageWindow(0, 20, 3)).toEqual({ pages: 1, page: 1, offset: 0 });
    expect(pageWindow(41, 20, 2)).toEqual({ pages: 3, page: 2, offset: 20 });
    expect(pageWindow(41, 20, 99)).toEqual({ pages: 3, page: 3, offset: 40 });
    expect(pageWindow(41, 20, -4)).toEqual({ pages: 3, page: 1, offset: 0 });
    expect(pageWindow(41, 20, 1.5)).toEqual({ pages: 3, page: 1, offset: 0 });
    expect(pageWindow(41, 20, Number.NaN)).toEqual({ pages: 3, page: 1, offset: 0 });
    expect(pageWindow(41, 20, undefined)).toEqual({ pages: 3, page: 1, offset: 0 });
  });
});
