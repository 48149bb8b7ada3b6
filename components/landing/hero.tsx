import { CtaLink } from "./cta-link";

const BROKERS = ["TradeLocker", "Topstep (ProjectX)", "Tradovate", "MetaTrader 4 / 5", "Built-in paper broker"];

/** What Unify does and for whom, with the calls to action. */
export function Hero({ signedIn }: { signedIn: boolean }) {
  return (
    <section aria-labelledby="hero-title" className="mx-auto max-w-6xl px-4 py-12 sm:py-20">
      <p className="text-sm font-semibold uppercase tracking-wide text-primary">For traders who automate with TradingView</p>
      <h1 id="hero-title" className="mt-3 max-w-3xl text-3xl font-bold tracking-tight sm:text-5xl">
        Your alerts become broker orders — after your own risk rules.
      </h1>
      <p className="mt-5 max-w-2xl text-lg text-muted">
        Unify receives each TradingView alert (or any bot&apos;s), checks your daily loss limit, trade count, trading hours and news lockout, sizes the order to
        your broker&apos;s limits and places it. Then it shows the position live, with running P&amp;L, so you can close it — or stop everything — in one click.
      </p>
      <div className="mt-8 flex flex-wrap gap-3">
        {signedIn ? (
          <CtaLink href="/dashboard">Go to dashboard</CtaLink>
        ) : (
          <>
            <CtaLink href="/signup">Start free trial</CtaLink>
            <CtaLink href="/login" variant="secondary">
              Log in
            </CtaLink>
          </>
        )}
      </div>
      <p className="mt-3 text-sm text-muted">Try it on the built-in paper broker first: no broker credentials, no money at risk.</p>
      <div className="mt-10">
        <h2 className="text-sm font-semibold text-muted">Works with</h2>
        <ul className="mt-2 flex flex-wrap gap-2 text-sm">
          {BROKERS.map((b) => (
            <li key={b} className="rounded-full border border-border bg-surface px-3 py-1">
              {b}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
