import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * PGlite is single-process: two processes opening the same data directory can
 * corrupt it. Whoever opens it takes this lock file; a second opener is refused
 * with a French message. A lock left by a killed process (its pid is gone) is
 * taken over, so a crash never blocks the next start.
 */
export class DataDirLockedError extends Error {
  constructor(
    public readonly dataDir: string,
    public readonly holder: LockInfo,
  ) {
    super(
      `La base de données intégrée (${dataDir}) est déjà ouverte par un autre processus ` +
        `(${holder.command}, pid ${holder.pid}, depuis ${holder.since}). ` +
        `Une seule application peut l'ouvrir à la fois. Arrêtez ce processus (par exemple le serveur ` +
        `lancé par « npm start », avec Ctrl+C), puis relancez la commande. ` +
        `Autre possibilité : utilisez PostgreSQL avec DATABASE_URL=postgres://…`,
    );
  }
}

type LockInfo = { pid: number; host: string; command: string; since: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireDataDirLock(dataDir: string, command: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "reseau-epn.lock");
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: "wx" });
      return () => {
        try {
          const current = JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
          if (current.pid === process.pid) fs.rmSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder: LockInfo | undefined;
      try {
        holder = JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
      } catch {
        holder = undefined; // unreadable: half-written by a killed process
      }
      if (holder && holder.host === os.hostname() && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      fs.rmSync(file, { force: true }); // stale lock from a dead process
    }
  }
  throw new Error(`Impossible de prendre le verrou ${file}`);
}
