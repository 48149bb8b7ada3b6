"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * A button whose name says what it copies ("Copy flat template"); the outcome is announced
 * next to it, so the button's name stays stable for people and for tests.
 */
export function CopyAction({ value, label }: { value: string; label: string }) {
  const [status, setStatus] = useState("");
  useEffect(() => {
    if (!status) return;
    const t = setTimeout(() => setStatus(""), 2500);
    return () => clearTimeout(t);
  }, [status]);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setStatus("Copied to the clipboard");
          } catch {
            setStatus("Copy failed: select the text and copy it by hand");
          }
        }}
      >
        {label}
      </Button>
      <span role="status" className="text-xs text-muted">
        {status}
      </span>
    </div>
  );
}
