/** A name that holds something secret or derived from a secret. */
const SECRETISH = /(sig|hmac|token|secret|digest|hash|expected|presented|apikey|api_key)/i;
/** Comparing with these is a presence or type check, not a comparison of secrets. */
const LITERAL = /^(undefined|null|true|false|-?\d+|"[^"]*"|'[^']*'|`[^`]*`)$/;
const COMPARISON = /([\w$.?[\]()"'`-]+)\s*(?:===|!==|==|!=)\s*([\w$.?[\]()"'`-]+)/g;

/**
 * Lines of `source` that compare a secret-looking value with `===` (or `==`, or Buffer#equals),
 * which returns at the first differing character and so leaks, through timing, how much of a
 * guessed signature is right. Presence and type checks (`=== undefined`, `typeof x ===`) pass.
 */
export function riskyComparisons(source: string): string[] {
  const findings: string[] = [];
  source.split("\n").forEach((raw, index) => {
    const line = raw.replace(/\/\/.*$/, "");
    if (/\.equals\(|Buffer\.compare\(/.test(line) && SECRETISH.test(line))
      findings.push(`${index + 1}: ${raw.trim()}`);
    for (const [, rawLeft = "", rawRight = ""] of line.matchAll(COMPARISON)) {
      const left = rawLeft.replace(/^[(!]+/, "");
      const right = rawRight.replace(/[);,]+$/, "");
      if (LITERAL.test(left) || LITERAL.test(right)) continue;
      if (
        /typeof\s*$/.test(line.slice(0, line.indexOf(left))) ||
        /\.length$/.test(left) ||
        /\.length$/.test(right)
      )
        continue;
      if (SECRETISH.test(left) || SECRETISH.test(right)) findings.push(`${index + 1}: ${raw.trim()}`);
    }
  });
  return findings;
}
