/** Secrets are read from standard input, never from arguments (which shell history keeps). */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("enter the secret, then Ctrl-D: ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").trim();
}
