/**
 * The in-process worker, one per process (server.ts starts it): ensures the recurring jobs, then
 * runs due jobs one after another, and looks again every `pollMs` when there is none.
 * `stop()` claims nothing more and resolves once the running job has finished.
 */
import type { Db } from "~/db/client.server";
import { logger } from "~/lib/logger";
import { errorCode } from "./error-code";
import { DEFAULT_LEASE_MS, ensureRecurringJobs, runDueJobs, type JobHandlers } from "./queue.server";

export type JobWorker = { stop: () => Promise<void> };

export function startJobWorker(db: Db, options: { handlers: JobHandlers; pollMs?: number; leaseMs?: number }): JobWorker {
  const pollMs = options.pollMs ?? 2_000;
  let stopped = false;
  let wake: (() => void) | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = async () => {
    while (!stopped) {
      try {
        await ensureRecurringJobs(db, options.handlers);
        break;
      } catch (error) {
        logger.error({ event: "jobs.failed", err: errorCode(error) }, "recurring jobs not ensured, trying again");
        await pause(pollMs);
      }
    }
    while (!stopped) {
      let ran = 0;
      try {
        const report = await runDueJobs(db, options.handlers, { limit: 1, leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS });
        ran = report.done + report.retried + report.failed;
      } catch (error) {
        // The database is unreachable or closing: look again later.
        logger.error({ event: "jobs.failed", err: errorCode(error) }, "job worker");
      }
      if (ran === 0 && !stopped) await pause(pollMs);
    }
  };
  const running = loop();

  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
