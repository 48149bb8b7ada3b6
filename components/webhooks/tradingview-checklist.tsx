import { Card } from "@/components/ui/card";

/** The TradingView facts a trader needs before the first alert fires. */
export function TradingViewChecklist() {
  return (
    <Card title="What TradingView needs to know">
      <ul className="list-disc space-y-2 pl-5 text-sm">
        <li>
          <strong>The API key goes in the message body</strong> (<code className="font-mono">api_key</code>): TradingView cannot send headers, so{" "}
          <code className="font-mono">Authorization: Bearer</code> is for bots only.
        </li>
        <li>
          <strong>TradingView waits at most 3 seconds.</strong> Unify answers within 2.5 s; when a broker is slower, the answer says{" "}
          <code className="font-mono">pending</code> and the order completes in the background — watch it on Positions.
        </li>
        <li>
          <strong>Only ports 80 and 443.</strong> TradingView will not post to any other port, nor to a local address.
        </li>
        <li>
          <strong>Strategy placeholders need a strategy.</strong> <code className="font-mono">{"{{strategy.order.action}}"}</code> and friends are only filled in
          strategy alerts; Unify names any placeholder that arrives unfilled.
        </li>
        <li>Enable 2-factor authentication on TradingView too: anyone with your alert message holds your API key.</li>
      </ul>
    </Card>
  );
}
