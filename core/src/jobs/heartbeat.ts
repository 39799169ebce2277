/**
 * The suite's one in-process timer, for recurring work that is not a durable job: keeping a lease
 * or a lock alive, an instance's presence, sweeping in-memory windows, each instance's tick that
 * queues a periodic task's period. Such work belongs to this process (it means nothing once the
 * process is gone, or only queues what the jobs table makes durable); recurring work that must
 * happen once per period whatever instance runs it is a periodic task (periodic-task.ts).
 *
 * Calls `beat` every `intervalMs` until stopped, one call at a time: a beat still waiting on the
 * database when the next tick comes is enough, and a stuck one never piles up others behind it.
 * A beat that resolves to `false` ends the heartbeat (what it kept alive is gone); one that throws
 * is simply tried again at the next tick. Unreferenced, so it never keeps the process alive.
 */
export function startHeartbeat(
  intervalMs: number,
  beat: () => Promise<boolean | undefined>,
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = async () => {
    try {
      if ((await beat()) === false) clearInterval(timer);
    } catch {
      // The next tick tries again.
    } finally {
      running = undefined;
    }
  };
  const timer = setInterval(
    () => {
      running ??= tick();
    },
    Math.max(1, intervalMs),
  );
  timer.unref();
  return {
    /** Stops the ticks and waits for a beat in flight, so nothing is written after it. */
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
