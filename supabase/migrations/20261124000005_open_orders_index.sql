-- The hot path counts an account's orders in flight (open trades, open symbols, a pending
-- exit) on every alert. This index holds only orders in flight, so those reads cost the
-- same however long the account's history is — whatever plan the statistics lead to.
create index orders_open_idx on public.orders (account_id, symbol) where status in ('pending', 'submitted', 'partially_filled');
