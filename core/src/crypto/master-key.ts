import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { SecretBox } from "./secret-box.ts";

const KEY_FILE = "master.key";
/** The key a rotation is moving to, written before any secret is sealed with it. */
const NEXT_KEY_FILE = "master.key.next";

export interface LoadedMasterKey {
  box: SecretBox;
  source: "environment" | "file" | "generated";
  /** A rotation of the key file was interrupted: `master.key.next` is still there (and opens secrets). */
  rotationPending: boolean;
}

/**
 * The master key comes from configuration (`MASTER_KEY`, with `MASTER_KEY_PREVIOUS` opening
 * secrets sealed before a rotation). The embedded default has no configuration, so on first run
 * it generates one into the data folder, readable by the owner only; losing that file means
 * re-entering every secret, which the README says.
 */
export function loadMasterKey(options: {
  encodedKey?: string | undefined;
  previousKeys?: readonly string[];
  dataDir: string;
}): LoadedMasterKey {
  if (options.encodedKey) {
    return {
      box: SecretBox.fromEncodedKey(options.encodedKey, options.previousKeys ?? []),
      source: "environment",
      rotationPending: false,
    };
  }
  const path = join(options.dataDir, KEY_FILE);
  const current = readKeyFile(path);
  const next = readKeyFile(join(options.dataDir, NEXT_KEY_FILE));
  if (current !== null) {
    // Mid-rotation some secrets may already be sealed with the next key: it opens them too.
    const box = SecretBox.fromEncodedKey(current, next ? [next] : []);
    return { box, source: "file", rotationPending: next !== null };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const key = SecretBox.generateKey();
  writeFileSync(path, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(path, 0o600);
  return { box: new SecretBox(key), source: "generated", rotationPending: false };
}

/**
 * First step of rotating the key file: the key to move to, written and flushed to
 * `master.key.next` before anything is sealed with it. An interrupted rotation resumes with the
 * same next key, so nothing sealed by the first attempt is lost. Returns a box that seals with
 * the next key and opens with both.
 */
export function prepareNextMasterKey(dataDir: string): SecretBox {
  const current = readKeyFile(join(dataDir, KEY_FILE));
  if (current === null) throw new Error(`no ${KEY_FILE} in ${dataDir} to rotate`);
  const nextPath = join(dataDir, NEXT_KEY_FILE);
  let next = readKeyFile(nextPath);
  if (next === null) {
    next = SecretBox.generateKey().toString("hex");
    writeDurably(nextPath, `${next}\n`);
  }
  return SecretBox.fromEncodedKey(next, [current]);
}

/** Last step, once every secret is sealed with the next key: it becomes the key, the old one is gone. */
export function commitNextMasterKey(dataDir: string): void {
  // A rename within one folder is atomic: at any instant `master.key` is the old key or the new.
  renameSync(join(dataDir, NEXT_KEY_FILE), join(dataDir, KEY_FILE));
  syncFolder(dataDir);
}

function readKeyFile(path: string): string | null {
  return existsSync(path) ? readFileSync(path, "utf8").trim() : null;
}

function writeDurably(path: string, content: string): void {
  const fd = openSync(path, "wx", 0o600);
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(path, 0o600);
  syncFolder(join(path, ".."));
}

function syncFolder(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
