import type { SqlExecutor } from "./sql/sql-executor.ts";
import { SqlStorageHandle } from "./sql/sql-storage-handle.ts";
import type { StorageTransaction } from "./storage.ts";

// A subclass may read the protected context of a handle; this keeps `ctx` off the public surface.
class ExecutorAccess extends SqlStorageHandle {
  static of(handle: SqlStorageHandle): SqlExecutor {
    return (handle as ExecutorAccess).ctx.exec;
  }
}

/**
 * The SQL executor behind a storage or a `transaction(fn)` handle, for a plugin that keeps tables of
 * its own: its statements then share core's connection, so they commit or roll
 * back together with core's writes and jobs. Such a plugin owns its tables and its migrations and
 * never writes core's tables through this.
 */
export function sqlExecutorOf(handle: StorageTransaction): SqlExecutor {
  if (!(handle instanceof SqlStorageHandle)) throw new TypeError("this storage is not SQL-backed");
  return ExecutorAccess.of(handle);
}
