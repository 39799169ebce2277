import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { commitNextMasterKey, prepareNextMasterKey, SecretBox } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";
import type { ServerConfig } from "../config/load-config.ts";
import { INSTANCE_ALIVE_MS } from "../instances/live-instances.ts";
import { groupUsage } from "./cli-commands.ts";
import type { CliIo } from "./cli-io.ts";
import { openConfiguredStorage } from "./open-configured-storage.ts";

/**
 * Rotating the master key that seals every tenant's secrets. With the embedded key file the whole
 * rotation is one command; with `MASTER_KEY` the deployment changes its environment and this only
 * seals the secrets again. Either way no secret is ever unreadable in between: the new key is
 * on disk (or in the environment) before anything is sealed with it, and the old one opens
 * whatever is not moved yet.
 */
export async function masterKeyCommand(config: ServerConfig, args: string[], io: CliIo): Promise<number> {
  const [action] = args;
  switch (action) {
    case "generate":
      io.out(SecretBox.generateKey().toString("hex"));
      return 0;
    case "rotate":
      return rotateKeyFile(config, io);
    case "reseal":
      return resealWithConfiguredKey(config, io);
    default:
      return io.fail(`unknown master-key action "${action ?? ""}"\n${groupUsage("master-key")}`);
  }
}

async function rotateKeyFile(config: ServerConfig, io: CliIo): Promise<number> {
  if (config.masterKey)
    return io.fail(
      "MASTER_KEY comes from the environment: set the new key there, with the old one in MASTER_KEY_PREVIOUS, then run `alma-suite master-key reseal` (docs/operations.md, rotating the master key)",
    );
  const keyPath = join(config.dataDir, "master.key");
  if (!existsSync(keyPath)) return io.fail(`no master key at ${keyPath}: nothing to rotate`);
  // A running server holds the old key only and could not open what is sealed with the new one.
  const running = await withStorage(config, undefined, (storage) =>
    storage.countLiveInstances(INSTANCE_ALIVE_MS),
  );
  if (running > 0)
    return io.fail(
      `${running} server instance(s) used this database in the last ${INSTANCE_ALIVE_MS / 1000} s: stop them, then run this again`,
    );

  const next = prepareNextMasterKey(config.dataDir);
  const { report, startedMeanwhile } = await withStorage(config, next, async (storage) => ({
    report: await storage.resealSecrets(),
    // A server that started meanwhile seals with the old key, which goes away with the rename.
    startedMeanwhile: await storage.countLiveInstances(INSTANCE_ALIVE_MS),
  }));
  if (startedMeanwhile > 0)
    return io.fail(
      `${startedMeanwhile} server instance(s) started during the rotation: stop them, then run this again (it resumes with the same new key)`,
    );
  // Backups taken before now open only with the old key: it is set aside, not destroyed.
  const retired = `${keyPath}.retired-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  copyFileSync(keyPath, retired);
  commitNextMasterKey(config.dataDir);
  io.out(`master key rotated: ${report.resealed} secret(s) sealed with the new ${keyPath}`);
  io.out(
    `  the old key is in ${retired}: database backups made before now need it. Keep it with those backups, away from this machine, or delete it.`,
  );
  return reportUnreadable(report.unreadable, io);
}

async function resealWithConfiguredKey(config: ServerConfig, io: CliIo): Promise<number> {
  if (!config.masterKey)
    return io.fail(
      "MASTER_KEY is not set: the embedded key file is rotated with `alma-suite master-key rotate`",
    );
  const report = await withStorage(config, undefined, (storage) => storage.resealSecrets());
  io.out(`${report.resealed} secret(s) sealed with MASTER_KEY`);
  if (report.unreadable.length === 0 && config.previousMasterKeys.length > 0)
    io.out(
      "  every secret is sealed with MASTER_KEY: remove MASTER_KEY_PREVIOUS from every instance in a day (what plugins sealed themselves, such as stored Idempotency-Key answers kept 24 h, still needs it).",
    );
  return reportUnreadable(report.unreadable, io);
}

function reportUnreadable(unreadable: { tenantId: string; name: string }[], io: CliIo): number {
  if (unreadable.length === 0) return 0;
  for (const { tenantId, name } of unreadable) {
    io.out(
      `  tenant ${tenantId}, secret ${name}: no key opens it; set it again with \`alma-suite tenants rotate-secret ${tenantId} ${name}\``,
    );
  }
  return io.fail(`${unreadable.length} secret(s) could not be opened with any key and were left as they are`);
}

/** The configured storage, migrated, sealing with `secretBox` (the configured key when undefined). */
async function withStorage<T>(
  config: ServerConfig,
  secretBox: SecretBox | undefined,
  work: (storage: Storage) => Promise<T>,
): Promise<T> {
  const storage = await openConfiguredStorage(config, secretBox);
  try {
    await storage.migrate();
    return await work(storage);
  } finally {
    await storage.close();
  }
}
