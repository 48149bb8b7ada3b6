/** Preformatted text that wraps instead of scrolling sideways, so it fits a phone screen. */
export function CodeBlock({ children, label, testId }: { children: string; label: string; testId?: string }) {
  return (
    <pre aria-label={label} data-testid={testId} className="whitespace-pre-wrap rounded-md border border-border bg-surface-2 p-3 font-mono text-xs leading-relaxed wrap-anywhere">
      <code>{children}</code>
    </pre>
  );
}
