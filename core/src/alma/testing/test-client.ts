import { AlmaClient, type AlmaClientOptions } from "../alma-client.ts";

export const testApiKey = "sk_test_5mBvQy2bNq3oZ9hC4tDfRg1k";
export const sandboxUrl = "https://api.sandbox.getalma.eu";
export const liveUrl = "https://api.getalma.eu";

/** Headers every request must carry; pass as nock's `reqheaders`. */
export const expectedHeaders = {
  authorization: `Alma-Auth ${testApiKey}`,
  accept: "application/json",
  "user-agent": /^alma-suite\/\d+\.\d+\.\d+; Node\/\d+\.\d+\.\d+$/,
};

/**
 * A sandbox client whose waits are recorded instead of slept and whose jitter is pinned, so retry
 * tests run instantly and can assert the delays.
 */
export function createTestClient(options: Partial<AlmaClientOptions> = {}): {
  alma: AlmaClient;
  sleeps: number[];
} {
  const sleeps: number[] = [];
  const alma = new AlmaClient({
    apiKey: testApiKey,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { alma, sleeps };
}
