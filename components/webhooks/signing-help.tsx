import { Card } from "@/components/ui/card";
import { signedCurlExample, SIGNATURE_HEADER_FORMAT } from "@/lib/webhooks/signing";
import { CodeBlock } from "./code-block";
import { CopyAction } from "./copy-action";

/** HMAC signing for senders other than TradingView (bots, scripts). */
export function SigningHelp({ url }: { url: string }) {
  const example = signedCurlExample(url);
  return (
    <Card title="Signing for other senders (HMAC)">
      <div className="space-y-3 text-sm">
        <p className="text-muted">
          Bots and scripts can sign each request with the account&apos;s webhook secret (shown once, when the account was created). Unify checks the signature
          over the exact raw body, accepts a timestamp within 5 minutes of its clock, and accepts each signature once.
        </p>
        <CodeBlock label="Signature header format">{SIGNATURE_HEADER_FORMAT}</CodeBlock>
        <CodeBlock label="Signed request example (shell)">{example}</CodeBlock>
        <CopyAction value={example} label="Copy signing example" />
      </div>
    </Card>
  );
}
