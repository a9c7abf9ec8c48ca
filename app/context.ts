import { createContext, type RouterContext } from "react-router";
import type { Database } from "~/db/client.server";
import type { Env } from "./lib/env";

/** What every loader and action receives from the server: the database and the configuration. */
export type AppContext = {
  database: Database;
  env: Env;
  /** The client's address (behind a local proxy, from X-Forwarded-For): for rate limits only, never stored or logged as is. */
  clientAddress: string;
};

/**
 * One context key shared by the server (which loads this file from source) and the
 * built application (which bundles its own copy): kept on globalThis.
 */
const key = Symbol.for("reseau-epn.app-context");
const registry = globalThis as unknown as Record<symbol, RouterContext<AppContext> | undefined>;
export const appContext: RouterContext<AppContext> = (registry[key] ??= createContext<AppContext>());
