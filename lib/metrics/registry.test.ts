import { afterEach, describe, expect, it, vi } from "vitest";
import { metrics, PNL_STALE_AFTER_MS } from "./registry";

describe("pnl_unrealized", () => {
  afterEach(() => vi.useRealTimers());

  it("is exported while the paper engine refreshes it, and cleared once it stops (this replica no longer leads)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { registry, pnlUnrealized } = metrics();
    pnlUnrealized.reset();
    pnlUnrealized.labels("paper", "EURUSD").inc(12.5);
    expect(await registry.metrics()).toMatch(/pnl_unrealized\{broker="paper",symbol="EURUSD"\} 12.5/);

    vi.advanceTimersByTime(PNL_STALE_AFTER_MS / 2);
    pnlUnrealized.reset();
    pnlUnrealized.labels("paper", "EURUSD").inc(13);
    vi.advanceTimersByTime(PNL_STALE_AFTER_MS / 2);
    expect(await registry.metrics()).toMatch(/pnl_unrealized\{broker="paper",symbol="EURUSD"\} 13/);

    vi.advanceTimersByTime(PNL_STALE_AFTER_MS + 1);
    expect(await registry.metrics()).not.toMatch(/pnl_unrealized\{/);
  });
});
