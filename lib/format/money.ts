const formatters = new Map<string, Intl.NumberFormat>();

/** Money in the account currency, e.g. "$25,000.00". */
export function formatMoney(value: number, currency = "USD"): string {
  let f = formatters.get(currency);
  if (!f) formatters.set(currency, (f = new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 2 })));
  return f.format(value);
}

/** Signed P&L: "+$12.50" / "−$3.00". */
export function formatPnl(value: number, currency = "USD"): string {
  const s = formatMoney(Math.abs(value), currency);
  return value > 0 ? `+${s}` : value < 0 ? `−${s}` : s;
}

export function formatNumber(value: number, maxDigits = 5): string {
  return new Intl.NumberFormat("en-US", { maximumFractionDigits: maxDigits }).format(value);
}
