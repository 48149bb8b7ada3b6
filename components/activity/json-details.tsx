/** JSON behind a native disclosure: collapsed by default, keyboard and screen-reader friendly. */
export function JsonDetails({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer select-none text-primary">{label}</summary>
      <pre className="mt-1 max-h-80 overflow-auto rounded-md bg-surface-2 p-2 font-mono text-[11px] leading-relaxed whitespace-pre-wrap break-all">
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}
