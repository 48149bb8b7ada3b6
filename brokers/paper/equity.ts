import { roundMoney } from "./pnl";

/** Equity = balance (realised) + the unrealised P&L of every open position, to the cent. */
export function equity(balance: number, unrealizedPnls: readonly number[]): number {
  return roundMoney(unrealizedPnls.reduce((sum, pnl) => sum + pnl, balance));
}

/** Margin still free for new positions: equity − margin in use (negative means a margin call). */
export function freeMargin(equityValue: number, usedMargin: number): number {
  return roundMoney(equityValue - usedMargin);
}
