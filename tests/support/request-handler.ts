/**
 * The application's real request handler for integration tests: the React Router server
 * build compiled in memory by Vite (no `npm run build` needed), called with Request objects.
 */
import { createRequestHandler, type ServerBuild } from "react-router";
import { createServer } from "vite";

export type RequestHandler = ReturnType<typeof createRequestHandler>;

export async function compileRequestHandler(): Promise<{ handler: RequestHandler; close: () => Promise<void> }> {
  const vite = await createServer({ configFile: "vite.config.ts", server: { middlewareMode: true, hmr: false, watch: null }, appType: "custom", logLevel: "silent" });
  const build = (await vite.ssrLoadModule("virtual:react-router/server-build")) as ServerBuild;
  return { handler: createRequestHandler(build, "production"), close: () => vite.close() };
}
