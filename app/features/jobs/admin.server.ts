/**
 * The platform admin's view of the queue (/gestion/taches): what waits, per kind, and the
 * failed jobs, with "Relancer" (audited). Jobs hold ids and error codes, no personal data.
 */
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { recordAudit } from "~/features/audit/record.server";
import { fr } from "~/lib/messages";
import { countWaitingJobs, listFailedJobs, retryFailedJob } from "./queue.server";

const m = fr.jobs;

export async function getJobsOverview(db: Db) {
  const [waiting, failed] = await Promise.all([countWaitingJobs(db), listFailedJobs(db, 100)]);
  return {
    waiting: waiting.map((w) => ({ ...w, nextRunAt: w.nextRunAt ? w.nextRunAt.toISOString() : null })),
    failed: failed.map((f) => ({ ...f, createdAt: f.createdAt.toISOString(), finishedAt: f.finishedAt ? f.finishedAt.toISOString() : null })),
  };
}

const retryFormSchema = z.object({
  intent: z.literal("retry", { error: fr.errors.badRequest }),
  tache: z.uuid({ error: m.notFound }),
});

export type RetryAnswer = { notice: string | null; error: string | null; status: 200 | 400 | 404 };

export async function retryJobFromForm(db: Db, form: FormData, actorUserId: string): Promise<RetryAnswer> {
  const parsed = retryFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { notice: null, error: parsed.error.issues[0]!.message, status: 400 };
  const jobId = parsed.data.tache;
  const outcome = await db.transaction(async (tx) => {
    const result = await retryFailedJob(tx, jobId);
    if (result === "retried") await recordAudit(tx, { actorUserId, action: "job.retry", entityType: "job", entityId: jobId });
    return result;
  });
  if (outcome === "not-found") return { notice: null, error: m.notFound, status: 404 };
  return { notice: m.retried, error: null, status: 200 };
}
