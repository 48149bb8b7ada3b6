import Link from "next/link";
import type { ReactNode } from "react";

const STYLES = {
  primary: "bg-primary text-primary-fg hover:opacity-90",
  secondary: "border border-border bg-surface text-text hover:bg-surface-2",
} as const;

/** A link styled as a button, for calls to action. */
export function CtaLink({ href, children, variant = "primary", className = "" }: { href: string; children: ReactNode; variant?: keyof typeof STYLES; className?: string }) {
  return (
    <Link href={href} className={`inline-flex min-h-11 items-center justify-center rounded-md px-5 py-2 text-sm font-semibold ${STYLES[variant]} ${className}`}>
      {children}
    </Link>
  );
}
