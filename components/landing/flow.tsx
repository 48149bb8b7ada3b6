const STEPS = [
  {
    title: "Alert",
    text: "TradingView posts your alert message to your webhook URL. The API key travels in the message, because TradingView cannot send headers. Bots can sign requests with HMAC.",
  },
  {
    title: "Risk checks",
    text: "Max daily loss, trades per day, open trades, trading hours, news lockout, denied instruments — checked before every order, and never exceeded even when twenty alerts arrive at once.",
  },
  {
    title: "Broker",
    text: "Sized to the broker's minimum, maximum and step, then placed. Unify answers within 2.5 seconds, inside TradingView's 3-second wait; a slow broker finishes in the background.",
  },
  {
    title: "Live positions",
    text: "Orders and positions stream to your dashboard with running P&L. Close one, or press Emergency Stop to flatten everything and disable every account.",
  },
];

/** The path of an alert, step by step. */
export function Flow() {
  return (
    <section id="how-it-works" aria-labelledby="flow-title" className="border-y border-border bg-surface">
      <div className="mx-auto max-w-6xl px-4 py-12">
        <h2 id="flow-title" className="text-2xl font-bold">
          How an alert becomes a position
        </h2>
        <ol className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {STEPS.map((s, n) => (
            <li key={s.title} className="rounded-lg border border-border bg-bg p-4">
              <p className="text-sm font-semibold text-primary">
                Step {n + 1}
                <span aria-hidden="true"> →</span>
              </p>
              <h3 className="mt-1 text-lg font-semibold">{s.title}</h3>
              <p className="mt-2 text-sm text-muted">{s.text}</p>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
