"use client";

import { useRef, type RefObject } from "react";
import type { TextIssue } from "./validate-text";

type Props = { value: string; onChange: (v: string) => void; issues: TextIssue[]; textareaRef: RefObject<HTMLTextAreaElement | null>; describedBy: string };

/**
 * A plain textarea with a line-number gutter: monospace, no wrapping (so numbers line up),
 * lines with an error marked with "!" as well as colour.
 */
export function AlertEditor({ value, onChange, issues, textareaRef, describedBy }: Props) {
  const gutter = useRef<HTMLDivElement>(null);
  const bad = new Set(issues.map((i) => i.line).filter((l): l is number => l !== undefined));
  const count = Math.max(1, value.split("\n").length);
  return (
    <div className="flex min-w-0 overflow-hidden rounded-md border border-border bg-surface focus-within:border-primary">
      <div ref={gutter} aria-hidden="true" className="select-none overflow-hidden border-r border-border bg-surface-2 py-2 font-mono text-xs leading-5 text-muted">
        {Array.from({ length: count }, (_, n) => (
          <div key={n} className={`px-2 text-right tabular-nums ${bad.has(n + 1) ? "bg-loss/15 font-bold text-loss" : ""}`}>
            {bad.has(n + 1) ? "!" : ""}
            {n + 1}
          </div>
        ))}
      </div>
      <textarea
        id="alert-json"
        ref={textareaRef}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
        }}
        wrap="off"
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        rows={16}
        aria-invalid={issues.length > 0}
        aria-describedby={describedBy}
        className="min-h-64 min-w-0 flex-1 resize-y bg-surface px-3 py-2 font-mono text-xs leading-5 text-text"
      />
    </div>
  );
}
