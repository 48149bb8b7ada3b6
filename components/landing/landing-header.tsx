import Link from "next/link";
import { CtaLink } from "./cta-link";

/** Top bar: brand, pricing anchor, and sign-in or "Go to dashboard" for a signed-in visitor. */
export function LandingHeader({ signedIn }: { signedIn: boolean }) {
  return (
    <header className="border-b border-border bg-surface">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-3 px-4 py-3">
        <Link href="/" className="text-lg font-bold tracking-tight">
          Unify
        </Link>
        <nav aria-label="Site" className="ml-auto flex items-center gap-1 text-sm">
          <a href="#how-it-works" className="hidden rounded-md px-3 py-2 text-muted hover:text-text sm:inline">
            How it works
          </a>
          <a href="#pricing" className="rounded-md px-3 py-2 text-muted hover:text-text">
            Pricing
          </a>
          {signedIn ? (
            <CtaLink href="/dashboard">Go to dashboard</CtaLink>
          ) : (
            <>
              <Link href="/login" className="rounded-md px-3 py-2 text-muted hover:text-text">
                Log in
              </Link>
              <CtaLink href="/signup">
                Start free trial
              </CtaLink>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
