import Link from "next/link";

const STEPS = [
  { href: "/accounts", title: "Connect a broker account", detail: "Start with the built-in paper broker: no credentials, no money at risk." },
  { href: "/webhooks", title: "Copy your webhook URL and alert template", detail: "Paste them into a TradingView alert (the API key goes in the message)." },
  { href: "/playground", title: "Send a test alert", detail: "See the order Unify would place, with its stop and target, before going live." },
  { href: "/positions", title: "Watch the position live", detail: "Running P&L, one-click close, and the emergency stop when you need it." },
];

/** The first-run checklist, shown while the trader has no broker account. */
export function GetStarted() {
  return (
    <section aria-labelledby="start-title" className="rounded-lg border border-primary/40 bg-surface p-4" data-testid="get-started">
      <h2 id="start-title" className="text-base font-semibold">
        Get started in four steps
      </h2>
      <p className="mt-1 text-sm text-muted">Nothing trades until you connect an account and send it an alert.</p>
      <ol className="mt-3 space-y-3">
        {STEPS.map((s, i) => (
          <li key={s.href} className="flex gap-3">
            <span aria-hidden className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full border border-border text-xs font-semibold">
              {i + 1}
            </span>
            <div className="min-w-0">
              <Link href={s.href} className="font-medium text-primary underline">
                {s.title}
              </Link>
              <p className="text-sm text-muted">{s.detail}</p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
