import { adapterFor } from "@/brokers/registry";
import { BROKER_IDS, type BrokerId } from "@/brokers/types";

const LABELS: Record<BrokerId, string> = {
  paper: "Paper (simulated, no credentials)",
  tradelocker: "TradeLocker",
  topstep: "Topstep (ProjectX Gateway)",
  tradovate: "Tradovate",
  mt5: "MetaTrader 5 (TruForex and others, via EA)",
  mt4: "MetaTrader 4 (via EA)",
};

const NOTES: Partial<Record<BrokerId, string>> = {
  topstep: "Check your prop firm's terms: Topstep reportedly restricts automation from remote servers.",
  mt5: "After connecting, paste the device id and secret into the UnifyBridge Expert Advisor in your terminal.",
  mt4: "After connecting, paste the device id and secret into the UnifyBridge Expert Advisor in your terminal.",
};

/** The brokers the connect form offers, with the credential fields each adapter asks for. */
export function brokerOptions() {
  return BROKER_IDS.flatMap((id) => {
    try {
      return [{ id, label: LABELS[id], note: NOTES[id], fields: adapterFor(id).credentialFields }];
    } catch {
      return [];
    }
  });
}
