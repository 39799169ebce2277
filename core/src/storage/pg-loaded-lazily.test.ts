import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const STORAGE = fileURLToPath(new URL("./index.ts", import.meta.url));

/** In a fresh Node: whether pg's modules are loaded after opening SQLite, then after making a PostgreSQL storage. */
const script = `
import { createRequire } from "node:module";
const { PostgresStorage, SqliteStorage } = await import(${JSON.stringify(STORAGE)});
const { SecretBox } = await import(${JSON.stringify(fileURLToPath(new URL("../crypto/secret-box.ts", import.meta.url)))});
const pgLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((p) => /[\\\\/]node_modules[\\\\/]pg[\\\\/]/.test(p));
const secretBox = new SecretBox(SecretBox.generateKey());
const sqlite = new SqliteStorage({ path: ":memory:", secretBox });
await sqlite.migrate();
const afterSqlite = pgLoaded();
const pg = new PostgresStorage({ connectionString: "postgres://nobody@127.0.0.1:1/none", secretBox });
const afterPostgres = pgLoaded();
await pg.close();
await sqlite.close();
console.log(JSON.stringify({ afterSqlite, afterPostgres }));
`;

describe("the pg driver", () => {
  it("is loaded only when a PostgreSQL storage is made, not by a server on SQLite", () => {
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ afterSqlite: false, afterPostgres: true });
  });
});
