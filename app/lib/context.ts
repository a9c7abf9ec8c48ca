import { createContext } from "react-router";
import type { Database } from "~/db/client.server";
import type { Env } from "./env";

/** What every loader and action receives from the server: the database and the configuration. */
export type AppContext = { database: Database; env: Env };
export const appContext = createContext<AppContext>();
