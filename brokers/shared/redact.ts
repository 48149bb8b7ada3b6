/**
 * Removes credential values from a text before it reaches an error message: a broker
 * that echoes a submitted field back must not leak a password or API key into our logs.
 */
export function scrubSecrets(text: string, credentials: Record<string, string> | null | undefined): string {
  let out = text;
  for (const value of Object.values(credentials ?? {})) {
    if (value && value.length >= 4) out = out.split(value).join("[redacted]");
  }
  return out.length > 300 ? `${out.slice(0, 297)}...` : out;
}
