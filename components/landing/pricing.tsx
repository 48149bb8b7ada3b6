import { PLAN_IDS, PLANS, type Plan } from "@/lib/plans/catalog";
import { CtaLink } from "./cta-link";

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const count = new Intl.NumberFormat("en-US");

/** A plan's limits as label → value, straight from the catalog's numbers. */
export function planLimits(plan: Plan): [string, string][] {
  return [
    ["Broker accounts", plan.maxBrokerAccounts === null ? "Unlimited" : count.format(plan.maxBrokerAccounts)],
    ["Trades", plan.tradesPerPeriod === null ? "Unlimited" : `${count.format(plan.tradesPerPeriod)} ${plan.trialDays ? "in the trial" : "per month"}`],
    ["API requests", `${count.format(plan.requestsPerMinute)} per minute`],
    ["Advanced risk views", plan.advancedRiskViews ? "Included" : "—"],
    ["Full API access", plan.fullApi ? "Included" : "—"],
  ];
}

function PlanCard({ plan, signedIn }: { plan: Plan; signedIn: boolean }) {
  return (
    <li className="flex flex-col rounded-lg border border-border bg-surface p-5" data-testid={`plan-${plan.id}`} aria-labelledby={`plan-${plan.id}-name`}>
      <h3 id={`plan-${plan.id}-name`} className="text-lg font-semibold">
        {plan.name}
      </h3>
      <p className="mt-2">
        {plan.priceUsd === 0 ? (
          <>
            <span className="text-3xl font-bold">Free</span> <span className="text-sm text-muted">for {plan.trialDays} days</span>
          </>
        ) : (
          <>
            <span className="text-3xl font-bold" data-testid={`plan-${plan.id}-price`}>
              {usd.format(plan.priceUsd)}
            </span>{" "}
            <span className="text-sm text-muted">per month</span>
          </>
        )}
      </p>
      <dl className="mt-4 space-y-1 text-sm">
        {planLimits(plan).map(([label, value]) => (
          <div key={label} className="flex justify-between gap-2 border-b border-border pb-1">
            <dt className="text-muted">{label}</dt>
            <dd className="text-right font-medium">{value === "—" ? <span aria-label="Not included">—</span> : value}</dd>
          </div>
        ))}
      </dl>
      <ul className="mt-4 flex-1 space-y-2 text-sm">
        {plan.features.map((f) => (
          <li key={f} className="flex gap-2">
            <span aria-hidden="true" className="text-profit">
              ✓
            </span>
            <span>{f}</span>
          </li>
        ))}
      </ul>
      <CtaLink href={signedIn ? "/dashboard" : "/signup"} variant={plan.id === "trial" ? "primary" : "secondary"} className="mt-5 w-full">
        {signedIn ? "Go to dashboard" : plan.id === "trial" ? "Start free trial" : `Start free, then ${plan.name}`}
      </CtaLink>
    </li>
  );
}

/** Pricing cards generated from the plan catalog. */
export function Pricing({ signedIn }: { signedIn: boolean }) {
  return (
    <section id="pricing" aria-labelledby="pricing-title" className="mx-auto max-w-6xl px-4 py-12">
      <h2 id="pricing-title" className="text-2xl font-bold">
        Pricing
      </h2>
      <p className="mt-2 max-w-2xl text-muted">
        Every account starts on the free trial; upgrade when it has earned your trust. Two-factor authentication, signed webhooks and encrypted broker credentials
        are on every plan — security is never an upgrade.
      </p>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {PLAN_IDS.map((id) => (
          <PlanCard key={id} plan={PLANS[id]} signedIn={signedIn} />
        ))}
      </ul>
    </section>
  );
}
