import Link from "next/link";

/** The honest small print: automation executes rules, it does not remove market risk. */
export function LandingFooter() {
  return (
    <footer className="border-t border-border">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-6 text-sm text-muted">
        <p>Trading involves risk of loss. Unify executes your rules; it does not make trading decisions. Test every alert on paper first.</p>
        <nav aria-label="Account" className="flex gap-3">
          <Link className="underline hover:text-text" href="/login">
            Log in
          </Link>
          <Link className="underline hover:text-text" href="/signup">
            Sign up
          </Link>
        </nav>
      </div>
    </footer>
  );
}
