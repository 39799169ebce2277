import type { PluginHomeLink } from "@alma-suite/core";

/**
 * `GET /` for a person: where to go next, with the links the served plugins declare. Machines
 * asking for JSON keep the JSON index.
 */
export function homePage(options: {
  demo: boolean;
  plugins: readonly { mountPath: string; homeLinks?: readonly PluginHomeLink[] | undefined }[];
}): string {
  const links = options.plugins
    .flatMap((plugin) =>
      (plugin.homeLinks ?? []).map(
        (link) =>
          `<li><a href="${escapeHtml(`${plugin.mountPath}${link.path}`)}">${escapeHtml(link.label)}</a>${link.note ? ` ${escapeHtml(link.note)}` : ""}.</li>\n`,
      ),
    )
    .join("");
  const demo = options.demo
    ? `<li><a href="/demo">Demo store</a>: buy something, pay in 3 instalments on the local Alma sandbox, refund it.</li>`
    : "";
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>alma-suite</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}:focus-visible{outline:3px solid #fa5022}</style></head>
<body>
<main>
<h1>alma-suite is running</h1>
<ul>
${demo}
<li><a href="/dashboard/">Dashboard</a>: payments, refunds, jobs and webhook deliveries (sign in with the admin token).</li>
${links}<li><a href="/healthz">Health</a> and <a href="/metrics">metrics</a>.</li>
</ul>
</main>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
