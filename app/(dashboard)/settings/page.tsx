import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/http/page-session";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { getRiskSettings } from "@/lib/settings/risk-settings";
import { getTradingConfig } from "@/lib/settings/trading-config";
import { BROKER_IDS } from "@/brokers/types";
import { BROKER_LABELS } from "@/components/settings/broker-labels";
import { SettingsEditor } from "@/components/settings/settings-editor";

export const metadata: Metadata = { title: "Settings" };

/** IANA zones this server knows, UTC first; the browser gets the same list, so the select never mismatches. */
function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}

export default async function SettingsPage() {
  const user = await requireUser();
  const [risk, config, accounts, perBroker] = await Promise.all([
    getRiskSettings(user),
    getTradingConfig(user),
    listAccounts(user),
    // Which brokers have their own settings, so the selector can say so before one is opened.
    Promise.all(BROKER_IDS.map(async (id) => ({ id, risk: await getRiskSettings(user, id), config: await getTradingConfig(user, id) }))),
  ]);
  const connected = new Set(accounts.map((a) => a.broker));
  const brokers = perBroker
    .sort((a, b) => Number(connected.has(b.id)) - Number(connected.has(a.id)))
    .map(({ id, risk: r, config: c }) => ({ id, label: BROKER_LABELS[id] ?? id, connected: connected.has(id), hasOverride: r.is_override || c.is_override }));
  return (
    <>
      <h1 className="text-2xl font-semibold">Settings</h1>
      <p className="max-w-3xl text-sm text-muted">
        Your own risk rules, checked before every order, and the defaults that size an order when an alert leaves something out. Test the effect in the{" "}
        <Link className="text-primary underline" href="/playground">
          playground
        </Link>
        .
      </p>
      <SettingsEditor initial={{ risk, config }} brokers={brokers} timezones={timeZones()} />
    </>
  );
}
