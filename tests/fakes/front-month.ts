/**
 * Front month of the CME quarterly equity-index futures (ES, MES, NQ, MNQ): March (H),
 * June (M), September (U), December (Z), expiring on the third Friday of the month.
 * Volume moves to the next contract about a week before expiry (the roll), so the fakes
 * list the next quarter once `rollDays` before expiry is reached.
 */

export type ContractMonth = {
  /** CME month code: H, M, U or Z. */
  code: "H" | "M" | "U" | "Z";
  /** Calendar month 1–12. */
  month: number;
  year: number;
  /** Expiry (third Friday), UTC midnight. */
  expiry: Date;
};

const QUARTERS: Array<[ContractMonth["code"], number]> = [
  ["H", 3],
  ["M", 6],
  ["U", 9],
  ["Z", 12],
];

function thirdFriday(year: number, month: number): Date {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const offset = (5 - first.getUTCDay() + 7) % 7;
  return new Date(Date.UTC(year, month - 1, 1 + offset + 14));
}

/** The quarterly contract that is front month at `now`. */
export function frontMonth(now: Date, rollDays = 8): ContractMonth {
  for (let year = now.getUTCFullYear(); ; year++) {
    for (const [code, month] of QUARTERS) {
      const expiry = thirdFriday(year, month);
      if (now.getTime() < expiry.getTime() - rollDays * 86_400_000) return { code, month, year, expiry };
    }
  }
}

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
export const monthName = (month: number) => MONTH_NAMES[month - 1];
