"use client";

import { useState, type FormEvent } from "react";
import { api, ApiError } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { AccountView } from "@/lib/accounts/schemas";
import type { RevealedSecrets } from "./secret-reveal";

export type BrokerOption = {
  id: string;
  label: string;
  note?: string;
  fields: readonly { name: string; label: string; secret?: boolean; optional?: boolean }[];
};

type Created = { account: AccountView; api_key: string; webhook_secret: string; ea_device?: RevealedSecrets["ea_device"] };

/** Connect a broker account: the fields each broker needs, validated by the broker before saving. */
export function ConnectForm({ brokers, onCreated }: { brokers: BrokerOption[]; onCreated: (c: Created) => void }) {
  const [brokerId, setBrokerId] = useState(brokers[0]?.id ?? "paper");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const broker = brokers.find((b) => b.id === brokerId) ?? brokers[0];

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const credentials: Record<string, string | number> = {};
    if (brokerId === "paper") {
      const start = String(form.get("starting_balance") ?? "").trim();
      if (start) credentials.starting_balance = Number(start);
    }
    for (const f of broker.fields) {
      const v = String(form.get(`cred_${f.name}`) ?? "").trim();
      if (v) credentials[f.name] = v;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await api<Created>("/accounts", {
        body: { broker: brokerId, name: String(form.get("name") ?? ""), mode: String(form.get("mode") ?? "demo"), credentials },
      });
      onCreated(created);
      (e.target as HTMLFormElement).reset();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError("Network error", 0, "network"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" noValidate aria-label="Connect a broker account">
      <SelectField id="broker" label="Broker" value={brokerId} onChange={(e) => setBrokerId(e.target.value)} error={error?.fieldError("broker")}>
        {brokers.map((b) => (
          <option key={b.id} value={b.id}>
            {b.label}
          </option>
        ))}
      </SelectField>
      <TextField id="account-name" name="name" label="Name" required maxLength={80} placeholder="e.g. Main paper" error={error?.fieldError("name")} />
      <SelectField id="mode" name="mode" label="Mode" defaultValue="demo">
        <option value="demo">Demo</option>
        <option value="live">Live</option>
      </SelectField>
      {brokerId === "paper" ? (
        <TextField id="starting_balance" name="starting_balance" label="Starting balance (USD)" type="number" min={1} step="any" placeholder="100000" />
      ) : null}
      {broker.fields.map((f) => (
        <TextField
          key={`${brokerId}-${f.name}`}
          id={`cred_${f.name}`}
          name={`cred_${f.name}`}
          label={f.optional ? `${f.label} (optional)` : f.label}
          type={f.secret ? "password" : "text"}
          autoComplete="off"
          error={error?.fieldError(`credentials.${f.name}`)}
        />
      ))}
      {broker.note ? <p className="text-sm text-muted sm:col-span-2">{broker.note}</p> : null}
      <div role="alert" aria-live="assertive" className="text-sm text-loss sm:col-span-2">
        {error && error.errors.length === 0 ? error.message : null}
      </div>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Connecting…" : "Connect account"}
        </Button>
      </div>
    </form>
  );
}
