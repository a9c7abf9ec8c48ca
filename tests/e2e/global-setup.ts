import type { TestProject } from "vitest/node";
import { createDemoTemplate, type DemoTemplate } from "../support/demo-template";
import { DEMO_TEMPLATE_VARIABLE, startServer, type RunningServer } from "../support/server";

/**
 * The demo seeded once for the whole run (tests/support/demo-template.ts): every server that
 * starts on the default demo, here or in a test file, gets a copy of it instead of seeding its
 * own (~35 s each). Then one real server (built app, its copy of the demo) for every
 * end-to-end file that needs no server of its own. A clean SIGTERM shutdown (exit code 0,
 * database closed) is checked at the end, and the demo's template removed.
 */
let template: DemoTemplate | undefined;
let server: RunningServer | undefined;

export async function setup(project: TestProject) {
  // As in the test files and their servers (vitest.e2e.config.ts): the demo's days are made in the same zone.
  process.env.TZ = "UTC";
  template = await createDemoTemplate();
  // Inherited by the test files' processes, started after this setup.
  process.env[DEMO_TEMPLATE_VARIABLE] = template.source;
  try {
    server = await startServer();
  } catch (error) {
    await template.remove();
    throw error;
  }
  project.provide("serverUrl", server.url);
}

export async function teardown() {
  try {
    const code = await server?.stop();
    if (code !== 0) throw new Error(`the server did not stop cleanly (exit code ${code}):\n${server?.output().slice(-2000)}`);
  } finally {
    await template?.remove();
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string;
  }
}
