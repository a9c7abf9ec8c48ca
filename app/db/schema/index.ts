/** The database schema, one file per area. drizzle-kit reads this index. */
export * from "./places";
export * from "./reports";
export * from "./platform";
export * from "./accounts";
export * from "./jobs";
export * from "./scheduling";
export * from "./workshops";
export * from "./people";
export * from "./mediation";
export * from "./sales";
export * from "./partners";
export * from "./referrals";
export * from "./calls";
