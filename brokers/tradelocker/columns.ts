import { asArray, asRecord, str, type JsonRecord } from "@/brokers/shared/json";

/** The column-list keys of GET /trade/config this adapter reads. */
export type ColumnListKey = "positionsConfig" | "ordersConfig" | "ordersHistoryConfig" | "accountDetailsConfig";

/**
 * Column ids of one list in /trade/config (`d.<key>.columns[].id`). TradeLocker sends
 * positions, orders and account details as arrays of bare values ordered by these lists,
 * and the order is the broker's to change, so values are always read by column name.
 */
export function columnIds(config: JsonRecord, key: ColumnListKey): string[] {
  return asArray(asRecord(config[key]).columns)
    .map((c) => str(asRecord(c).id))
    .filter((id): id is string => id !== undefined);
}

/** Turns one array of values into an object keyed by the column ids. */
export function rowByColumns(values: unknown, columns: string[]): JsonRecord {
  const row: JsonRecord = {};
  const cells = asArray(values);
  columns.forEach((name, i) => {
    if (i < cells.length) row[name] = cells[i];
  });
  return row;
}

/** Turns a list of value arrays into objects keyed by the column ids. */
export function rowsByColumns(rows: unknown, columns: string[]): JsonRecord[] {
  return asArray(rows).map((values) => rowByColumns(values, columns));
}
