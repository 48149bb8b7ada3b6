const TONE: Record<string, string> = { error: "text-loss border-loss", warn: "text-warn border-warn", info: "text-muted border-border", debug: "text-muted border-border" };

/** A log level as a small word badge (the word carries the meaning, colour only helps). */
export function LogLevel({ level }: { level: string }) {
  return <span className={`inline-block w-12 shrink-0 rounded border px-1 text-center text-[11px] font-semibold uppercase ${TONE[level] ?? TONE.info}`}>{level}</span>;
}
