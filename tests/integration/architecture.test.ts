/**
 * docs/architecture.md stays true: it names every feature folder, every route area and every
 * decision, and every file it points a newcomer to exists.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const page = fs.readFileSync(path.join(root, "docs/architecture.md"), "utf8");
const folders = (dir: string) =>
  fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

describe("docs/architecture.md", () => {
  it("has a row for every feature folder, and none for a folder that is gone", () => {
    const rows = [...page.matchAll(/^\| `features\/([a-z-]+)\/` \|/gm)].map((m) => m[1]);
    expect(rows.sort()).toEqual(folders("app/features").sort());
  });

  it("names every route area", () => {
    for (const area of folders("app/routes")) expect(page).toMatch(new RegExp(`^ {4}${area}/ `, "m"));
  });

  it("points only to files that exist", () => {
    for (const m of page.matchAll(/^\| `features\/([a-z-]+)\/` \|[^|]*\| ([^|]*) \|$/gm)) {
      for (const file of m[2]!.matchAll(/`([^`]+)`/g)) expect(fs.existsSync(path.join(root, "app/features", m[1]!, file[1]!)), `${m[1]}/${file[1]}`).toBe(true);
    }
  });

  it("each decision it cites exists", () => {
    const decisions = fs.readdirSync(path.join(root, "docs/decisions"));
    for (const m of page.matchAll(/decisions\/(\d{3})/g)) expect(decisions.some((d) => d.startsWith(m[1]!)), m[0]).toBe(true);
  });
});
