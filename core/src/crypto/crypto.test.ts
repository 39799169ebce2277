import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { constantTimeEqual } from "./constant-time-equal.ts";
import { maskSecret, maskSecrets } from "./mask.ts";
import { commitNextMasterKey, loadMasterKey, prepareNextMasterKey } from "./master-key.ts";
import { SecretBox } from "./secret-box.ts";

describe("SecretBox", () => {
  const box = new SecretBox(SecretBox.generateKey());
  it("seals and opens, with a fresh IV each time", () => {
    const a = box.seal("sk_test_1234567890abcdef");
    const b = box.seal("sk_test_1234567890abcdef");
    expect(a).not.toBe(b);
    expect(a).not.toContain("1234567890");
    expect(box.open(a)).toBe("sk_test_1234567890abcdef");
  });
  it("refuses a tampered value or another key", () => {
    const sealed = box.seal("secret");
    const parts = sealed.split(".");
    parts[3] = Buffer.from("SECRET").toString("base64url");
    expect(() => box.open(parts.join("."))).toThrow(/could not be opened/);
    expect(() => new SecretBox(SecretBox.generateKey()).open(sealed)).toThrow(/could not be opened/);
    expect(() => box.open("plain")).toThrow(/not a sealed secret/);
  });
  it("seals with the current key and opens with previous ones too (a rotation in progress)", () => {
    const oldKey = SecretBox.generateKey();
    const newKey = SecretBox.generateKey();
    const sealedBefore = new SecretBox(oldKey).seal("sk_live_old");
    const rotating = new SecretBox(newKey, [oldKey]);
    expect(rotating.open(sealedBefore)).toBe("sk_live_old");
    const sealedNow = rotating.seal("sk_live_new");
    expect(new SecretBox(newKey).open(sealedNow)).toBe("sk_live_new");
    expect(() => new SecretBox(oldKey).open(sealedNow)).toThrow(/could not be opened/);
    expect(() => new SecretBox(newKey).open(sealedBefore)).toThrow(/could not be opened/);
    expect(() => new SecretBox(newKey, [Buffer.alloc(16)])).toThrow(/32-byte/);
  });
  it("reads hex and base64 master keys and refuses short ones", () => {
    const key = SecretBox.generateKey();
    const sealed = new SecretBox(key).seal("x");
    expect(SecretBox.fromEncodedKey(key.toString("hex")).open(sealed)).toBe("x");
    expect(SecretBox.fromEncodedKey(key.toString("base64")).open(sealed)).toBe("x");
    expect(() => SecretBox.fromEncodedKey("abcd")).toThrow(/32 bytes/);
  });
});

describe("loadMasterKey", () => {
  it("generates a 0600 key file on first run and reuses it", () => {
    const dir = mkdtempSync(join(tmpdir(), "alma-key-"));
    const first = loadMasterKey({ dataDir: dir });
    expect(first.source).toBe("generated");
    expect(statSync(join(dir, "master.key")).mode & 0o777).toBe(0o600);
    const sealed = first.box.seal("token");
    const second = loadMasterKey({ dataDir: dir });
    expect(second.source).toBe("file");
    expect(second.box.open(sealed)).toBe("token");
    expect(readFileSync(join(dir, "master.key"), "utf8").trim()).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("rotating the key file", () => {
  it("writes the next key first, opens with both while secrets move, then replaces the key", () => {
    const dir = mkdtempSync(join(tmpdir(), "alma-key-"));
    const first = loadMasterKey({ dataDir: dir });
    const oldSealed = first.box.seal("sk_live_old");
    const oldKeyText = readFileSync(join(dir, "master.key"), "utf8");

    const next = prepareNextMasterKey(dir);
    expect(statSync(join(dir, "master.key.next")).mode & 0o777).toBe(0o600);
    expect(next.open(oldSealed)).toBe("sk_live_old");
    const newSealed = next.seal("sk_live_new");
    // Interrupted here: a restart still reads both, and says a rotation is pending.
    const midway = loadMasterKey({ dataDir: dir });
    expect(midway.rotationPending).toBe(true);
    expect(midway.box.open(newSealed)).toBe("sk_live_new");
    expect(midway.box.open(oldSealed)).toBe("sk_live_old");
    // Running it again resumes with the same next key, so what the first run sealed stays readable.
    expect(prepareNextMasterKey(dir).open(newSealed)).toBe("sk_live_new");

    commitNextMasterKey(dir);
    expect(existsSync(join(dir, "master.key.next"))).toBe(false);
    expect(readFileSync(join(dir, "master.key"), "utf8")).not.toBe(oldKeyText);
    const after = loadMasterKey({ dataDir: dir });
    expect(after).toMatchObject({ source: "file", rotationPending: false });
    expect(after.box.open(newSealed)).toBe("sk_live_new");
    expect(() => after.box.open(oldSealed)).toThrow(/could not be opened/);
  });

  it("takes previous keys from configuration when the key comes from the environment", () => {
    const oldKey = SecretBox.generateKey();
    const sealed = new SecretBox(oldKey).seal("token");
    const loaded = loadMasterKey({
      encodedKey: SecretBox.generateKey().toString("hex"),
      previousKeys: [oldKey.toString("base64")],
      dataDir: "/nonexistent",
    });
    expect(loaded.source).toBe("environment");
    expect(loaded.box.open(sealed)).toBe("token");
    expect(() => prepareNextMasterKey(mkdtempSync(join(tmpdir(), "alma-key-")))).toThrow(/no master.key/);
  });
});

describe("masking", () => {
  it("keeps the prefix and last 4 characters only", () => {
    expect(maskSecret("sk_live_1234567890abcdefXYZW")).toBe("sk_live_****XYZW");
    expect(maskSecret("short")).toBe("****");
  });
  it("masks secret fields and inline keys in log objects", () => {
    const masked = JSON.stringify(
      maskSecrets({
        apiKey: "sk_test_abcdefghijklmnopqrstu",
        nested: { authorization: "Alma-Auth sk_test_abcdefghijklmnopqrstu", amount: 1200 },
        note: "used sk_live_zzzzzzzzzzzzzzzzzzzz1234 today",
      }),
    );
    expect(masked).not.toContain("abcdefghijklmnop");
    expect(masked).not.toContain("zzzzzzzzzzzz");
    expect(masked).toContain("1200");
    expect(masked).toContain("sk_live_****1234");
  });
});

describe("constantTimeEqual", () => {
  it("compares exactly", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });
});
