import { flatTemplate } from "@/lib/webhooks/templates";

export type Sample = { id: string; label: string; text: string };

const json = (v: unknown) => JSON.stringify(v, null, 2);

/** Alerts to start from: each format, an exit, and the template as TradingView would receive it unfilled. */
export const SAMPLES: Sample[] = [
  {
    id: "flat-entry",
    label: "Flat alert: buy with SL/TP",
    text: json({ ticker: "EURUSD", action: "buy", sentiment: "long", quantity: "1", stop_loss: "20", stop_loss_type: "pips", take_profit: "2", take_profit_type: "rr" }),
  },
  {
    id: "envelope-entry",
    label: "unify.v1: sell gold, risk 0.5 %",
    text: json({
      version: "unify.v1",
      source: "tradingview",
      intent: { action: "entry", side: "sell", symbol: "XAUUSD", qty_mode: "risk_pct", qty: 0.5, sl: { mode: "pct", value: 0.4 }, tp: { mode: "rr", value: 2 } },
    }),
  },
  {
    id: "intent-futures",
    label: "Bare intent: MNQ with points",
    text: json({ side: "buy", symbol: "MNQ", qty: 1, sl: { mode: "points", value: 20 }, tp: { mode: "points", value: 40 } }),
  },
  { id: "flat-exit", label: "Strategy goes flat (exit)", text: json({ ticker: "EURUSD", action: "sell", sentiment: "flat", quantity: "1" }) },
  { id: "template", label: "Template with placeholders", text: flatTemplate() },
];
