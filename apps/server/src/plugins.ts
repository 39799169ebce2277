import { readFileSync } from "node:fs";
import type { PlatformPlugin, PluginDeps } from "@alma-suite/core";
import type { Request, Router } from "express";

/** A plugin as the server composes it: core's contract with Express routers and requests. */
// biome-ignore lint/suspicious/noExplicitAny: each plugin's configuration type is its own; the server only passes it back to the plugin.
export type ServerPlugin = PlatformPlugin<any, PluginDeps, Router, Request>;

/**
 * The plugins this server registers: the packages listed under `alma-suite.plugins` in its
 * package.json, each exporting `plugin` from its `./plugin` entry. The server names no platform;
 * adding one is adding its package there (docs/adding-a-platform.md). Only each plugin's light
 * description is imported here; its code loads when the platform is in use.
 */
export async function registeredPlugins(
  packages: readonly string[] = listedPackages(),
): Promise<ServerPlugin[]> {
  const plugins: ServerPlugin[] = [];
  for (const name of packages) {
    const module = (await import(`${name}/plugin`)) as { plugin?: ServerPlugin };
    if (!isPlugin(module.plugin))
      throw new Error(`${name}/plugin does not export a platform plugin named \`plugin\``);
    plugins.push(module.plugin);
  }
  return checkedPlugins(plugins);
}

/** Refuses two plugins claiming one platform or one mount path, and names no URL can carry. */
export function checkedPlugins(plugins: ServerPlugin[]): ServerPlugin[] {
  const seen = new Set<string>();
  for (const plugin of plugins) {
    if (!/^[a-z][a-z0-9-]{0,63}$/.test(plugin.name))
      throw new Error(`plugin name "${plugin.name}" must be lowercase letters, digits and dashes`);
    if (!/^\/[a-z0-9-]+$/.test(plugin.mountPath))
      throw new Error(`plugin ${plugin.name}: mountPath "${plugin.mountPath}" must be one path segment`);
    for (const key of [`name:${plugin.name}`, `path:${plugin.mountPath}`]) {
      if (seen.has(key)) throw new Error(`two plugins share the ${key.replace(":", " ")}`);
      seen.add(key);
    }
  }
  return plugins;
}

function listedPackages(): string[] {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    "alma-suite"?: { plugins?: unknown };
  };
  const list = manifest["alma-suite"]?.plugins;
  if (!Array.isArray(list) || !list.every((entry) => typeof entry === "string"))
    throw new Error('package.json: "alma-suite.plugins" must list plugin packages');
  return list;
}

function isPlugin(value: unknown): value is ServerPlugin {
  if (typeof value !== "object" || value === null) return false;
  const plugin = value as Partial<ServerPlugin>;
  return (
    typeof plugin.name === "string" &&
    typeof plugin.mountPath === "string" &&
    typeof plugin.create === "function" &&
    typeof plugin.configSchema?.safeParse === "function"
  );
}
