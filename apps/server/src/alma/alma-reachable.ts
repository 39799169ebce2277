import { deadline } from "@alma-suite/core";

/**
 * Readiness only needs to know that Alma answers HTTP, not that a key is valid (that is the
 * settings page's job), so the probe is an unauthenticated GET: any HTTP status means
 * reachable, and no merchant's key is spent on probes.
 */
export async function almaReachable(baseUrl: string, timeoutMs = 3000): Promise<void> {
  const timeout = deadline(timeoutMs);
  try {
    const response = await fetch(`${baseUrl}/v1/me`, { signal: timeout.signal });
    await response.body?.cancel();
  } catch (error) {
    throw new Error(
      `Alma at ${baseUrl} is unreachable: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    timeout.clear();
  }
}
