import Link from "next/link";
import { Card } from "@/components/ui/card";
import { envelopeTemplate, flatTemplate } from "@/lib/webhooks/templates";
import { CodeBlock } from "./code-block";
import { CopyAction } from "./copy-action";

/** The two alert messages for one account, with what each placeholder becomes. */
export function TemplatesCard({ apiKey, accountId }: { apiKey?: string; accountId: string }) {
  const flat = flatTemplate(apiKey || undefined);
  const envelope = envelopeTemplate(apiKey || undefined);
  return (
    <Card title="2. Alert message">
      <div className="space-y-6">
        <section aria-labelledby="tpl-flat" className="space-y-2">
          <h3 id="tpl-flat" className="font-medium">
            Flat TradingView alert — recommended for strategies
          </h3>
          <p className="text-sm text-muted">
            Paste into the alert&apos;s <strong>Message</strong> box. TradingView fills the <code className="font-mono">{"{{…}}"}</code> placeholders when an order
            fires. <code className="font-mono">sentiment</code> gets <code className="font-mono">{"{{strategy.market_position}}"}</code>, the position after the
            order: <strong>&quot;flat&quot; means exit</strong> — Unify closes the whole position instead of opening an opposite trade; a sell that leaves you
            long closes part of it.
          </p>
          <CodeBlock label="Flat TradingView alert template" testId="template-flat">
            {flat}
          </CodeBlock>
          <CopyAction value={flat} label="Copy flat template" />
        </section>
        <section aria-labelledby="tpl-envelope" className="space-y-2">
          <h3 id="tpl-envelope" className="font-medium">
            unify.v1 envelope — entries
          </h3>
          <p className="text-sm text-muted">
            The strict format, also for bots. Numbers are unquoted, so the text becomes valid JSON once TradingView has put the numbers in. It has no market
            position: every alert opens or adds to a position, so use it for entry alerts, or the flat template when the strategy also exits.
          </p>
          <CodeBlock label="unify.v1 envelope template" testId="template-envelope">
            {envelope}
          </CodeBlock>
          <CopyAction value={envelope} label="Copy unify.v1 template" />
        </section>
        <p className="text-sm">
          <Link className="text-primary underline" href={`/playground?account=${accountId}`}>
            Try these in the playground
          </Link>{" "}
          — it fills in sample values and shows the order each would place, without trading.
        </p>
      </div>
    </Card>
  );
}
