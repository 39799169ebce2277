import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const pluginDir = fileURLToPath(new URL("../wordpress-plugin/", import.meta.url));
const DOMAIN = "alma-suite";

/** The plugin's PHP files, without its tests. */
function phpFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? entry.name === "tests"
          ? []
          : walk(join(dir, entry.name))
        : entry.name.endsWith(".php")
          ? [join(dir, entry.name)]
          : [],
    );
  return walk(pluginDir);
}

const unquote = (literal: string) => literal.replace(/\\(['\\])/g, "$1");

/** Every string given to a WordPress translation function, with the text domain it names. */
function translatedCalls(): { text: string; domain: string | null; file: string }[] {
  const call =
    /\b(?:__|_e|esc_html__|esc_attr__|esc_html_e|esc_attr_e)\(\s*'((?:[^'\\]|\\.)*)'\s*(?:,\s*'((?:[^'\\]|\\.)*)'\s*)?\)/g;
  return phpFiles().flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(call)].map((m) => ({
      text: unquote(m[1] ?? ""),
      domain: m[2] === undefined ? null : unquote(m[2]),
      file,
    })),
  );
}

/** The plugin header fields WordPress translates with the plugin's text domain. */
function headerStrings(): string[] {
  const main = readFileSync(join(pluginDir, "alma-suite-woocommerce.php"), "utf8");
  return ["Plugin Name", "Description"].map(
    (field) => new RegExp(`^ \\* ${field}:\\s+(.+)$`, "m").exec(main)?.[1]?.trim() ?? "",
  );
}

/** msgid → msgstr of a .po or .pot file (the header entry left out). */
function readPo(file: string): Map<string, string> {
  const text = readFileSync(join(pluginDir, "languages", file), "utf8");
  const unquoteC = (s: string) => JSON.parse(`"${s}"`) as string;
  const joined = (block: string, key: string) => {
    const m = new RegExp(`^${key} ("(?:[^"\\\\]|\\\\.)*")((?:\\n"(?:[^"\\\\]|\\\\.)*")*)`, "m").exec(block);
    if (!m) return null;
    return [m[1], ...(m[2] ?? "").split("\n").filter(Boolean)]
      .map((q) => unquoteC((q ?? "").slice(1, -1)))
      .join("");
  };
  const entries = new Map<string, string>();
  for (const block of text.split(/\n\s*\n/)) {
    const id = joined(block, "msgid");
    const str = joined(block, "msgstr");
    if (id === null || str === null || id === "") continue;
    entries.set(id, str);
  }
  return entries;
}

/** msgid → msgstr of a compiled .mo file (GNU gettext's binary format, little-endian). */
function readMo(file: string): Map<string, string> {
  const data = readFileSync(join(pluginDir, "languages", file));
  expect(data.readUInt32LE(0)).toBe(0x950412de);
  const count = data.readUInt32LE(8);
  const originals = data.readUInt32LE(12);
  const translations = data.readUInt32LE(16);
  const at = (table: number, i: number) => {
    const length = data.readUInt32LE(table + i * 8);
    const offset = data.readUInt32LE(table + i * 8 + 4);
    return data.subarray(offset, offset + length).toString("utf8");
  };
  const entries = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const id = at(originals, i);
    if (id !== "") entries.set(id, at(translations, i));
  }
  return entries;
}

const placeholders = (text: string) => (text.match(/%[sd]/g) ?? []).sort();

describe("the WordPress gateway's translations", () => {
  it("puts every visible string through a translation function with the alma-suite text domain", () => {
    const calls = translatedCalls();
    expect(calls.length).toBeGreaterThanOrEqual(20);
    for (const call of calls)
      expect({ text: call.text, domain: call.domain }).toEqual({ text: call.text, domain: DOMAIN });
    // Settings labels, notices and errors never take a bare literal.
    for (const file of phpFiles()) {
      const source = readFileSync(file, "utf8");
      expect(source, file).not.toMatch(/'(?:title|label|description)'\s*=>\s*'/);
      expect(source, file).not.toMatch(/wc_add_notice\(\s*'/);
      expect(source, file).not.toMatch(/new WP_Error\(\s*'[^']*',\s*'/);
      expect(source, file).not.toMatch(/sprintf\(\s*'/);
    }
  });

  it("has a .pot template holding exactly the plugin's strings", () => {
    const pot = readPo("alma-suite.pot");
    const expected = new Set([...translatedCalls().map((c) => c.text), ...headerStrings()]);
    expect([...pot.keys()].sort()).toEqual([...expected].sort());
    for (const text of pot.values()) expect(text).toBe("");
  });

  it("translates every string into French, keeping the placeholders", () => {
    const pot = readPo("alma-suite.pot");
    const po = readPo("alma-suite-fr_FR.po");
    expect([...po.keys()].sort()).toEqual([...pot.keys()].sort());
    for (const [id, text] of po) {
      expect(text, id).not.toBe("");
      expect(placeholders(text), id).toEqual(placeholders(id));
    }
    expect(po.get("Pay in instalments with Alma")).toBe("Payer en plusieurs fois avec Alma");
  });

  it("ships a compiled .mo that matches the .po", () => {
    const po = readPo("alma-suite-fr_FR.po");
    const mo = readMo("alma-suite-fr_FR.mo");
    expect(Object.fromEntries(mo)).toEqual(Object.fromEntries(po));
  });
});
