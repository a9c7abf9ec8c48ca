import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryPrepared, sqlLiteral, type Database } from "~/db/client.server";
import { createTestDatabase } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe("queryPrepared", () => {
  it("gives back exactly the values it was given, quotes and backslashes included", async () => {
    for (const text of ["it's", "a\\b", "é'\"; drop table places; --", "", "\\'", "deux\nlignes"]) {
      for (let run = 0; run < 2; run++) {
        const [row] = await queryPrepared(database.db, sql`select ${text}::text as text, ${1.5}::float8 + 1 as sum, ${-61.05}::float8 as negative, ${true}::boolean as yes`);
        expect(row).toEqual({ text, sum: 2.5, negative: -61.05, yes: true });
      }
    }
  });

  it("refuses a value its parameter's type cannot read, as a plain query does", async () => {
    await expect(queryPrepared(database.db, sql`select ${1.5}::int as n`)).rejects.toThrow(/integer/);
    const [row] = await queryPrepared(database.db, sql`select ${"7"}::int as n`);
    expect(row.n).toBe(7);
  });

  it("prepares a statement once when it is first asked for several times at once", async () => {
    // This statement's own count: another test may have filled the cache, which then lets an old one go.
    const prepared = async () => Number((await database.query<{ n: number | string }>("select count(*) as n from pg_prepared_statements where statement like '%once at once%'"))[0].n);
    expect(await prepared()).toBe(0);
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => queryPrepared(database.db, sql`select ${i}::int * 2 as twice, 'once at once' as label`)));
    expect(answers.map(([row]) => row.twice)).toEqual([0, 2, 4, 6, 8]);
    // postgres.js keeps statements per connection (several may run at once); PGlite has one session.
    if (database.kind === "pglite") expect(await prepared()).toBe(1);
  });

  it("keeps answering when more statements than it keeps prepared come and go", async () => {
    for (let i = 0; i < 150; i++) {
      const [row] = await queryPrepared(database.db, sql`select ${i}::int + ${sql.raw(String(i % 90))} as n`);
      expect(row.n).toBe(i + (i % 90));
    }
  });
});

describe("sqlLiteral", () => {
  it("quotes every value, doubles quotes, refuses what it cannot write", () => {
    expect(sqlLiteral("l'EPN")).toBe("'l''EPN'");
    expect(sqlLiteral(-1.5e-9)).toBe("'-1.5e-9'");
    expect(sqlLiteral(null)).toBe("null");
    expect(() => sqlLiteral(Number.NaN)).toThrow(RangeError);
    expect(() => sqlLiteral({})).toThrow(TypeError);
  });
});
