-- Broker sync asks, for each remote account every minute, which of its orders changed since
-- it last read the broker. By (account_id, updated_at) that read costs what changed, not
-- the account's whole history. The (account_id, status) index it replaces had no reader
-- that the open-orders index (orders in flight, by account) does not serve.
drop index if exists public.orders_account_status_idx;
create index if not exists orders_account_updated_idx on public.orders (account_id, updated_at);
