import type { DatabaseSync, StatementSync } from "node:sqlite";

export interface DocumentMeta {
  /** Whose document it is (a merchant id), for listing and isolation. */
  owner?: string | null;
  /** Sandbox time (unix s) at which the document needs attention again, or null. */
  dueAt?: number | null;
}

export interface ListOptions {
  owner?: string;
  /** Only documents inserted before this one (lists are newest first). */
  beforeId?: string;
  limit?: number;
  filter?: (doc: unknown) => boolean;
}

interface Row {
  seq: number;
  body: string;
}

/**
 * One kind of JSON document in the shared `documents` table. node:sqlite is synchronous, so a
 * read-modify-write inside one request handler cannot interleave with another request.
 */
export class DocumentTable<T> {
  readonly #db: DatabaseSync;
  readonly #kind: string;
  readonly #statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync, kind: string) {
    this.#db = db;
    this.#kind = kind;
  }

  /**
   * Each SQL text compiled once: every request runs several of these (the due-events check before
   * it, then its own reads and writes), and compiling was most of the sandbox's time per call.
   */
  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  get(id: string): T | undefined {
    const row = this.#prepare("SELECT body FROM documents WHERE kind = ? AND id = ?").get(this.#kind, id) as
      | Row
      | undefined;
    return row ? (JSON.parse(row.body) as T) : undefined;
  }

  put(id: string, doc: T, meta: DocumentMeta = {}): void {
    this.#prepare(
      `INSERT INTO documents (kind, id, owner, due_at, body) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (kind, id) DO UPDATE SET owner = excluded.owner, due_at = excluded.due_at, body = excluded.body`,
    ).run(this.#kind, id, meta.owner ?? null, meta.dueAt ?? null, JSON.stringify(doc));
  }

  delete(id: string): void {
    this.#prepare("DELETE FROM documents WHERE kind = ? AND id = ?").run(this.#kind, id);
  }

  /** Newest first, optionally only the ones inserted before `beforeId` (a cursor). */
  list(options: ListOptions = {}): { items: T[]; hasMore: boolean } {
    const clauses = ["kind = ?"];
    const params: (string | number)[] = [this.#kind];
    if (options.owner !== undefined) {
      clauses.push("owner = ?");
      params.push(options.owner);
    }
    if (options.beforeId !== undefined) {
      clauses.push("seq < (SELECT seq FROM documents WHERE kind = ? AND id = ?)");
      params.push(this.#kind, options.beforeId);
    }
    const rows = this.#prepare(
      `SELECT seq, body FROM documents WHERE ${clauses.join(" AND ")} ORDER BY seq DESC`,
    ).all(...params) as unknown as Row[];
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const items: T[] = [];
    let hasMore = false;
    for (const row of rows) {
      const doc = JSON.parse(row.body) as T;
      if (options.filter && !options.filter(doc)) continue;
      if (items.length >= limit) {
        hasMore = true;
        break;
      }
      items.push(doc);
    }
    return { items, hasMore };
  }

  /** Ids of documents whose `dueAt` has come, oldest first. */
  dueIds(now: number): string[] {
    const rows = this.#prepare(
      "SELECT id FROM documents WHERE kind = ? AND due_at IS NOT NULL AND due_at <= ? ORDER BY seq",
    ).all(this.#kind, now) as unknown as { id: string }[];
    return rows.map((row) => row.id);
  }
}
