-- The MetaTrader EA bridge: single use of device signatures, and the indexes the bridge's
-- background job (command expiry) and findOrder (command by order id) read through.

-- Signatures an EA device has used (X-Signature `t.v1`), each accepted once. The EA polls
-- twice a second, so rows are pruned once they are older than the 300 s window (a replay
-- that old is refused as expired anyway). Service bookkeeping, like stripe_events: RLS on,
-- no policies, no grants, so users never read or write it.
create table if not exists public.ea_signatures (
  device_id uuid not null references public.ea_devices (id) on delete cascade,
  signature text not null,
  seen_at timestamptz not null default now(),
  primary key (device_id, signature)
);
create index if not exists ea_signatures_seen_idx on public.ea_signatures (seen_at);
alter table public.ea_signatures enable row level security;
alter table public.ea_signatures force row level security;

-- Commands still waiting for the EA, by deadline (the expiry job scans only these).
create index if not exists ea_commands_open_expiry_idx on public.ea_commands (expires_at) where status in ('queued', 'sent');
-- findOrder and acks look a command up by our order id.
create index if not exists ea_commands_order_idx on public.ea_commands (order_id) where order_id is not null;
