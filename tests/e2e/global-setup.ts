import type { TestProject } from "vitest/node";
import { startServer, type RunningServer } from "../support/server";

/**
 * One real server (built app, fresh database with the demo data) for every
 * end-to-end file: starting it costs ~15 s. A clean SIGTERM shutdown (exit code 0,
 * database closed) is checked at the end.
 */
let server: RunningServer | undefined;

export async function setup(project: TestProject) {
  server = await startServer();
  project.provide("serverUrl", server.url);
}

export async function teardown() {
  const code = await server?.stop();
  if (code !== 0) throw new Error(`the server did not stop cleanly (exit code ${code}):\n${server?.output().slice(-2000)}`);
}

declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string;
  }
}
