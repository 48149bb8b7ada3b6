import { roundMoney } from "./round";

/** An open position as the exposure treemap needs it. */
export type OpenPositionValue = {
  broker: string;
  symbol: string;
  qty: number;
  entry_price: number;
  current_price: number | null;
  value_per_point: number;
  unrealized_pnl: number;
};

/** One treemap tile: how much money is at work in a symbol at a broker, and its running P&L. */
export type ExposureItem = { symbol: string; broker: string; notional: number; unrealized_pnl: number };

/**
 * Exposure per broker and symbol: notional = qty × current price × value per point (the
 * account-currency value of the position; the entry price stands in until the first
 * mark), summed over accounts, with the unrealised P&L alongside. Notional is a size, so
 * shorts count positive. Largest first.
 */
export function exposureItems(positions: readonly OpenPositionValue[]): ExposureItem[] {
  const tiles = new Map<string, ExposureItem>();
  for (const p of positions) {
    const key = `${p.broker}\u0000${p.symbol}`;
    const notional = Math.abs(p.qty) * (p.current_price ?? p.entry_price) * p.value_per_point;
    const tile = tiles.get(key) ?? { symbol: p.symbol, broker: p.broker, notional: 0, unrealized_pnl: 0 };
    tile.notional += notional;
    tile.unrealized_pnl += p.unrealized_pnl;
    tiles.set(key, tile);
  }
  return [...tiles.values()]
    .map((t) => ({ ...t, notional: roundMoney(t.notional), unrealized_pnl: roundMoney(t.unrealized_pnl) }))
    .sort((a, b) => b.notional - a.notional || a.symbol.localeCompare(b.symbol) || a.broker.localeCompare(b.broker));
}
